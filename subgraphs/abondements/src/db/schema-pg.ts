// The same tables in PostgreSQL (ABONDEMENTS_DATABASE_URL), column for column with schema.ts (JSON
// and booleans as PostgreSQL's own types): the check at the end fails to compile if a row of one
// dialect differs from the other's. A change is made in both files and both migrations generated
// (`npm run db:generate`, `npm run db:generate:pg`).
// france_travail_requests also has an identity column `seq` (migration 0001, not declared here):
// the order requests were made in, which SQLite's rowid gives (store.ts `insertionOrder`).
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import type { DotationRefusalCode } from '../domain/dotations.ts';
import type { AmountKind, FunderKind, RecordStatus, Rounding, RuleCriteria, TopUpGranting } from '../domain/types.ts';
import type * as sqlite from './schema.ts';

export const funders = pgTable('funders', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind').$type<FunderKind>().notNull(),
  identifier: text('identifier').notNull(),
});

export const conventions = pgTable('conventions', {
  id: text('id').primaryKey(),
  funderId: text('funder_id')
    .notNull()
    .references(() => funders.id),
  label: text('label').notNull(),
  status: text('status').$type<RecordStatus>().notNull().default('ACTIVE'),
  validFrom: text('valid_from').notNull(),
  validTo: text('valid_to'),
});

export const rules = pgTable(
  'rules',
  {
    id: text('id').primaryKey(),
    conventionId: text('convention_id')
      .notNull()
      .references(() => conventions.id),
    label: text('label').notNull(),
    status: text('status').$type<RecordStatus>().notNull().default('ACTIVE'),
    criteria: jsonb('criteria').$type<RuleCriteria>().notNull(),
    amountKind: text('amount_kind').$type<AmountKind>().notNull(),
    amountValue: integer('amount_value').notNull(),
    capPerDossier: integer('cap_per_dossier'),
    rounding: text('rounding').$type<Rounding>().notNull(),
    granting: text('granting').$type<TopUpGranting>().notNull().default('AUTOMATIC'),
    validFrom: text('valid_from').notNull(),
    validTo: text('valid_to'),
  },
  (t) => [index('rules_convention').on(t.conventionId)],
);

/** A reservation locks its envelope's row (`SELECT … FOR UPDATE`) before it checks and takes money. */
export const envelopes = pgTable(
  'envelopes',
  {
    id: text('id').primaryKey(),
    ruleId: text('rule_id')
      .notNull()
      .unique()
      .references(() => rules.id),
    budget: integer('budget').notNull(),
    consumed: integer('consumed').notNull().default(0),
  },
  (t) => [check('envelope_never_overspent', sql`${t.consumed} >= 0 AND ${t.consumed} <= ${t.budget}`)],
);

export const reservations = pgTable(
  'reservations',
  {
    key: text('key').primaryKey(),
    envelopeId: text('envelope_id')
      .notNull()
      .references(() => envelopes.id),
    personId: text('person_id').notNull(),
    sessionId: text('session_id').notNull(),
    amount: integer('amount').notNull(),
    status: text('status').$type<'GRANTED' | 'REFUSED' | 'RELEASED'>().notNull(),
    reason: text('reason'),
    createdAt: text('created_at').notNull(),
    releasedAt: text('released_at'),
  },
  (t) => [index('reservations_envelope').on(t.envelopeId), index('reservations_person').on(t.personId)],
);

/** A spending locks its dotation's row (`SELECT … FOR UPDATE`) before it checks and takes money. */
export const dotations = pgTable(
  'dotations',
  {
    id: text('id').primaryKey(),
    funderId: text('funder_id')
      .notNull()
      .references(() => funders.id),
    personId: text('person_id').notNull(),
    amount: integer('amount').notNull(),
    spent: integer('spent').notNull().default(0),
    restrictedToCertifications: jsonb('restricted_to_certifications').$type<string[]>().notNull(),
    deadline: text('deadline'),
    refundIfUnused: boolean('refund_if_unused').notNull(),
    grantedOn: text('granted_on').notNull(),
  },
  (t) => [index('dotations_person').on(t.personId), check('dotation_never_overspent', sql`${t.spent} >= 0 AND ${t.spent} <= ${t.amount}`)],
);

export const franceTravailRequests = pgTable(
  'france_travail_requests',
  {
    id: text('id').primaryKey(),
    funderId: text('funder_id')
      .notNull()
      .references(() => funders.id),
    personId: text('person_id').notNull(),
    sessionId: text('session_id').notNull(),
    amountRequested: integer('amount_requested').notNull(),
    submittedOn: text('submitted_on').notNull(),
    answerDueBy: text('answer_due_by').notNull(),
    status: text('status').$type<'OPEN' | 'ACCEPTED' | 'REFUSED' | 'ACCEPTED_TACITLY' | 'WITHDRAWN'>().notNull(),
    amountGranted: integer('amount_granted'),
    decidedOn: text('decided_on'),
    decidedBy: text('decided_by'),
    decisionReason: text('decision_reason'),
    dossierKey: text('dossier_key'),
  },
  (t) => [
    index('france_travail_requests_person').on(t.personId),
    uniqueIndex('france_travail_requests_dossier_key').on(t.dossierKey),
    uniqueIndex('france_travail_requests_one_open').on(t.personId).where(sql`${t.status} = 'OPEN'`),
  ],
);

export const dotationUses = pgTable(
  'dotation_uses',
  {
    key: text('key').primaryKey(),
    dotationId: text('dotation_id')
      .notNull()
      .references(() => dotations.id),
    sessionId: text('session_id').notNull(),
    amount: integer('amount').notNull(),
    status: text('status').$type<'SPENT' | 'REFUSED' | 'RELEASED'>().notNull(),
    reason: text('reason'),
    reasonCode: text('reason_code').$type<DotationRefusalCode>(),
    createdAt: text('created_at').notNull(),
    releasedAt: text('released_at'),
  },
  (t) => [index('dotation_uses_dotation').on(t.dotationId)],
);

export const tables = { funders, conventions, rules, envelopes, reservations, dotations, franceTravailRequests, dotationUses };

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Each SQLite table has a twin here with the same row type (a missing twin is `false` too). */
type Twin<K extends keyof typeof sqlite.tables> = K extends keyof typeof tables
  ? Same<(typeof tables)[K]['$inferSelect'], (typeof sqlite.tables)[K]['$inferSelect']>
  : false;
const sameRows: { [K in keyof typeof sqlite.tables]: Twin<K> } = {
  funders: true,
  conventions: true,
  rules: true,
  envelopes: true,
  reservations: true,
  dotations: true,
  franceTravailRequests: true,
  dotationUses: true,
};
void sameRows;
