// Spending a dotation on a dossier: atomic and idempotent like envelope reservations, and only
// within what the dotation allows on that day (deadline, targeted certifications).
import { eq, sql } from 'drizzle-orm';
import { dotationRefusal } from '../domain/dotations.ts';
import type { Db } from './client.ts';
import { dotations, dotationUses } from './schema.ts';

export type DotationUse = typeof dotationUses.$inferSelect;

export class DotationUseError extends Error {}

export interface DotationUseRequest {
  key: string;
  dotationId: string;
  personId: string;
  sessionId: string;
  /** The certification the session leads to: a targeted dotation pays only for its own. */
  certificationCode: string | null;
  amount: number;
  today: string;
  now: string;
}

export function spendDotation(db: Db, request: DotationUseRequest): DotationUse {
  if (!Number.isSafeInteger(request.amount) || request.amount <= 0) throw new DotationUseError('le montant à dépenser doit être un nombre positif de centimes');
  return db.transaction(
    (tx) => {
      const dotation = tx.select().from(dotations).where(eq(dotations.id, request.dotationId)).get();
      if (!dotation || dotation.personId !== request.personId) throw new DotationUseError(`aucune dotation ${request.dotationId} pour ce titulaire`);
      const previous = tx.select().from(dotationUses).where(eq(dotationUses.key, request.key)).get();
      if (previous) {
        const same = previous.dotationId === request.dotationId && previous.sessionId === request.sessionId && previous.amount === request.amount;
        if (!same) throw new DotationUseError(`la clé ${request.key} a déjà servi pour une autre dépense`);
        return previous;
      }
      const refusal = dotationRefusal(dotation, request.certificationCode, request.today, request.amount);
      if (refusal === null) {
        tx.update(dotations)
          .set({ spent: sql`${dotations.spent} + ${request.amount}` })
          .where(eq(dotations.id, dotation.id))
          .run();
      }
      const use: DotationUse = {
        key: request.key,
        dotationId: dotation.id,
        sessionId: request.sessionId,
        amount: request.amount,
        status: refusal === null ? 'SPENT' : 'REFUSED',
        reason: refusal?.message ?? null,
        reasonCode: refusal?.code ?? null,
        createdAt: request.now,
        releasedAt: null,
      };
      tx.insert(dotationUses).values(use).run();
      return use;
    },
    { behavior: 'immediate' },
  );
}

/** Gives the money back to the dotation when the dossier is cancelled, once. */
export function releaseDotationUse(db: Db, key: string, now: string, keep = 0): DotationUse {
  if (!Number.isSafeInteger(keep) || keep < 0) throw new DotationUseError('le montant conservé doit être un nombre de centimes ≥ 0');
  return db.transaction(
    (tx) => {
      const use = tx.select().from(dotationUses).where(eq(dotationUses.key, key)).get();
      if (!use) throw new DotationUseError(`aucune dépense de clé ${key}`);
      if (use.status !== 'SPENT') return use;
      // A partial completion: the dotation pays only its share, the rest goes back to it (once).
      if (keep > 0) {
        if (keep >= use.amount) return use;
        tx.update(dotations)
          .set({ spent: sql`${dotations.spent} - ${use.amount - keep}` })
          .where(eq(dotations.id, use.dotationId))
          .run();
        tx.update(dotationUses).set({ amount: keep }).where(eq(dotationUses.key, key)).run();
        return { ...use, amount: keep };
      }
      tx.update(dotations)
        .set({ spent: sql`${dotations.spent} - ${use.amount}` })
        .where(eq(dotations.id, use.dotationId))
        .run();
      tx.update(dotationUses).set({ status: 'RELEASED', releasedAt: now }).where(eq(dotationUses.key, key)).run();
      return { ...use, status: 'RELEASED', releasedAt: now };
    },
    { behavior: 'immediate' },
  );
}

export function personOfDotationUse(db: Db, key: string): string | undefined {
  return db
    .select({ personId: dotations.personId })
    .from(dotationUses)
    .innerJoin(dotations, eq(dotations.id, dotationUses.dotationId))
    .where(eq(dotationUses.key, key))
    .get()?.personId;
}
