CREATE TABLE "conventions" (
	"id" text PRIMARY KEY NOT NULL,
	"funder_id" text NOT NULL,
	"label" text NOT NULL,
	"status" text DEFAULT 'ACTIVE' NOT NULL,
	"valid_from" text NOT NULL,
	"valid_to" text
);
--> statement-breakpoint
CREATE TABLE "dotation_uses" (
	"key" text PRIMARY KEY NOT NULL,
	"dotation_id" text NOT NULL,
	"session_id" text NOT NULL,
	"amount" integer NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"reason_code" text,
	"created_at" text NOT NULL,
	"released_at" text
);
--> statement-breakpoint
CREATE TABLE "dotations" (
	"id" text PRIMARY KEY NOT NULL,
	"funder_id" text NOT NULL,
	"person_id" text NOT NULL,
	"amount" integer NOT NULL,
	"spent" integer DEFAULT 0 NOT NULL,
	"restricted_to_certifications" jsonb NOT NULL,
	"deadline" text,
	"refund_if_unused" boolean NOT NULL,
	"granted_on" text NOT NULL,
	CONSTRAINT "dotation_never_overspent" CHECK ("dotations"."spent" >= 0 AND "dotations"."spent" <= "dotations"."amount")
);
--> statement-breakpoint
CREATE TABLE "envelopes" (
	"id" text PRIMARY KEY NOT NULL,
	"rule_id" text NOT NULL,
	"budget" integer NOT NULL,
	"consumed" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "envelopes_rule_id_unique" UNIQUE("rule_id"),
	CONSTRAINT "envelope_never_overspent" CHECK ("envelopes"."consumed" >= 0 AND "envelopes"."consumed" <= "envelopes"."budget")
);
--> statement-breakpoint
CREATE TABLE "france_travail_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"funder_id" text NOT NULL,
	"person_id" text NOT NULL,
	"session_id" text NOT NULL,
	"amount_requested" integer NOT NULL,
	"submitted_on" text NOT NULL,
	"answer_due_by" text NOT NULL,
	"status" text NOT NULL,
	"amount_granted" integer,
	"decided_on" text,
	"decided_by" text,
	"decision_reason" text,
	"dossier_key" text
);
--> statement-breakpoint
CREATE TABLE "funders" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"identifier" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reservations" (
	"key" text PRIMARY KEY NOT NULL,
	"envelope_id" text NOT NULL,
	"person_id" text NOT NULL,
	"session_id" text NOT NULL,
	"amount" integer NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"created_at" text NOT NULL,
	"released_at" text
);
--> statement-breakpoint
CREATE TABLE "rules" (
	"id" text PRIMARY KEY NOT NULL,
	"convention_id" text NOT NULL,
	"label" text NOT NULL,
	"status" text DEFAULT 'ACTIVE' NOT NULL,
	"criteria" jsonb NOT NULL,
	"amount_kind" text NOT NULL,
	"amount_value" integer NOT NULL,
	"cap_per_dossier" integer,
	"rounding" text NOT NULL,
	"granting" text DEFAULT 'AUTOMATIC' NOT NULL,
	"valid_from" text NOT NULL,
	"valid_to" text
);
--> statement-breakpoint
ALTER TABLE "conventions" ADD CONSTRAINT "conventions_funder_id_funders_id_fk" FOREIGN KEY ("funder_id") REFERENCES "public"."funders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dotation_uses" ADD CONSTRAINT "dotation_uses_dotation_id_dotations_id_fk" FOREIGN KEY ("dotation_id") REFERENCES "public"."dotations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dotations" ADD CONSTRAINT "dotations_funder_id_funders_id_fk" FOREIGN KEY ("funder_id") REFERENCES "public"."funders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "envelopes" ADD CONSTRAINT "envelopes_rule_id_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."rules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "france_travail_requests" ADD CONSTRAINT "france_travail_requests_funder_id_funders_id_fk" FOREIGN KEY ("funder_id") REFERENCES "public"."funders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reservations" ADD CONSTRAINT "reservations_envelope_id_envelopes_id_fk" FOREIGN KEY ("envelope_id") REFERENCES "public"."envelopes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rules" ADD CONSTRAINT "rules_convention_id_conventions_id_fk" FOREIGN KEY ("convention_id") REFERENCES "public"."conventions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dotation_uses_dotation" ON "dotation_uses" USING btree ("dotation_id");--> statement-breakpoint
CREATE INDEX "dotations_person" ON "dotations" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "france_travail_requests_person" ON "france_travail_requests" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "france_travail_requests_dossier_key" ON "france_travail_requests" USING btree ("dossier_key");--> statement-breakpoint
CREATE UNIQUE INDEX "france_travail_requests_one_open" ON "france_travail_requests" USING btree ("person_id") WHERE "france_travail_requests"."status" = 'OPEN';--> statement-breakpoint
CREATE INDEX "reservations_envelope" ON "reservations" USING btree ("envelope_id");--> statement-breakpoint
CREATE INDEX "reservations_person" ON "reservations" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "rules_convention" ON "rules" USING btree ("convention_id");