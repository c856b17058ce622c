// Reserving envelope money for a dossier: atomic (one IMMEDIATE transaction, so concurrent
// writers queue on the SQLite lock) and idempotent (the caller's key is the primary key). A rule
// that waits for its funder's decision is reserved only once the funder accepted (domain/funder-decision.ts).
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { parisDate } from '@formations/schema/clock';
import { funderDecisionRefusal, ReservationError } from '../domain/funder-decision.ts';
import { formatEuros } from '../domain/money.ts';
import type { Db } from './client.ts';
import { giveBack, replayed, take, type Holdings } from './holdings.ts';
import { conventions, envelopes, franceTravailRequests, funders, reservations, rules } from './schema.ts';

export type Reservation = typeof reservations.$inferSelect;

const RESERVATIONS: Holdings<Reservation> = {
  table: reservations,
  pool: { table: envelopes, id: envelopes.id, taken: envelopes.consumed },
  poolOf: (r) => r.envelopeId,
  held: 'GRANTED',
  fail: (code, message) => new ReservationError(code === 'UNKNOWN_KEY' ? 'UNKNOWN_RESERVATION' : code, message),
};

export { ReservationError };

export interface ReservationRequest {
  key: string;
  ruleId: string;
  personId: string;
  sessionId: string;
  amount: number;
  now: string;
  /** Today in Paris (decides a funder's tacit acceptance); the day of `now` when absent. */
  today?: string;
}

export function reserve(db: Db, request: ReservationRequest): Reservation {
  if (!Number.isSafeInteger(request.amount) || request.amount <= 0) {
    throw new ReservationError('AMOUNT_NOT_POSITIVE', 'le montant à réserver doit être un nombre positif de centimes');
  }
  return db.transaction(
    (tx) => {
      const envelope = tx.select().from(envelopes).where(eq(envelopes.ruleId, request.ruleId)).get();
      if (!envelope) throw new ReservationError('NO_ENVELOPE', `la règle ${request.ruleId} n'a pas d'enveloppe`);
      // Whoever asks, a rule never pays more than its cap per dossier, nor while suspended.
      const rule = tx
        .select({
          id: rules.id,
          label: rules.label,
          status: rules.status,
          capPerDossier: rules.capPerDossier,
          granting: rules.granting,
          funderId: funders.id,
          funderName: funders.name,
        })
        .from(rules)
        .innerJoin(conventions, eq(conventions.id, rules.conventionId))
        .innerJoin(funders, eq(funders.id, conventions.funderId))
        .where(eq(rules.id, request.ruleId))
        .get();
      if (rule?.status !== 'ACTIVE') throw new ReservationError('RULE_NOT_ACTIVE', `la règle ${request.ruleId} n'est pas active`);
      if (rule.capPerDossier !== null && request.amount > rule.capPerDossier) {
        throw new ReservationError(
          'ABOVE_CAP_PER_DOSSIER',
          `la règle ${request.ruleId} paie au plus ${formatEuros(rule.capPerDossier)} par dossier ; ${formatEuros(request.amount)} demandés`,
        );
      }
      const previous = replayed(
        tx,
        RESERVATIONS,
        request.key,
        (p) => p.envelopeId === envelope.id && p.personId === request.personId && p.sessionId === request.sessionId && p.amount === request.amount,
      );
      if (previous) return previous;
      if (rule.granting === 'FUNDER_DECISION') {
        const refusal = funderDecisionRefusal({
          rule,
          requests: tx
            .select()
            .from(franceTravailRequests)
            .where(
              and(
                eq(franceTravailRequests.funderId, rule.funderId),
                eq(franceTravailRequests.personId, request.personId),
                eq(franceTravailRequests.sessionId, request.sessionId),
              ),
            )
            // In the order they were made (ids are random): the latest is the funder's word.
            .orderBy(asc(franceTravailRequests.submittedOn), sql`france_travail_requests.rowid`)
            .all(),
          amount: request.amount,
          alreadyReserved: reservedUnderDecisionOf(tx, rule.funderId, request),
          today: request.today ?? parisDate(new Date(request.now)),
        });
        if (refusal) throw refusal;
      }
      const remaining = envelope.budget - envelope.consumed;
      const granted = remaining >= request.amount;
      if (granted) take(tx, RESERVATIONS, envelope.id, request.amount);
      const row: Reservation = {
        key: request.key,
        envelopeId: envelope.id,
        personId: request.personId,
        sessionId: request.sessionId,
        amount: request.amount,
        status: granted ? 'GRANTED' : 'REFUSED',
        reason: granted ? null : `l'enveloppe dispose de ${formatEuros(remaining)}, moins que les ${formatEuros(request.amount)} demandés`,
        createdAt: request.now,
        releasedAt: null,
      };
      tx.insert(reservations).values(row).run();
      return row;
    },
    { behavior: 'immediate' },
  );
}

/** Gives a reservation back to its envelope, once (all of it, or all but `keep` cents): see holdings.ts. */
export const release = (db: Db, key: string, now: string, keep = 0): Reservation => giveBack(db, RESERVATIONS, key, now, keep);

/** What other keys hold for this person × session under the rules of `funderId` that wait for its decision. */
function reservedUnderDecisionOf(tx: Pick<Db, 'select'>, funderId: string, request: ReservationRequest): number {
  const row = tx
    .select({ total: sql<number>`coalesce(sum(${reservations.amount}), 0)` })
    .from(reservations)
    .innerJoin(envelopes, eq(envelopes.id, reservations.envelopeId))
    .innerJoin(rules, eq(rules.id, envelopes.ruleId))
    .innerJoin(conventions, eq(conventions.id, rules.conventionId))
    .where(
      and(
        eq(conventions.funderId, funderId),
        eq(rules.granting, 'FUNDER_DECISION'),
        eq(reservations.personId, request.personId),
        eq(reservations.sessionId, request.sessionId),
        eq(reservations.status, 'GRANTED'),
        ne(reservations.key, request.key),
      ),
    )
    .get();
  return Number(row?.total ?? 0);
}

export function findReservation(db: Db, key: string): Reservation | undefined {
  return db.select().from(reservations).where(eq(reservations.key, key)).get();
}
