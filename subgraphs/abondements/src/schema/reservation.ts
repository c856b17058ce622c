// Envelope money for a dossier: reserved when the dossier is ordered, released when it is cancelled.
import { badUserInput } from '@formations/schema/subgraph';
import { findReservation, release, reserve, ReservationError, type Reservation } from '../db/reservations.ts';
import { builder } from './builder.ts';
import { assertMayCancelFor, assertMayCommitFor } from './dossier-access.ts';
import { CriterionEnum, ReservationStatusEnum } from './enums.ts';

const asBadInput = (error: unknown): never => {
  if (error instanceof ReservationError) throw badUserInput(error.message);
  throw error;
};

const ReservationType = builder.objectRef<Reservation>('Reservation').implement({
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
    type: ReservationType,
    description:
      "Sets aside a top-up in a rule's envelope for a dossier, atomically: granted only if the envelope can pay it all. Idempotent: repeating a key returns the first answer. Computing a funding plan never reserves anything; this does.",
    args: {
      key: t.arg.id({ required: true, description: 'Idempotency key chosen by the caller.' }),
      ruleId: t.arg.id({ required: true, description: 'The rule whose envelope pays.' }),
      personId: t.arg.id({ required: true, description: 'The holder.' }),
      sessionId: t.arg.id({ required: true, description: 'The session.' }),
      amount: t.arg({ type: 'Cents', required: true, description: 'The top-up of the funding plan.' }),
    },
    resolve: (_root, args, ctx) => {
      assertMayCommitFor(ctx);
      const personId = String(args.personId);
      try {
        return reserve(ctx.db, {
          key: String(args.key),
          ruleId: String(args.ruleId),
          personId,
          sessionId: String(args.sessionId),
          amount: args.amount,
          now: ctx.clock.now().toISOString(),
        });
      } catch (error) {
        return asBadInput(error);
      }
    },
  }),
  releaseReservation: t.field({
    type: ReservationType,
    description:
      'Gives a reserved amount back to its envelope when the dossier is cancelled, or all but `keep` after a partial completion (the reservation then holds `keep`); releasing twice gives it back once.',
    args: {
      key: t.arg.id({ required: true, description: 'The reservation key.' }),
      keep: t.arg({ type: 'Cents', required: true, defaultValue: 0, description: 'What stays reserved (0: give everything back).' }),
    },
    resolve: (_root, args, ctx) => {
      const key = String(args.key);
      const existing = findReservation(ctx.db, key);
      if (!existing) throw badUserInput(`aucune réservation de clé ${key}`);
      assertMayCancelFor(ctx, existing.personId);
      try {
        return release(ctx.db, key, ctx.clock.now().toISOString(), args.keep);
      } catch (error) {
        return asBadInput(error);
      }
    },
  }),
}));

// Reconciliation of dossiers (`npm run reconcile`): what is held today under each key a dossier
// used, reservations and dotation spendings alike, read in one statement each. Operators only.
import { inArray } from 'drizzle-orm';
import { forbidden } from '@formations/schema/subgraph';
import { dotationUses, franceTravailRequests, reservations } from '../db/schema.ts';
import { requestStatusOn } from '../domain/france-travail-request.ts';

interface Holding {
  key: string;
  kind: 'RESERVATION' | 'DOTATION_USE' | 'FRANCE_TRAVAIL_REQUEST';
  status: string;
  amount: number;
}

const HoldingType = builder.objectRef<Holding>('DossierHolding').implement({
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
    type: [HoldingType],
    description:
      'The reservations, dotation uses and France Travail requests recorded under these keys (unknown keys are left out). For the operator, to reconcile dossiers.',
    args: { keys: t.arg.idList({ required: true, description: 'Idempotency keys (at most 1,000).' }) },
    resolve: (_root, args, ctx) => {
      if (ctx.viewer?.role !== 'operator') throw forbidden('only the operator reconciles dossiers');
      const keys = args.keys.map(String).slice(0, 1000);
      if (keys.length === 0) return [];
      const held = ctx.db.select().from(reservations).where(inArray(reservations.key, keys)).all();
      const spent = ctx.db.select().from(dotationUses).where(inArray(dotationUses.key, keys)).all();
      const asked = ctx.db.select().from(franceTravailRequests).where(inArray(franceTravailRequests.dossierKey, keys)).all();
      const today = ctx.clock.today();
      return [
        ...asked.map((r) => ({ key: r.dossierKey!, kind: 'FRANCE_TRAVAIL_REQUEST' as const, status: requestStatusOn(r, today), amount: r.amountRequested })),
        ...held.map((r) => ({ key: r.key, kind: 'RESERVATION' as const, status: r.status, amount: r.amount })),
        ...spent.map((u) => ({ key: u.key, kind: 'DOTATION_USE' as const, status: u.status, amount: u.amount })),
      ];
    },
  }),
}));
