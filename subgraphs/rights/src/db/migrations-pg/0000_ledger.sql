CREATE TABLE "activity_years" (
	"person_id" text NOT NULL,
	"year" integer NOT NULL,
	"facts" text NOT NULL,
	"recorded_at" text NOT NULL,
	CONSTRAINT "activity_years_person_id_year_pk" PRIMARY KEY("person_id","year")
);
--> statement-breakpoint
CREATE TABLE "cpf_accounts" (
	"person_id" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_entries" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" text NOT NULL,
	"kind" text NOT NULL,
	"amount" integer NOT NULL,
	"effective_date" text NOT NULL,
	"year" integer,
	"refund_of" integer,
	"explanation" text NOT NULL,
	"legal_source" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"recorded_at" text NOT NULL,
	CONSTRAINT "ledger_entries_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
CREATE INDEX "ledger_entries_person" ON "ledger_entries" USING btree ("person_id","effective_date","id");