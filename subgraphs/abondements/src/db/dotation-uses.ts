// Spending a dotation on a dossier: atomic and idempotent like envelope reservations, and only
// within what the dotation allows on that day (deadline, targeted certifications).
import { eq } from 'drizzle-orm';
import { dotationRefusal } from '../domain/dotations.ts';
import type { Db } from './client.ts';
import { giveBack, replayed, take, type Holdings } from './holdings.ts';
import { dotations, dotationUses } from './schema.ts';

export type DotationUse = typeof dotationUses.$inferSelect;

export class DotationUseError extends Error {}

const DOTATION_USES: Holdings<DotationUse> = {
  table: dotationUses,
  pool: { table: dotations, id: dotations.id, taken: dotations.spent },
  poolOf: (u) => u.dotationId,
  held: 'SPENT',
  fail: (_code, message) => new DotationUseError(message),
};

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
      const previous = replayed(
        tx,
        DOTATION_USES,
        request.key,
        (p) => p.dotationId === request.dotationId && p.sessionId === request.sessionId && p.amount === request.amount,
      );
      if (previous) return previous;
      const refusal = dotationRefusal(dotation, request.certificationCode, request.today, request.amount);
      if (refusal === null) take(tx, DOTATION_USES, dotation.id, request.amount);
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

/** Gives the money back to the dotation when the dossier is cancelled (all, or all but `keep` cents), once: see holdings.ts. */
export const releaseDotationUse = (db: Db, key: string, now: string, keep = 0): DotationUse => giveBack(db, DOTATION_USES, key, now, keep);

export function personOfDotationUse(db: Db, key: string): string | undefined {
  return db
    .select({ personId: dotations.personId })
    .from(dotationUses)
    .innerJoin(dotations, eq(dotations.id, dotationUses.dotationId))
    .where(eq(dotationUses.key, key))
    .get()?.personId;
}
