ALTER TABLE `actions` ADD `acces_handicapes` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `nb_places` integer;