ALTER TABLE `person_certifications` ADD `valid_until` text;--> statement-breakpoint
ALTER TABLE `person_certifications` ADD `mention` text;--> statement-breakpoint
ALTER TABLE `person_certifications` ADD `issuer_id` text;--> statement-breakpoint
ALTER TABLE `person_certifications` ADD `issuer_name` text;--> statement-breakpoint
ALTER TABLE `persons` ADD `birth_date` text;--> statement-breakpoint
CREATE INDEX `persons_birth_date` ON `persons` (`birth_date`);