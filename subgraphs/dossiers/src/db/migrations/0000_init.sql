CREATE TABLE `dossiers` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`session_id` text NOT NULL,
	`route` text NOT NULL,
	`state` text NOT NULL,
	`organisation_siret` text,
	`price` integer,
	`session_start` text,
	`certification_code` text,
	`prescriber_sub` text,
	`deadline_kind` text,
	`deadline_due_on` text,
	`plan_recorded_at` text,
	`remaining_cost` integer,
	`frozen_at` text,
	`accepted_on` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `dossiers_person` ON `dossiers` (`person_id`);--> statement-breakpoint
CREATE INDEX `dossiers_session` ON `dossiers` (`session_id`);--> statement-breakpoint
CREATE INDEX `dossiers_deadline` ON `dossiers` (`deadline_due_on`);--> statement-breakpoint
CREATE TABLE `idempotency` (
	`actor_sub` text NOT NULL,
	`key` text NOT NULL,
	`request` text NOT NULL,
	`dossier_id` text NOT NULL,
	`transition_id` integer NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`actor_sub`, `key`)
);
--> statement-breakpoint
CREATE TABLE `money_parts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dossier_id` text NOT NULL,
	`kind` text NOT NULL,
	`reference` text NOT NULL,
	`amount` integer NOT NULL,
	`wanted` text NOT NULL,
	`status` text NOT NULL,
	`commit_key` text NOT NULL,
	`commit_answer` text,
	`return_answer` text,
	`refusal` text,
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `money_parts_step` ON `money_parts` (`dossier_id`,`kind`,`reference`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dossier_id` text NOT NULL,
	`part_id` integer NOT NULL,
	`action` text NOT NULL,
	`key` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`created_at` text NOT NULL,
	`done_at` text,
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`part_id`) REFERENCES `money_parts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_key_unique` ON `outbox` (`key`);--> statement-breakpoint
CREATE INDEX `outbox_pending` ON `outbox` (`status`,`dossier_id`,`id`);--> statement-breakpoint
CREATE TABLE `transitions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dossier_id` text NOT NULL,
	`transition` text NOT NULL,
	`from_state` text,
	`to_state` text NOT NULL,
	`actor_role` text NOT NULL,
	`actor_sub` text,
	`at` text NOT NULL,
	`reason_code` text,
	`reason` text,
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `transitions_dossier` ON `transitions` (`dossier_id`,`id`);