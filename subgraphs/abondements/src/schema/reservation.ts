// Envelope money for a dossier: reserved when the dossier is ordered, released when it is cancelled.
import { badUserInput } from '@formations/schema/subgraph';
import { findReservation, release, reserve, ReservationError, type Reservation } from '../db/reservations.ts';
import type { ReservationRefusalCode } from '../domain/funder-decision.ts';
import { builder } from './builder.ts';
import { assertMayCancelFor, assertMayCommitFor } from './dossier-access.ts';
import { CriterionEnum, ReservationStatusEnum } from './enums.ts';

/** A refusal as BAD_USER_INPUT: its French words as the message, its code as extensions.reason. */
const asBadInput = (error: unknown): never => {
  if (error instanceof ReservationError) throw badUserInput(error.message, { reason: error.code });
  throw error;
};

// Documents the codes of extensions.reason in the schema, for clients that switch on them.
export const ReservationRefusalCodeEnum = builder.enumType('ReservationRefusal', {
  description: 'Why a reservation or its release is refused (extensions.reason of the BAD_USER_INPUT error); nothing is reserved or released then.',
  values: {
    AMOUNT_NOT_POSITIVE: { description: 'The amount to reserve is not a positive number of cents.' },
    NO_ENVELOPE: { description: 'The rule has no budget envelope.' },
    RULE_NOT_ACTIVE: { description: 'The rule is suspended or unknown.' },
    ABOVE_CAP_PER_DOSSIER: { description: "The amount exceeds the rule's cap per dossier." },
    KEY_REUSED: { description: 'The key was already used for another reservation.' },
    UNKNOWN_RESERVATION: { description: 'No reservation has this key.' },
    KEEP_NOT_VALID: { description: 'The amount to keep is not a number of cents ≥ 0.' },
    NO_FUNDER_DECISION: {
      description: "The rule's top-up is decided by its funder (granting FUNDER_DECISION) and no request was made to it for this person × session.",
    },
    FUNDER_DECISION_PENDING: { description: "The funder's decision on the request for this person × session is awaited (before its deadline)." },
    FUNDER_REFUSED: { description: 'The funder refused the request for this person × session.' },
    ABOVE_FUNDER_DECISION: {
      description: 'The amount (with what is already reserved for this person × session under that funder’s decision) exceeds what the funder accepted.',
    },
  } satisfies Record<ReservationRefusalCode, { description: string }>,
});

const ReservationRef = builder.objectRef<Reservation>('Reservation').implement({
  description: "Money set aside in a rule's envelope for one dossier. The same key always gives the same answer.",
  fields: (t) => ({
    key: t.exposeID('key', { description: "The caller's idempotency key (one per dossier and rule)." }),
    status: t.expose('status', { type: ReservationStatusEnum, description: 'Granted, refused, or released after a cancellation.' }),
    amount: t.expose('amount', { type: 'Cents', description: 'Amount asked.' }),
    reason: t.exposeString('reason', { nullable: true, description: 'Why it was refused, in French.' }),
    refusedOn: t.field({
      type: CriterionEnum,
      nullable: true,
      description: "What refused it, as a code: ENVELOPE (the rule's envelope could not pay it all) when refused, else null.",
      // Cap, status and key errors are raised, not stored: the envelope is the only stored refusal.
      resolve: (r) => (r.status === 'REFUSED' ? 'ENVELOPE' : null),
    }),
    personId: t.exposeID('personId', { description: 'The holder.' }),
    sessionId: t.exposeID('sessionId', { description: 'The session of the dossier.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was first asked.' }),
    releasedAt: t.expose('releasedAt', { type: 'DateTime', nullable: true, description: 'When it was released.' }),
  }),
});

