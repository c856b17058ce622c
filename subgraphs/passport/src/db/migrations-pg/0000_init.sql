CREATE TABLE "access_log" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" text NOT NULL,
	"viewer_sub" text NOT NULL,
	"viewer_role" text NOT NULL,
	"scopes" jsonb NOT NULL,
	"read_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consents" (
	"id" text PRIMARY KEY NOT NULL,
	"person_id" text NOT NULL,
	"viewer_sub" text NOT NULL,
	"scopes" jsonb NOT NULL,
	"granted_at" text NOT NULL,
	"expires_at" text NOT NULL,
	"revoked_at" text
);
--> statement-breakpoint
CREATE TABLE "experiences" (
	"id" text PRIMARY KEY NOT NULL,
	"person_id" text NOT NULL,
	"job_title" text NOT NULL,
	"rome_code" text,
	"employer" text,
	"start_date" text NOT NULL,
	"end_date" text,
	"provenance" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "person_certifications" (
	"id" text PRIMARY KEY NOT NULL,
	"person_id" text NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"level" integer,
	"obtained_on" text,
	"provenance" text NOT NULL,
	"valid_until" text,
	"mention" text,
	"issuer_id" text,
	"issuer_name" text
);
--> statement-breakpoint
CREATE TABLE "person_competences" (
	"id" text PRIMARY KEY NOT NULL,
	"person_id" text NOT NULL,
	"code" text NOT NULL,
	"provenance" text NOT NULL,
	CONSTRAINT "person_competence" UNIQUE("person_id","code")
);
--> statement-breakpoint
CREATE TABLE "persons" (
	"id" text PRIMARY KEY NOT NULL,
	"given_name" text NOT NULL,
	"family_name" text NOT NULL,
	"nir" text,
	"birth_date" text,
	"status" text NOT NULL,
	"education_level" integer DEFAULT 0 NOT NULL,
	"home_insee_code" text,
	"home_name" text,
	"home_postal_code" text,
	"home_departement" text,
	"home_region" text,
	"home_latitude" double precision,
	"home_longitude" double precision,
	"employer_siret" text,
	"employer_idcc" text,
	"has_driving_licence" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rome_appellations" (
	"code" text PRIMARY KEY NOT NULL,
	"rome_code" text NOT NULL,
	"label" text NOT NULL,
	"search_text" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rome_competences" (
	"code" text PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"category" text NOT NULL,
	"is_macro" boolean NOT NULL,
	"macro_code" text
);
--> statement-breakpoint
CREATE TABLE "rome_job_competences" (
	"rome_code" text NOT NULL,
	"code" text NOT NULL,
	CONSTRAINT "rome_job_competences_rome_code_code_pk" PRIMARY KEY("rome_code","code")
);
--> statement-breakpoint
CREATE TABLE "rome_jobs" (
	"code" text PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"search_text" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rome_mobility" (
	"rome_code" text NOT NULL,
	"target_rome_code" text NOT NULL,
	"rank" integer NOT NULL,
	CONSTRAINT "rome_mobility_rome_code_target_rome_code_pk" PRIMARY KEY("rome_code","target_rome_code")
);
--> statement-breakpoint
CREATE TABLE "target_jobs" (
	"person_id" text NOT NULL,
	"rome_code" text NOT NULL,
	"rank" integer NOT NULL,
	CONSTRAINT "target_jobs_person_id_rome_code_pk" PRIMARY KEY("person_id","rome_code")
);
--> statement-breakpoint
ALTER TABLE "access_log" ADD CONSTRAINT "access_log_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiences" ADD CONSTRAINT "experiences_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiences" ADD CONSTRAINT "experiences_rome_code_rome_jobs_code_fk" FOREIGN KEY ("rome_code") REFERENCES "public"."rome_jobs"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_certifications" ADD CONSTRAINT "person_certifications_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_competences" ADD CONSTRAINT "person_competences_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_competences" ADD CONSTRAINT "person_competences_code_rome_competences_code_fk" FOREIGN KEY ("code") REFERENCES "public"."rome_competences"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rome_appellations" ADD CONSTRAINT "rome_appellations_rome_code_rome_jobs_code_fk" FOREIGN KEY ("rome_code") REFERENCES "public"."rome_jobs"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rome_job_competences" ADD CONSTRAINT "rome_job_competences_rome_code_rome_jobs_code_fk" FOREIGN KEY ("rome_code") REFERENCES "public"."rome_jobs"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rome_job_competences" ADD CONSTRAINT "rome_job_competences_code_rome_competences_code_fk" FOREIGN KEY ("code") REFERENCES "public"."rome_competences"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rome_mobility" ADD CONSTRAINT "rome_mobility_rome_code_rome_jobs_code_fk" FOREIGN KEY ("rome_code") REFERENCES "public"."rome_jobs"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rome_mobility" ADD CONSTRAINT "rome_mobility_target_rome_code_rome_jobs_code_fk" FOREIGN KEY ("target_rome_code") REFERENCES "public"."rome_jobs"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_jobs" ADD CONSTRAINT "target_jobs_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_jobs" ADD CONSTRAINT "target_jobs_rome_code_rome_jobs_code_fk" FOREIGN KEY ("rome_code") REFERENCES "public"."rome_jobs"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "access_log_person" ON "access_log" USING btree ("person_id","read_at");--> statement-breakpoint
CREATE INDEX "consents_viewer" ON "consents" USING btree ("viewer_sub","person_id");--> statement-breakpoint
CREATE INDEX "consents_person" ON "consents" USING btree ("person_id","granted_at");--> statement-breakpoint
CREATE INDEX "experiences_person" ON "experiences" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "person_certifications_person" ON "person_certifications" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "persons_birth_date" ON "persons" USING btree ("birth_date");--> statement-breakpoint
CREATE INDEX "rome_appellations_job" ON "rome_appellations" USING btree ("rome_code");