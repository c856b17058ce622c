// Dossiers, their transitions, the parts of their funding plan, the outbox that moves the money,
// and the answers given to idempotency keys. One SQLite file: a transition and its outbox rows
// commit together or not at all.
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { DEADLINE_KINDS } from '../domain/deadlines.ts';
import { PART_KINDS } from '../domain/money.ts';
import { REVIEW_ACTIONS } from '../domain/funder-review.ts';
import { ACTORS, DOSSIER_STATES, FUNDING_ROUTES, TRANSITIONS } from '../domain/states.ts';

export const dossiers = sqliteTable(
  'dossiers',
  {
    id: text('id').primaryKey(),
    personId: text('person_id').notNull(),
    sessionId: text('session_id').notNull(),
    route: text('route', { enum: FUNDING_ROUTES }).notNull(),
    state: text('state', { enum: DOSSIER_STATES }).notNull(),
    /** SIRET of the session's training organisation, from the catalogue when the dossier was created. */
    organisationSiret: text('organisation_siret'),
    /** The LHEO action of the session (at most 5 open requests per action and holder). */
    actionId: text('action_id'),
    /** Price (cents), start and certification of the session, from the catalogue at creation. */
    price: integer('price'),
    sessionStart: text('session_start'),
    certificationCode: text('certification_code'),
    /** The prescriber who positioned the person, if any. */
    prescriberSub: text('prescriber_sub'),
    /** The deadline running in the current state (null when none): re-read by the sweep. */
    deadlineKind: text('deadline_kind', { enum: DEADLINE_KINDS }),
    deadlineDueOn: text('deadline_due_on'),
    /** When the plan was recorded by the client, and when its money was committed (frozen). */
    planRecordedAt: text('plan_recorded_at'),
    remainingCost: integer('remaining_cost'),
    frozenAt: text('frozen_at'),
    acceptedOn: text('accepted_on'),
    /** The completion rate the organisation declared with the service done (whole percent), null before. */
    completionRate: integer('completion_rate'),
    /** What the organisation is owed for that rate (cents), set when the service done is validated. */
    amountDue: integer('amount_due'),
    /** Of what the holder paid at acceptance, what went back (cents): set when money is given back or prorated, null before. */
    remainingCostRefunded: integer('remaining_cost_refunded'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('dossiers_person').on(t.personId), index('dossiers_session').on(t.sessionId), index('dossiers_deadline').on(t.deadlineDueOn)],
);

/** Append-only history of a dossier. */
export const transitions = sqliteTable(
  'transitions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    dossierId: text('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    transition: text('transition', { enum: TRANSITIONS }).notNull(),
    fromState: text('from_state', { enum: DOSSIER_STATES }),
    toState: text('to_state', { enum: DOSSIER_STATES }).notNull(),
    actorRole: text('actor_role', { enum: ACTORS }).notNull(),
    actorSub: text('actor_sub'),
    at: text('at').notNull(),
    reasonCode: text('reason_code'),
    reason: text('reason'),
    /** The real day of an entry or exit (Paris), which the declaration may follow by 3 working days. */
    effectiveOn: text('effective_on'),
  },
  (t) => [index('transitions_dossier').on(t.dossierId, t.id)],
);

/**
 * One part of the funding plan. `wanted` is what the dossier's state asks for (held, returned);
 * `status` is what the other subgraph acknowledged (recorded = not moved yet).
 */
export const moneyParts = sqliteTable(
  'money_parts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    dossierId: text('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    kind: text('kind', { enum: PART_KINDS }).notNull(),
    reference: text('reference').notNull(),
    amount: integer('amount').notNull(),
    /** After a partial completion, what stays taken (the rest is given back); null: the whole amount or nothing, as `wanted` says. */
    kept: integer('kept'),
    wanted: text('wanted', { enum: ['none', 'held', 'returned'] }).notNull(),
    status: text('status', { enum: ['recorded', 'committed', 'refused', 'skipped', 'returned'] }).notNull(),
    /** The idempotency key of the commit (dossier id + step): the debit, spending or reservation key. */
    commitKey: text('commit_key').notNull(),
    /** What the other subgraph answered: ledger entry id, reservation or dotation use status. */
    commitAnswer: text('commit_answer'),
    returnAnswer: text('return_answer'),
    refusal: text('refusal'),
  },
  (t) => [uniqueIndex('money_parts_step').on(t.dossierId, t.kind, t.reference)],
);

