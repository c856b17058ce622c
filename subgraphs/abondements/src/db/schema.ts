// Funders, their conventions and rules, the rules' envelopes, reservations and dotations.
import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { AmountKind, FunderKind, RecordStatus, Rounding, RuleCriteria, TopUpGranting } from '../domain/types.ts';
import type { DotationRefusalCode } from '../domain/dotations.ts';

export const funders = sqliteTable('funders', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind').$type<FunderKind>().notNull(),
  /** SIRET, région code, OPCO name…: how the funder is known outside this API. */
  identifier: text('identifier').notNull(),
});

export const conventions = sqliteTable('conventions', {
  id: text('id').primaryKey(),
  funderId: text('funder_id')
    .notNull()
    .references(() => funders.id),
  label: text('label').notNull(),
  status: text('status').$type<RecordStatus>().notNull().default('ACTIVE'),
  validFrom: text('valid_from').notNull(),
  validTo: text('valid_to'),
});

export const rules = sqliteTable(
  'rules',
  {
    id: text('id').primaryKey(),
    conventionId: text('convention_id')
      .notNull()
      .references(() => conventions.id),
    label: text('label').notNull(),
    status: text('status').$type<RecordStatus>().notNull().default('ACTIVE'),
    criteria: text('criteria', { mode: 'json' }).$type<RuleCriteria>().notNull(),
    amountKind: text('amount_kind').$type<AmountKind>().notNull(),
    amountValue: integer('amount_value').notNull(),
    capPerDossier: integer('cap_per_dossier'),
    rounding: text('rounding').$type<Rounding>().notNull(),
    /** Automatic at purchase, or only once the funder has decided on the dossier. */
    granting: text('granting').$type<TopUpGranting>().notNull().default('AUTOMATIC'),
    validFrom: text('valid_from').notNull(),
    validTo: text('valid_to'),
  },
  (t) => [index('rules_convention').on(t.conventionId)],
);

export const envelopes = sqliteTable(
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

export const reservations = sqliteTable(
  'reservations',
  {
    /** The caller's idempotency key: the same key always gets the same answer. */
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

export const dotations = sqliteTable(
  'dotations',
  {
    id: text('id').primaryKey(),
    funderId: text('funder_id')
      .notNull()
      .references(() => funders.id),
    personId: text('person_id').notNull(),
    amount: integer('amount').notNull(),
    spent: integer('spent').notNull().default(0),
    restrictedToCertifications: text('restricted_to_certifications', { mode: 'json' }).$type<string[]>().notNull(),
    deadline: text('deadline'),
    refundIfUnused: integer('refund_if_unused', { mode: 'boolean' }).notNull(),
    grantedOn: text('granted_on').notNull(),
  },
  (t) => [index('dotations_person').on(t.personId), check('dotation_never_overspent', sql`${t.spent} >= 0 AND ${t.spent} <= ${t.amount}`)],
);

export const franceTravailRequests = sqliteTable(
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
    /** Fixed at submission with the delay then in force: silence after this day is acceptance. */
    answerDueBy: text('answer_due_by').notNull(),
    status: text('status').$type<'OPEN' | 'ACCEPTED' | 'REFUSED' | 'ACCEPTED_TACITLY' | 'WITHDRAWN'>().notNull(),
    amountGranted: integer('amount_granted'),
    decidedOn: text('decided_on'),
    decidedBy: text('decided_by'),
    decisionReason: text('decision_reason'),
    /** The dossier's idempotency key (dossier id + step) when a dossier's review made the request; null when the holder asked directly. */
    dossierKey: text('dossier_key'),
  },
  (t) => [
    index('france_travail_requests_person').on(t.personId),
    uniqueIndex('france_travail_requests_dossier_key').on(t.dossierKey),
    // One open request per holder at a time, even under concurrent submissions.
    uniqueIndex('france_travail_requests_one_open').on(t.personId).where(sql`${t.status} = 'OPEN'`),
  ],
);

/** Money taken from a dotation for a dossier, under the caller's idempotency key. */
export const dotationUses = sqliteTable(
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
    /** The refusal's code beside its French words; null on spendings recorded before codes existed. */
    reasonCode: text('reason_code').$type<DotationRefusalCode>(),
    createdAt: text('created_at').notNull(),
    releasedAt: text('released_at'),
  },
  (t) => [index('dotation_uses_dotation').on(t.dotationId)],
);

/** Every table, by name: the queries take them from the store (this file's or schema-pg.ts's). */
export const tables = { funders, conventions, rules, envelopes, reservations, dotations, franceTravailRequests, dotationUses };
