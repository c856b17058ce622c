ALTER TABLE `dossiers` ADD `completion_rate` integer;--> statement-breakpoint
ALTER TABLE `transitions` ADD `effective_on` text;