/** Commands to other subgraphs, written in the same transaction as the transition that wants them. */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    dossierId: text('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    partId: integer('part_id')
      .notNull()
      .references(() => moneyParts.id),
    /** Money (commit, return) or France Travail's review (domain/funder-review.ts). */
    action: text('action', { enum: ['commit', 'return', ...REVIEW_ACTIONS] }).notNull(),
    /** Idempotency key sent: dossier id + step. */
    key: text('key').notNull().unique(),
    status: text('status', { enum: ['pending', 'done', 'refused', 'skipped'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** Epoch milliseconds: not before this (backoff). */
    nextAttemptAt: integer('next_attempt_at').notNull(),
    lastError: text('last_error'),
    createdAt: text('created_at').notNull(),
    doneAt: text('done_at'),
  },
  (t) => [index('outbox_pending').on(t.status, t.dossierId, t.id)],
);

/** The first answer to each (caller, key): replaying the key returns it. */
export const idempotency = sqliteTable(
  'idempotency',
  {
    actorSub: text('actor_sub').notNull(),
    key: text('key').notNull(),
    request: text('request').notNull(),
    dossierId: text('dossier_id').notNull(),
    transitionId: integer('transition_id').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.actorSub, t.key] })],
);

/** An integrator's endpoint: the events of the dossiers its owner may see are pushed to it, signed with its secret. */
export const webhooks = sqliteTable(
  'webhooks',
  {
    id: text('id').primaryKey(),
    ownerRole: text('owner_role', { enum: ACTORS }).notNull(),
    ownerSub: text('owner_sub').notNull(),
    /** The organisation's SIRET when the owner is a training organisation. */
    ownerSiret: text('owner_siret'),
    url: text('url').notNull(),
    /** HMAC-SHA256 key: kept to sign, shown once at registration. */
    secret: text('secret').notNull(),
    createdAt: text('created_at').notNull(),
    removedAt: text('removed_at'),
  },
  (t) => [index('webhooks_owner').on(t.ownerSub)],
);

/**
 * One event to push to one webhook, written in the same transaction as the transition (or by a
 * replay). A dossier's events go to a webhook one at a time, in transition order: the next waits
 * until the previous one was acknowledged with a 2xx.
 */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    webhookId: text('webhook_id')
      .notNull()
      .references(() => webhooks.id),
    transitionId: integer('transition_id')
      .notNull()
      .references(() => transitions.id),
    dossierId: text('dossier_id').notNull(),
    status: text('status', { enum: ['pending', 'done', 'withheld', 'dropped'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** Epoch milliseconds: not before this (backoff). */
    nextAttemptAt: integer('next_attempt_at').notNull(),
    replay: integer('replay', { mode: 'boolean' }).notNull().default(false),
    createdAt: text('created_at').notNull(),
    doneAt: text('done_at'),
  },
  (t) => [index('webhook_deliveries_pending').on(t.status, t.webhookId, t.dossierId, t.id)],
);

/** Every attempt of every delivery: the log an integrator reads. */
export const webhookAttempts = sqliteTable(
  'webhook_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    webhookId: text('webhook_id').notNull(),
    deliveryId: integer('delivery_id').notNull(),
    transitionId: integer('transition_id').notNull(),
    dossierId: text('dossier_id').notNull(),
    attempt: integer('attempt').notNull(),
    statusCode: integer('status_code'),
    error: text('error'),
    durationMs: integer('duration_ms').notNull(),
    at: text('at').notNull(),
  },
  (t) => [index('webhook_attempts_webhook').on(t.webhookId, t.id)],
);

export const schema = { dossiers, transitions, moneyParts, outbox, idempotency, webhooks, webhookDeliveries, webhookAttempts };
