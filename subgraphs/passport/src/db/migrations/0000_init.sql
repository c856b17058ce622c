CREATE TABLE `access_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` text NOT NULL,
	`viewer_sub` text NOT NULL,
	`viewer_role` text NOT NULL,
	`scopes` text NOT NULL,
	`read_at` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `access_log_person` ON `access_log` (`person_id`,`read_at`);--> statement-breakpoint
CREATE TABLE `consents` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`viewer_sub` text NOT NULL,
	`scopes` text NOT NULL,
	`granted_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`revoked_at` text,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `consents_viewer` ON `consents` (`viewer_sub`,`person_id`);--> statement-breakpoint
CREATE TABLE `experiences` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`job_title` text NOT NULL,
	`rome_code` text,
	`employer` text,
	`start_date` text NOT NULL,
	`end_date` text,
	`provenance` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rome_code`) REFERENCES `rome_jobs`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `experiences_person` ON `experiences` (`person_id`);--> statement-breakpoint
CREATE TABLE `person_certifications` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`code` text NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`level` integer,
	`obtained_on` text,
	`provenance` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `person_certifications_person` ON `person_certifications` (`person_id`);--> statement-breakpoint
CREATE TABLE `person_competences` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`code` text NOT NULL,
	`provenance` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`code`) REFERENCES `rome_competences`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `person_competence` ON `person_competences` (`person_id`,`code`);--> statement-breakpoint
CREATE TABLE `persons` (
	`id` text PRIMARY KEY NOT NULL,
	`given_name` text NOT NULL,
	`family_name` text NOT NULL,
	`nir` text,
	`status` text NOT NULL,
	`education_level` integer DEFAULT 0 NOT NULL,
	`home_insee_code` text,
	`home_name` text,
	`home_postal_code` text,
	`home_departement` text,
	`home_region` text,
	`home_latitude` real,
	`home_longitude` real,
	`employer_siret` text,
	`employer_idcc` text,
	`has_driving_licence` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE `rome_appellations` (
	`code` text PRIMARY KEY NOT NULL,
	`rome_code` text NOT NULL,
	`label` text NOT NULL,
	`search_text` text NOT NULL,
	FOREIGN KEY (`rome_code`) REFERENCES `rome_jobs`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `rome_appellations_job` ON `rome_appellations` (`rome_code`);--> statement-breakpoint
CREATE TABLE `rome_competences` (
	`code` text PRIMARY KEY NOT NULL,
	`label` text NOT NULL,
	`category` text NOT NULL,
	`is_macro` integer NOT NULL,
	`macro_code` text
);
--> statement-breakpoint
CREATE TABLE `rome_job_competences` (
	`rome_code` text NOT NULL,
	`code` text NOT NULL,
	PRIMARY KEY(`rome_code`, `code`),
	FOREIGN KEY (`rome_code`) REFERENCES `rome_jobs`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`code`) REFERENCES `rome_competences`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `rome_jobs` (
	`code` text PRIMARY KEY NOT NULL,
	`label` text NOT NULL,
	`search_text` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `rome_mobility` (
	`rome_code` text NOT NULL,
	`target_rome_code` text NOT NULL,
	`rank` integer NOT NULL,
	PRIMARY KEY(`rome_code`, `target_rome_code`),
	FOREIGN KEY (`rome_code`) REFERENCES `rome_jobs`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`target_rome_code`) REFERENCES `rome_jobs`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `target_jobs` (
	`person_id` text NOT NULL,
	`rome_code` text NOT NULL,
	`rank` integer NOT NULL,
	PRIMARY KEY(`person_id`, `rome_code`),
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rome_code`) REFERENCES `rome_jobs`(`code`) ON UPDATE no action ON DELETE no action
);
