ALTER TABLE `sessions` ADD `duplicate_key` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `duplicate_of` text;--> statement-breakpoint
CREATE INDEX `sessions_duplicate_key` ON `sessions` (`duplicate_key`);--> statement-breakpoint
-- Keys of the sessions imported before (domain/duplicates.ts computes the same at import), then each group's representative.
UPDATE sessions SET duplicate_key = (
  SELECT f.organisme_siret || '|' || coalesce(f.certification_code, 'titre:' || lower(f.intitule)) || '|' || sessions.debut || '|' || sessions.fin
    || '|' || coalesce(a.code_insee, CASE WHEN sessions.modalite = 'DISTANCE' THEN 'distance' END)
  FROM formations f JOIN actions a ON a.id = sessions.action_id WHERE f.id = sessions.formation_id);--> statement-breakpoint
UPDATE sessions SET duplicate_of = nullif((SELECT d.id FROM sessions d WHERE d.duplicate_key = sessions.duplicate_key
  ORDER BY d.stale IS NOT NULL, d.id LIMIT 1), id)
WHERE duplicate_key IS NOT NULL;
