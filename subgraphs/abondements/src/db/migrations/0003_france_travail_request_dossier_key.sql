ALTER TABLE `france_travail_requests` ADD `dossier_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `france_travail_requests_dossier_key` ON `france_travail_requests` (`dossier_key`);