ALTER TABLE `rules` ADD `granting` text DEFAULT 'AUTOMATIC' NOT NULL;--> statement-breakpoint
CREATE INDEX `reservations_person` ON `reservations` (`person_id`);