builder.mutationFields((t) => ({
  reserveTopUp: t.field({
    type: ReservationRef,
    description:
      "Sets aside a top-up in a rule's envelope for a dossier, atomically: granted only if the envelope can pay it all. Idempotent: repeating a key returns the first answer. Computing a funding plan never reserves anything; this does. A rule whose top-up its funder decides (granting FUNDER_DECISION) is reserved only once that funder accepted a request for this person × session (or stayed silent past its deadline), up to the amount accepted; otherwise BAD_USER_INPUT with extensions.reason (ReservationRefusal).",
    args: {
      key: t.arg.id({ required: true, description: 'Idempotency key chosen by the caller.' }),
      ruleId: t.arg.id({ required: true, description: 'The rule whose envelope pays.' }),
      personId: t.arg.id({ required: true, description: 'The holder.' }),
      sessionId: t.arg.id({ required: true, description: 'The session.' }),
      amount: t.arg({ type: 'Cents', required: true, description: 'The top-up of the funding plan.' }),
    },
    resolve: async (_root, args, ctx) => {
      assertMayCommitFor(ctx);
      const personId = String(args.personId);
      try {
        return await reserve(ctx.store, {
          key: String(args.key),
          ruleId: String(args.ruleId),
          personId,
          sessionId: String(args.sessionId),
          amount: args.amount,
          now: ctx.clock.now().toISOString(),
          today: ctx.clock.today(),
        });
      } catch (error) {
        return asBadInput(error);
      }
    },
  }),
  releaseReservation: t.field({
    type: ReservationRef,
    description:
      'Gives a reserved amount back to its envelope when the dossier is cancelled, or all but `keep` after a partial completion (the reservation then holds `keep`); releasing twice gives it back once.',
    args: {
      key: t.arg.id({ required: true, description: 'The reservation key.' }),
      keep: t.arg({ type: 'Cents', required: true, defaultValue: 0, description: 'What stays reserved (0: give everything back).' }),
    },
    resolve: async (_root, args, ctx) => {
      const key = String(args.key);
      const existing = await findReservation(ctx.store, key);
      if (!existing) throw badUserInput(`aucune réservation de clé ${key}`, { reason: 'UNKNOWN_RESERVATION' satisfies ReservationRefusalCode });
      assertMayCancelFor(ctx, existing.personId);
      try {
        return await release(ctx.store, key, ctx.clock.now().toISOString(), args.keep);
      } catch (error) {
        return asBadInput(error);
      }
    },
  }),
}));

// Reconciliation of dossiers (`npm run reconcile`): what is held today under each key a dossier
// used, reservations and dotation spendings alike, read in one statement each. Operators only.
import { forbidden } from '@formations/schema/subgraph';
import { heldUnderKeys } from '../db/queries.ts';
import { requestStatusOn } from '../domain/france-travail-request.ts';

interface Holding {
  key: string;
  kind: 'RESERVATION' | 'DOTATION_USE' | 'FRANCE_TRAVAIL_REQUEST';
  status: string;
  amount: number;
}

const HoldingRef = builder.objectRef<Holding>('DossierHolding').implement({
  description: 'Money a dossier set aside (a reservation) or spent (a dotation use) under its key, and what became of it.',
  fields: (t) => ({
    key: t.exposeID('key', { description: 'The idempotency key the dossier used.' }),
    kind: t.exposeString('kind', {
      description: 'RESERVATION (a top-up), DOTATION_USE, or FRANCE_TRAVAIL_REQUEST (the request of a dossier waiting for France Travail).',
    }),
    status: t.exposeString('status', {
      description: 'GRANTED / SPENT (held), RELEASED (given back), REFUSED; a request: OPEN, ACCEPTED, ACCEPTED_TACITLY, REFUSED, WITHDRAWN as of today.',
    }),
    amount: t.expose('amount', { type: 'Cents', description: 'Amount.' }),
  }),
});

builder.queryFields((t) => ({
  dossierHoldings: t.field({
    type: [HoldingRef],
    description:
      'The reservations, dotation uses and France Travail requests recorded under these keys (unknown keys are left out). For the operator, to reconcile dossiers.',
    args: { keys: t.arg.idList({ required: true, description: 'Idempotency keys (at most 1,000).' }) },
    resolve: async (_root, args, ctx) => {
      if (ctx.viewer?.role !== 'operator') throw forbidden('only the operator reconciles dossiers');
      const keys = args.keys.map(String).slice(0, 1000);
      if (keys.length === 0) return [];
      const { reserved: held, spent, asked } = await heldUnderKeys(ctx.store, keys);
      const today = ctx.clock.today();
      return [
        ...asked.map((r) => ({ key: r.dossierKey!, kind: 'FRANCE_TRAVAIL_REQUEST' as const, status: requestStatusOn(r, today), amount: r.amountRequested })),
        ...held.map((r) => ({ key: r.key, kind: 'RESERVATION' as const, status: r.status, amount: r.amount })),
        ...spent.map((u) => ({ key: u.key, kind: 'DOTATION_USE' as const, status: u.status, amount: u.amount })),
      ];
    },
  }),
}));
