ALTER TABLE `dossiers` ADD `amount_due` integer;--> statement-breakpoint
ALTER TABLE `money_parts` ADD `kept` integer;