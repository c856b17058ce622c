CREATE TABLE `conventions` (
	`id` text PRIMARY KEY NOT NULL,
	`funder_id` text NOT NULL,
	`label` text NOT NULL,
	`status` text DEFAULT 'ACTIVE' NOT NULL,
	`valid_from` text NOT NULL,
	`valid_to` text,
	FOREIGN KEY (`funder_id`) REFERENCES `funders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `dotation_uses` (
	`key` text PRIMARY KEY NOT NULL,
	`dotation_id` text NOT NULL,
	`session_id` text NOT NULL,
	`amount` integer NOT NULL,
	`status` text NOT NULL,
	`reason` text,
	`created_at` text NOT NULL,
	`released_at` text,
	FOREIGN KEY (`dotation_id`) REFERENCES `dotations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `dotation_uses_dotation` ON `dotation_uses` (`dotation_id`);--> statement-breakpoint
CREATE TABLE `dotations` (
	`id` text PRIMARY KEY NOT NULL,
	`funder_id` text NOT NULL,
	`person_id` text NOT NULL,
	`amount` integer NOT NULL,
	`spent` integer DEFAULT 0 NOT NULL,
	`restricted_to_certifications` text NOT NULL,
	`deadline` text,
	`refund_if_unused` integer NOT NULL,
	`granted_on` text NOT NULL,
	FOREIGN KEY (`funder_id`) REFERENCES `funders`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "dotation_never_overspent" CHECK("dotations"."spent" >= 0 AND "dotations"."spent" <= "dotations"."amount")
);
--> statement-breakpoint
CREATE INDEX `dotations_person` ON `dotations` (`person_id`);--> statement-breakpoint
CREATE TABLE `envelopes` (
	`id` text PRIMARY KEY NOT NULL,
	`rule_id` text NOT NULL,
	`budget` integer NOT NULL,
	`consumed` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`rule_id`) REFERENCES `rules`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "envelope_never_overspent" CHECK("envelopes"."consumed" >= 0 AND "envelopes"."consumed" <= "envelopes"."budget")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `envelopes_rule_id_unique` ON `envelopes` (`rule_id`);--> statement-breakpoint
CREATE TABLE `france_travail_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`funder_id` text NOT NULL,
	`person_id` text NOT NULL,
	`session_id` text NOT NULL,
	`amount_requested` integer NOT NULL,
	`submitted_on` text NOT NULL,
	`answer_due_by` text NOT NULL,
	`status` text NOT NULL,
	`amount_granted` integer,
	`decided_on` text,
	`decided_by` text,
	`decision_reason` text,
	FOREIGN KEY (`funder_id`) REFERENCES `funders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `france_travail_requests_person` ON `france_travail_requests` (`person_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `france_travail_requests_one_open` ON `france_travail_requests` (`person_id`) WHERE "france_travail_requests"."status" = 'OPEN';--> statement-breakpoint
CREATE TABLE `funders` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`identifier` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `reservations` (
	`key` text PRIMARY KEY NOT NULL,
	`envelope_id` text NOT NULL,
	`person_id` text NOT NULL,
	`session_id` text NOT NULL,
	`amount` integer NOT NULL,
	`status` text NOT NULL,
	`reason` text,
	`created_at` text NOT NULL,
	`released_at` text,
	FOREIGN KEY (`envelope_id`) REFERENCES `envelopes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `reservations_envelope` ON `reservations` (`envelope_id`);--> statement-breakpoint
CREATE TABLE `rules` (
	`id` text PRIMARY KEY NOT NULL,
	`convention_id` text NOT NULL,
	`label` text NOT NULL,
	`status` text DEFAULT 'ACTIVE' NOT NULL,
	`criteria` text NOT NULL,
	`amount_kind` text NOT NULL,
	`amount_value` integer NOT NULL,
	`cap_per_dossier` integer,
	`rounding` text NOT NULL,
	`valid_from` text NOT NULL,
	`valid_to` text,
	FOREIGN KEY (`convention_id`) REFERENCES `conventions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `rules_convention` ON `rules` (`convention_id`);