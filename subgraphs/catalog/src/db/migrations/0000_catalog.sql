CREATE TABLE `actions` (
	`id` text PRIMARY KEY NOT NULL,
	`formation_id` integer NOT NULL,
	`modalite` text,
	`prix_cents` integer,
	`nombre_heures_centre` integer,
	`nombre_heures_entreprise` integer,
	`nombre_heures_total` integer,
	`duree_indicative` text,
	`rythme` text,
	`entrees_sorties_permanentes` integer,
	`conditions_specifiques` text,
	`code_public_vise` text NOT NULL,
	`financeurs` text NOT NULL,
	`cpf_eligible` integer,
	`lieu_nom` text,
	`lieu_lignes` text NOT NULL,
	`code_postal` text,
	`ville` text,
	`code_insee` text,
	`departement` text,
	`region` text,
	`latitude` real,
	`longitude` real,
	`extras` text NOT NULL,
	FOREIGN KEY (`formation_id`) REFERENCES `formations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `actions_formation` ON `actions` (`formation_id`);--> statement-breakpoint
CREATE TABLE `blocs_competences` (
	`code` text PRIMARY KEY NOT NULL,
	`certification_code` text NOT NULL,
	`libelle` text NOT NULL,
	FOREIGN KEY (`certification_code`) REFERENCES `certifications`(`code`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `blocs_certification` ON `blocs_competences` (`certification_code`);--> statement-breakpoint
CREATE TABLE `certificateurs` (
	`certification_code` text NOT NULL,
	`siret` text NOT NULL,
	`nom` text NOT NULL,
	PRIMARY KEY(`certification_code`, `siret`),
	FOREIGN KEY (`certification_code`) REFERENCES `certifications`(`code`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `certification_codes` (
	`certification_code` text NOT NULL,
	`kind` text NOT NULL,
	`code` text NOT NULL,
	`libelle` text,
	PRIMARY KEY(`certification_code`, `kind`, `code`),
	FOREIGN KEY (`certification_code`) REFERENCES `certifications`(`code`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `certification_codes_code` ON `certification_codes` (`kind`,`code`);--> statement-breakpoint
CREATE TABLE `certification_links` (
	`ancienne` text NOT NULL,
	`nouvelle` text NOT NULL,
	`source_id` text NOT NULL,
	PRIMARY KEY(`ancienne`, `nouvelle`)
);
--> statement-breakpoint
CREATE INDEX `certification_links_nouvelle` ON `certification_links` (`nouvelle`);--> statement-breakpoint
CREATE TABLE `certifications` (
	`code` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`intitule` text NOT NULL,
	`abrege_libelle` text,
	`niveau` integer,
	`actif` integer NOT NULL,
	`date_fin_enregistrement` text,
	`date_decision` text,
	`type_enregistrement` text,
	`source_id` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `formation_codes` (
	`formation_id` integer NOT NULL,
	`kind` text NOT NULL,
	`code` text NOT NULL,
	`principal` integer NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`formation_id`, `kind`, `code`),
	FOREIGN KEY (`formation_id`) REFERENCES `formations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `formation_codes_code` ON `formation_codes` (`kind`,`code`);--> statement-breakpoint
CREATE TABLE `formations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`numero` text NOT NULL,
	`source_id` text NOT NULL,
	`content_hash` text NOT NULL,
	`modified_at` text,
	`intitule` text NOT NULL,
	`objectif_text` text,
	`objectif_html` text,
	`resultats_text` text,
	`resultats_html` text,
	`contenu_text` text,
	`contenu_html` text,
	`certifiante` integer,
	`code_rncp` text,
	`code_rs` text,
	`code_certifinfo` text,
	`code_cpf` text,
	`certification_code` text,
	`niveau_entree` text,
	`niveau_sortie` text,
	`organisme_siret` text,
	`url_formation` text,
	`extras` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `formations_numero` ON `formations` (`numero`);--> statement-breakpoint
CREATE INDEX `formations_source` ON `formations` (`source_id`);--> statement-breakpoint
CREATE INDEX `formations_certification` ON `formations` (`certification_code`);--> statement-breakpoint
CREATE INDEX `formations_organisme` ON `formations` (`organisme_siret`);--> statement-breakpoint
CREATE TABLE `organismes` (
	`siret` text PRIMARY KEY NOT NULL,
	`raison_sociale` text,
	`nom` text,
	`numero_activite` text
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`action_id` text NOT NULL,
	`formation_id` integer NOT NULL,
	`debut` text,
	`fin` text,
	`etat_recrutement` text,
	`prix_cents` integer,
	`modalite` text,
	`departement` text,
	`region` text,
	`latitude` real,
	`longitude` real,
	`extras` text NOT NULL,
	FOREIGN KEY (`action_id`) REFERENCES `actions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`formation_id`) REFERENCES `formations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_action` ON `sessions` (`action_id`);--> statement-breakpoint
CREATE INDEX `sessions_formation` ON `sessions` (`formation_id`);--> statement-breakpoint
CREATE INDEX `sessions_region` ON `sessions` (`region`);--> statement-breakpoint
CREATE INDEX `sessions_departement` ON `sessions` (`departement`);--> statement-breakpoint
CREATE INDEX `sessions_debut` ON `sessions` (`debut`);--> statement-breakpoint
CREATE INDEX `sessions_prix` ON `sessions` (`prix_cents`);--> statement-breakpoint
CREATE TABLE `sources` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`lheo_version` text,
	`imported_at` text NOT NULL,
	`content_hash` text NOT NULL
);
