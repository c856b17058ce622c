CREATE TABLE `catalogue_changes` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`kind` text NOT NULL,
	`entity` text NOT NULL,
	`id` text NOT NULL,
	`source_id` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `catalogue_changes_at` ON `catalogue_changes` (`at`);--> statement-breakpoint
CREATE TABLE `source_records` (
	`source_id` text NOT NULL,
	`numero` text NOT NULL,
	`file` text NOT NULL,
	`exported_at` text NOT NULL,
	`imported_at` text NOT NULL,
	`content_hash` text NOT NULL,
	`record` text NOT NULL,
	PRIMARY KEY(`source_id`, `numero`)
);
--> statement-breakpoint
CREATE INDEX `source_records_numero` ON `source_records` (`numero`);--> statement-breakpoint
ALTER TABLE `formations` ADD `stale` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `stale` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `content_hash` text;