// Reserving envelope money for a dossier: atomic (one IMMEDIATE transaction, so concurrent
// writers queue on the SQLite lock) and idempotent (the caller's key is the primary key).
import { eq, sql } from 'drizzle-orm';
import { formatEuros } from '../domain/money.ts';
import type { Db } from './client.ts';
import { envelopes, reservations, rules } from './schema.ts';

export type Reservation = typeof reservations.$inferSelect;

export class ReservationError extends Error {}

export interface ReservationRequest {
  key: string;
  ruleId: string;
  personId: string;
  sessionId: string;
  amount: number;
  now: string;
}

export function reserve(db: Db, request: ReservationRequest): Reservation {
  if (!Number.isSafeInteger(request.amount) || request.amount <= 0) {
    throw new ReservationError('le montant à réserver doit être un nombre positif de centimes');
  }
  return db.transaction(
    (tx) => {
      const envelope = tx.select().from(envelopes).where(eq(envelopes.ruleId, request.ruleId)).get();
      if (!envelope) throw new ReservationError(`la règle ${request.ruleId} n'a pas d'enveloppe`);
      // Whoever asks, a rule never pays more than its cap per dossier, nor while suspended.
      const rule = tx.select({ status: rules.status, capPerDossier: rules.capPerDossier }).from(rules).where(eq(rules.id, request.ruleId)).get();
      if (rule?.status !== 'ACTIVE') throw new ReservationError(`la règle ${request.ruleId} n'est pas active`);
      if (rule.capPerDossier !== null && request.amount > rule.capPerDossier) {
        throw new ReservationError(
          `la règle ${request.ruleId} paie au plus ${formatEuros(rule.capPerDossier)} par dossier ; ${formatEuros(request.amount)} demandés`,
        );
      }
      const previous = tx.select().from(reservations).where(eq(reservations.key, request.key)).get();
      if (previous) {
        const same =
          previous.envelopeId === envelope.id &&
          previous.personId === request.personId &&
          previous.sessionId === request.sessionId &&
          previous.amount === request.amount;
        if (!same) throw new ReservationError(`la clé ${request.key} a déjà servi pour une autre réservation`);
        return previous;
      }
      const remaining = envelope.budget - envelope.consumed;
      const granted = remaining >= request.amount;
      if (granted) {
        tx.update(envelopes)
          .set({ consumed: sql`${envelopes.consumed} + ${request.amount}` })
          .where(eq(envelopes.id, envelope.id))
          .run();
      }
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

/** Gives a granted amount back to its envelope, once: releasing again changes nothing. */
/**
 * Gives a reservation back to its envelope: all of it, or all but `keep` cents (a dossier's partial
 * completion: the funder pays only its share). Giving back down to the same `keep` again changes nothing.
 */
export function release(db: Db, key: string, now: string, keep = 0): Reservation {
  if (!Number.isSafeInteger(keep) || keep < 0) throw new ReservationError('le montant conservé doit être un nombre de centimes ≥ 0');
  return db.transaction(
    (tx) => {
      const reservation = tx.select().from(reservations).where(eq(reservations.key, key)).get();
      if (!reservation) throw new ReservationError(`aucune réservation de clé ${key}`);
      if (reservation.status !== 'GRANTED') return reservation;
      if (keep > 0) {
        if (keep >= reservation.amount) return reservation;
        tx.update(envelopes)
          .set({ consumed: sql`${envelopes.consumed} - ${reservation.amount - keep}` })
          .where(eq(envelopes.id, reservation.envelopeId))
          .run();
        tx.update(reservations).set({ amount: keep }).where(eq(reservations.key, key)).run();
        return { ...reservation, amount: keep };
      }
      tx.update(envelopes)
        .set({ consumed: sql`${envelopes.consumed} - ${reservation.amount}` })
        .where(eq(envelopes.id, reservation.envelopeId))
        .run();
      tx.update(reservations).set({ status: 'RELEASED', releasedAt: now }).where(eq(reservations.key, key)).run();
      return { ...reservation, status: 'RELEASED', releasedAt: now };
    },
    { behavior: 'immediate' },
  );
}

export function findReservation(db: Db, key: string): Reservation | undefined {
  return db.select().from(reservations).where(eq(reservations.key, key)).get();
}
