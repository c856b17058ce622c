// The same tables in PostgreSQL (RIGHTS_DATABASE_URL), column for column: the check at the end
// fails to compile if a row of one dialect differs from the other's.
import { index, integer, pgTable, primaryKey, serial, text } from 'drizzle-orm/pg-core';
import { ENTRY_KINDS } from '../domain/ledger.ts';
import type * as sqlite from './schema.ts';

/** Append-only (a trigger refuses updates, deletes and truncation); the balance is the sum of `amount`. */
export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: serial('id').primaryKey(),
    personId: text('person_id').notNull(),
    kind: text('kind', { enum: ENTRY_KINDS }).notNull(),
    /** Signed euro cents: credits positive, debits negative. */
    amount: integer('amount').notNull(),
    effectiveDate: text('effective_date').notNull(),
    year: integer('year'),
    refundOf: integer('refund_of'),
    explanation: text('explanation').notNull(),
    legalSource: text('legal_source').notNull(),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    recordedAt: text('recorded_at').notNull(),
  },
  (t) => [index('ledger_entries_person').on(t.personId, t.effectiveDate, t.id)],
);

export const activityYears = pgTable(
  'activity_years',
  {
    personId: text('person_id').notNull(),
    year: integer('year').notNull(),
    facts: text('facts').notNull(),
    recordedAt: text('recorded_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.year] })],
);

/**
 * One row per account, PostgreSQL only: a write locks its holder's row (`SELECT … FOR UPDATE`)
 * so that across processes and replicas one write at a time checks and spends a balance.
 * (SQLite's IMMEDIATE transaction already admits a single writer to the whole file.)
 */
export const cpfAccounts = pgTable('cpf_accounts', {
  personId: text('person_id').primaryKey(),
});

export const schema = { ledgerEntries, activityYears, cpfAccounts };

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameRows: [
  Same<typeof ledgerEntries.$inferSelect, typeof sqlite.ledgerEntries.$inferSelect>,
  Same<typeof activityYears.$inferSelect, typeof sqlite.activityYears.$inferSelect>,
] = [true, true];
void sameRows;
