// Reserving envelope money for a dossier: atomic (one transaction holding the envelope:
// store.lockPools, taken after the checks that need no lock, so that writers queue on a hot
// envelope only for the few statements that take its money) and idempotent (the caller's key is the primary key). A rule that waits for its
// funder's decision is reserved only once the funder accepted (domain/funder-decision.ts).
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { parisDate } from '@formations/schema/clock';
import { funderDecisionRefusal, ReservationError } from '../domain/funder-decision.ts';
import { formatEuros } from '../domain/money.ts';
import { giveBack, replayed, take, type Holdings } from './holdings.ts';
import type { tables } from './schema.ts';
import type { AbondementsStore, Sql, Tables } from './store.ts';

export type Reservation = typeof tables.reservations.$inferSelect;

const RESERVATIONS = ({ reservations, envelopes }: Tables): Holdings<Reservation> => ({
  table: reservations,
  pool: { name: 'envelopes', table: envelopes, id: envelopes.id, taken: envelopes.consumed, takenField: 'consumed' },
  poolOf: (r) => r.envelopeId,
  held: 'GRANTED',
  fail: (code, message) => new ReservationError(code === 'UNKNOWN_KEY' ? 'UNKNOWN_RESERVATION' : code, message),
});

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

export async function reserve(store: AbondementsStore, request: ReservationRequest): Promise<Reservation> {
  if (!Number.isSafeInteger(request.amount) || request.amount <= 0) {
    throw new ReservationError('AMOUNT_NOT_POSITIVE', 'le montant à réserver doit être un nombre positif de centimes');
  }
  const { t } = store;
  const { envelopes, rules, conventions, funders, franceTravailRequests, reservations } = t;
  return store.transaction(async (tx) => {
    const [found] = await tx.select({ id: envelopes.id }).from(envelopes).where(eq(envelopes.ruleId, request.ruleId));
    if (!found) throw new ReservationError('NO_ENVELOPE', `la règle ${request.ruleId} n'a pas d'enveloppe`);
    // Whoever asks, a rule never pays more than its cap per dossier, nor while suspended.
    const [rule] = await tx
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
      .where(eq(rules.id, request.ruleId));
    if (rule?.status !== 'ACTIVE') throw new ReservationError('RULE_NOT_ACTIVE', `la règle ${request.ruleId} n'est pas active`);
    if (rule.capPerDossier !== null && request.amount > rule.capPerDossier) {
      throw new ReservationError(
        'ABOVE_CAP_PER_DOSSIER',
        `la règle ${request.ruleId} paie au plus ${formatEuros(rule.capPerDossier)} par dossier ; ${formatEuros(request.amount)} demandés`,
      );
    }
    const sameRequest = (p: Reservation) =>
      p.envelopeId === found.id && p.personId === request.personId && p.sessionId === request.sessionId && p.amount === request.amount;
    // A key already answered needs no lock: its answer is read as committed.
    const answered = await replayed(tx, RESERVATIONS(t), request.key, sameRequest);
    if (answered) return answered;
    // One writer at a time takes from this envelope (and, for a rule its funder decides, from every
    // envelope of that funder's decided rules, which share what the funder accepted); the figures
    // and the key are read again after the lock.
    const pools = rule.granting === 'FUNDER_DECISION' ? [found.id, ...(await decidedEnvelopesOf(tx, t, rule.funderId))] : [found.id];
    await store.lockPools(tx, 'envelopes', pools);
    const previous = await replayed(tx, RESERVATIONS(t), request.key, sameRequest);
    if (previous) return previous;
    const [envelope] = await tx.select().from(envelopes).where(eq(envelopes.id, found.id));
    if (!envelope) throw new ReservationError('NO_ENVELOPE', `la règle ${request.ruleId} n'a pas d'enveloppe`);
    if (rule.granting === 'FUNDER_DECISION') {
      const refusal = funderDecisionRefusal({
        rule,
        requests: await tx
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
          .orderBy(asc(franceTravailRequests.submittedOn), store.requestInsertionOrder),
        amount: request.amount,
        alreadyReserved: await reservedUnderDecisionOf(tx, t, rule.funderId, request),
        today: request.today ?? parisDate(new Date(request.now)),
      });
      if (refusal) throw refusal;
    }
    const remaining = envelope.budget - envelope.consumed;
    const granted = remaining >= request.amount;
    if (granted) await take(tx, RESERVATIONS(t), envelope.id, request.amount);
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
    await tx.insert(reservations).values(row);
    return row;
  });
}

/** Gives a reservation back to its envelope, once (all of it, or all but `keep` cents): see holdings.ts. */
export const release = (store: AbondementsStore, key: string, now: string, keep = 0): Promise<Reservation> =>
  giveBack(store, RESERVATIONS(store.t), key, now, keep);

/** The envelopes of the rules of `funderId` that wait for its decision. */
async function decidedEnvelopesOf(tx: Sql, t: Tables, funderId: string): Promise<string[]> {
  const { envelopes, rules, conventions } = t;
  const rows = await tx
    .select({ id: envelopes.id })
    .from(envelopes)
    .innerJoin(rules, eq(rules.id, envelopes.ruleId))
    .innerJoin(conventions, eq(conventions.id, rules.conventionId))
    .where(and(eq(conventions.funderId, funderId), eq(rules.granting, 'FUNDER_DECISION')));
  return rows.map((r) => r.id);
}

/** What other keys hold for this person × session under the rules of `funderId` that wait for its decision. */
async function reservedUnderDecisionOf(tx: Sql, t: Tables, funderId: string, request: ReservationRequest): Promise<number> {
  const { reservations, envelopes, rules, conventions } = t;
  const [row] = await tx
    .select({ total: sql<number>`coalesce(sum(${reservations.amount}), 0)`.mapWith(Number) })
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
    );
  return Number(row?.total ?? 0);
}

export const findReservation = (store: AbondementsStore, key: string): Promise<Reservation | undefined> =>
  store.run(async (db) => (await db.select().from(store.t.reservations).where(eq(store.t.reservations.key, key)))[0]);
