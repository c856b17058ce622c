ALTER TABLE `sessions` ADD `duplicate_key` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `duplicate_of` text;--> statement-breakpoint
CREATE INDEX `sessions_duplicate_key` ON `sessions` (`duplicate_key`);--> statement-breakpoint
-- Keys of the sessions imported before (domain/duplicates.ts computes the same at import), then each group's representative.
WITH base AS (
  SELECT s.id, s.formation_id, f.organisme_siret || '|' || coalesce(f.certification_code, 'titre:' || lower(f.intitule)) || '|' || s.debut || '|' || s.fin
    || '|' || coalesce(a.code_insee, CASE WHEN s.modalite = 'DISTANCE' THEN 'distance' END) AS k
  FROM sessions s JOIN formations f ON f.id = s.formation_id JOIN actions a ON a.id = s.action_id),
ranked AS (SELECT id, k || '#' || row_number() OVER (PARTITION BY formation_id, k ORDER BY id) AS k FROM base WHERE k IS NOT NULL)
UPDATE sessions SET duplicate_key = ranked.k FROM ranked WHERE ranked.id = sessions.id;--> statement-breakpoint
UPDATE sessions SET duplicate_of = nullif((SELECT d.id FROM sessions d WHERE d.duplicate_key = sessions.duplicate_key
  ORDER BY d.stale IS NOT NULL, d.id LIMIT 1), id)
WHERE duplicate_key IS NOT NULL;
