// The France Travail review's commands in the outbox (domain/funder-review.ts says which), written in
// the transition's transaction like the money's, and the facts the relay sends with them.
import { and, asc, eq } from 'drizzle-orm';
import { parisDate } from '@formations/schema/clock';
import { reviewActionFor, reviewKey, type ReviewAction } from '../domain/funder-review.ts';
import { PlanError } from '../domain/money.ts';
import type { Actor, DossierState, Transition } from '../domain/states.ts';
import type { DossiersDatabase } from './client.ts';
import { moneyParts, outbox, transitions } from './schema.ts';

type Tx = Pick<DossiersDatabase, 'select' | 'insert'>;

/** Enqueues the review command a transition asks for (none for most); returns how many rows it wrote. */
export function enqueueFunderReview(
  tx: Tx,
  step: { dossierId: string; transition: Transition; fromState: DossierState | null; actor: Actor; now: Date },
): number {
  const action = reviewActionFor(step);
  if (!action) return 0;
  // Attached to the plan's first top-up: the outbox row names a part, and France Travail's is one of them.
  const part = tx
    .select()
    .from(moneyParts)
    .where(and(eq(moneyParts.dossierId, step.dossierId), eq(moneyParts.kind, 'TOP_UP')))
    .orderBy(asc(moneyParts.id))
    .get();
  if (!part) throw new PlanError(`${step.transition} needs the top-up asked of France Travail in the funding plan`);
  tx.insert(outbox)
    .values({
      dossierId: step.dossierId,
      partId: part.id,
      action,
      key: reviewKey(step.dossierId, action),
      status: 'pending',
      nextAttemptAt: step.now.getTime(),
      createdAt: step.now.toISOString(),
    })
    .run();
  return 1;
}

export interface ReviewFacts {
  topUps: { ruleId: string; amount: number }[];
  /** The organisation's offer: the day the dossier was validated. */
  offeredOn: string;
  /** The day the holder asked for the review. */
  submittedOn: string;
  /** France Travail's decision on the dossier, once made. */
  decision: { by: string; on: string; reason: string | null } | null;
}

export function reviewFacts(db: DossiersDatabase, dossierId: string): ReviewFacts {
  const history = db.select().from(transitions).where(eq(transitions.dossierId, dossierId)).orderBy(asc(transitions.id)).all();
  const dayOf = (name: string) => {
    const t = history.find((h) => h.transition === name);
    return t ? parisDate(new Date(t.at)) : null;
  };
  const decided = history.find((h) => h.fromState === 'waitingAcceptation' && (h.transition === 'grantFunding' || h.transition === 'refuseFunding'));
  return {
    topUps: db
      .select()
      .from(moneyParts)
      .where(and(eq(moneyParts.dossierId, dossierId), eq(moneyParts.kind, 'TOP_UP')))
      .all()
      .map((p) => ({ ruleId: p.reference, amount: p.amount })),
    offeredOn: dayOf('validateDossier') ?? dayOf('requestFunderReview')!,
    submittedOn: dayOf('requestFunderReview')!,
    decision: decided ? { by: decided.actorSub ?? 'france-travail', on: parisDate(new Date(decided.at)), reason: decided.reason ?? decided.reasonCode } : null,
  };
}

export type { ReviewAction };
