// Spending a dotation on a dossier: atomic and idempotent like envelope reservations (one
// transaction holding the dotation), and only within what the dotation allows on that day
// (deadline, targeted certifications).
import { eq } from 'drizzle-orm';
import { dotationRefusal } from '../domain/dotations.ts';
import { giveBack, replayed, take, type Holdings } from './holdings.ts';
import type { tables } from './schema.ts';
import type { AbondementsStore, Tables } from './store.ts';

export type DotationUse = typeof tables.dotationUses.$inferSelect;

export class DotationUseError extends Error {}

const DOTATION_USES = ({ dotationUses, dotations }: Tables): Holdings<DotationUse> => ({
  table: dotationUses,
  pool: { name: 'dotations', table: dotations, id: dotations.id, taken: dotations.spent, takenField: 'spent' },
  poolOf: (u) => u.dotationId,
  held: 'SPENT',
  fail: (_code, message) => new DotationUseError(message),
});

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

export async function spendDotation(store: AbondementsStore, request: DotationUseRequest): Promise<DotationUse> {
  if (!Number.isSafeInteger(request.amount) || request.amount <= 0) throw new DotationUseError('le montant à dépenser doit être un nombre positif de centimes');
  const { t } = store;
  return store.transaction(async (tx) => {
    const findDotation = async () => (await tx.select().from(t.dotations).where(eq(t.dotations.id, request.dotationId)))[0];
    const found = await findDotation();
    if (!found || found.personId !== request.personId) throw new DotationUseError(`aucune dotation ${request.dotationId} pour ce titulaire`);
    const sameRequest = (p: DotationUse) => p.dotationId === request.dotationId && p.sessionId === request.sessionId && p.amount === request.amount;
    // A key already answered needs no lock: its answer is read as committed.
    const answered = await replayed(tx, DOTATION_USES(t), request.key, sameRequest);
    if (answered) return answered;
    // One writer at a time takes from this dotation; the key and its figures are read again after the lock.
    await store.lockPools(tx, 'dotations', [found.id]);
    const previous = await replayed(tx, DOTATION_USES(t), request.key, sameRequest);
    if (previous) return previous;
    const dotation = (await findDotation())!;
    const refusal = dotationRefusal(dotation, request.certificationCode, request.today, request.amount);
    if (refusal === null) await take(tx, DOTATION_USES(t), dotation.id, request.amount);
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
    await tx.insert(t.dotationUses).values(use);
    return use;
  });
}

/** Gives the money back to the dotation when the dossier is cancelled (all, or all but `keep` cents), once: see holdings.ts. */
export const releaseDotationUse = (store: AbondementsStore, key: string, now: string, keep = 0): Promise<DotationUse> =>
  giveBack(store, DOTATION_USES(store.t), key, now, keep);

export function personOfDotationUse(store: AbondementsStore, key: string): Promise<string | undefined> {
  const { dotations, dotationUses } = store.t;
  return store.run(
    async (db) =>
      (
        await db
          .select({ personId: dotations.personId })
          .from(dotationUses)
          .innerJoin(dotations, eq(dotations.id, dotationUses.dotationId))
          .where(eq(dotationUses.key, key))
      )[0]?.personId,
  );
}
