CREATE TABLE `activity_years` (
	`person_id` text NOT NULL,
	`year` integer NOT NULL,
	`facts` text NOT NULL,
	`recorded_at` text NOT NULL,
	PRIMARY KEY(`person_id`, `year`)
);
--> statement-breakpoint
CREATE TABLE `ledger_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` text NOT NULL,
	`kind` text NOT NULL,
	`amount` integer NOT NULL,
	`effective_date` text NOT NULL,
	`year` integer,
	`refund_of` integer,
	`explanation` text NOT NULL,
	`legal_source` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`recorded_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ledger_entries_idempotency_key_unique` ON `ledger_entries` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `ledger_entries_person` ON `ledger_entries` (`person_id`,`effective_date`,`id`);