// The CPF ledger and the activity years it is computed from.
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { ENTRY_KINDS } from '../domain/ledger.ts';

/** Append-only: a row is never updated or deleted; the balance is the sum of `amount`. */
export const ledgerEntries = sqliteTable(
  'ledger_entries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    personId: text('person_id').notNull(),
    kind: text('kind', { enum: ENTRY_KINDS }).notNull(),
    /** Signed euro cents: credits positive, debits negative. */
    amount: integer('amount').notNull(),
    effectiveDate: text('effective_date').notNull(),
    /** Acquisitions only: the year of activity credited. */
    year: integer('year'),
    /** Refunds only: the debit given back. */
    refundOf: integer('refund_of'),
    explanation: text('explanation').notNull(),
    legalSource: text('legal_source').notNull(),
    /** The caller's key: posting twice with it records once. */
    idempotencyKey: text('idempotency_key').notNull().unique(),
    recordedAt: text('recorded_at').notNull(),
  },
  (t) => [index('ledger_entries_person').on(t.personId, t.effectiveDate, t.id)],
);

export const activityYears = sqliteTable(
  'activity_years',
  {
    personId: text('person_id').notNull(),
    year: integer('year').notNull(),
    /** The ActivityYear facts as JSON (employment periods, qualification, OETH, ESAT, self-employment). */
    facts: text('facts').notNull(),
    recordedAt: text('recorded_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.year] })],
);

export const schema = { ledgerEntries, activityYears };
