ALTER TABLE `actions` ADD `acces_handicapes` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `nb_places` integer;--> statement-breakpoint
-- modalites-enseignement was read with 1 and 2 swapped before this migration (LHEO dict-modalites-enseignement:
-- 1 mixte, 2 entièrement à distance; the indexer cannot write to a catalogue without this migration's columns,
-- so whatever is there was read the old way): swap it in the tables and in each source's stored copy (JSON
-- written by JSON.stringify), so that merges of copies agree. A Meilisearch index built before needs a full re-sync.
UPDATE actions SET modalite = CASE modalite WHEN 'DISTANCE' THEN 'MIXTE' WHEN 'MIXTE' THEN 'DISTANCE' ELSE modalite END;--> statement-breakpoint
UPDATE sessions SET modalite = CASE modalite WHEN 'DISTANCE' THEN 'MIXTE' WHEN 'MIXTE' THEN 'DISTANCE' ELSE modalite END;--> statement-breakpoint
UPDATE source_records SET record = replace(replace(replace(record, '"modalite":"DISTANCE"', '"modalite":"@@0003@@"'), '"modalite":"MIXTE"', '"modalite":"DISTANCE"'), '"modalite":"@@0003@@"', '"modalite":"MIXTE"');
