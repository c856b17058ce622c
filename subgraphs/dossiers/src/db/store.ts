// Writing a dossier: one IMMEDIATE SQLite transaction holds the idempotency check, the transition,
// the new deadline, the funding plan's parts and the outbox rows that will move its money.
import { and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import { parisDate } from '@formations/schema/clock';
import {
  DEADLINE_EFFECTS,
  deadlineIn,
  MAX_OPEN_REQUESTS_PER_ACTION,
  realDayProblem,
  runningDeadline,
  tooLateToRequest,
  withinFreeCancellation,
} from '../domain/deadlines.ts';
import { givesBack, holderPaymentBack, plannedParts, PlanError, type PlanInput } from '../domain/money.ts';
import { completionParameterOn, settle } from '../domain/completion.ts';
import {
  FieldError,
  OPEN_REQUEST_STATES,
  ruleFor,
  TransitionError,
  type Actor,
  type DossierState,
  type FundingRoute,
  type Transition,
} from '../domain/states.ts';
import type { DossiersDatabase } from './client.ts';
import { dossiers, idempotency, moneyParts, outbox, transitions } from './schema.ts';
import { enqueueWebhookEvents } from '../webhooks/store.ts';
import { isReviewAction } from '../domain/funder-review.ts';
import { enqueueFunderReview } from './funder-review.ts';

export type DossierRow = typeof dossiers.$inferSelect;
export type TransitionRow = typeof transitions.$inferSelect;
export type PartRow = typeof moneyParts.$inferSelect;
export type OutboxRow = typeof outbox.$inferSelect;

export class IdempotencyError extends Error {}

export interface SessionFacts {
  actionId: string | null;
  organisationSiret: string | null;
  price: number | null;
  startDate: string | null;
  certificationCode: string | null;
}

export interface TransitionRequest {
  actor: { role: Actor; sub: string | null };
  transition: Transition;
  /** The dossier; absent when the transition creates it (then `create` says what). */
  dossierId?: string;
  create?: { id: string; personId: string; sessionId: string; route: FundingRoute; session: SessionFacts };
  /** The caller's key and a canonical form of its request: replaying the key returns the first answer. */
  idempotency?: { key: string; request: string };
  reasonCode?: string | null;
  reason?: string | null;
  plan?: PlanInput | null;
  /** The real day of an entry or exit (Paris; default today). */
  realDay?: string | null;
  /** The completion rate declared with the service done (whole percent). */
  completionRate?: number | null;
  /** Checks the caller may act on this dossier (throws); runs inside the transaction. */
  authorize?: (dossier: DossierRow) => void;
  now: Date;
}

export interface TransitionResult {
  dossierId: string;
  transitionId: number;
  replayed: boolean;
  outboxRows: number;
}

type Tx = Parameters<Parameters<DossiersDatabase['transaction']>[0]>[0];

export function applyTransition(db: DossiersDatabase, request: TransitionRequest): TransitionResult {
  return db.transaction((tx) => applyIn(tx, request), { behavior: 'immediate' });
}

function applyIn(tx: Tx, request: TransitionRequest): TransitionResult {
  const { actor, now } = request;
  const at = now.toISOString();
  const today = parisDate(now);
  if (request.idempotency) {
    const first = tx
      .select()
      .from(idempotency)
      .where(and(eq(idempotency.actorSub, actor.sub ?? ''), eq(idempotency.key, request.idempotency.key)))
      .get();
    if (first) {
      if (first.request !== request.idempotency.request)
        throw new IdempotencyError(`idempotency key ${request.idempotency.key} was already used for another request`);
      return { dossierId: first.dossierId, transitionId: first.transitionId, replayed: true, outboxRows: 0 };
    }
  }

  let dossier: DossierRow | undefined;
  let fromState: DossierState | null = null;
  if (request.dossierId) {
    dossier = tx.select().from(dossiers).where(eq(dossiers.id, request.dossierId)).get();
    if (!dossier) throw new TransitionError(`no dossier ${request.dossierId}`, 'IMPOSSIBLE');
    request.authorize?.(dossier);
    fromState = dossier.state;
  }
  const route = dossier?.route ?? request.create?.route;
  if (!route) throw new Error('applyTransition: a dossier id or what to create is needed');
  const rule = ruleFor(route, dossier?.state ?? null, request.transition, actor.role);
  if (request.transition === 'requestDossier') {
    const late = tooLateToRequest(route, dossier?.sessionStart ?? request.create?.session.startDate ?? null, today);
    if (late) throw new TransitionError(`requestDossier is impossible: ${late}`, 'IMPOSSIBLE');
    const personId = dossier?.personId ?? request.create!.personId;
    const actionId = dossier?.actionId ?? request.create?.session.actionId ?? null;
    if (actionId && route !== 'FRANCE_TRAVAIL_AIF') {
      const open = tx
        .select({ id: dossiers.id })
        .from(dossiers)
        .where(and(eq(dossiers.personId, personId), eq(dossiers.actionId, actionId), inArray(dossiers.state, [...OPEN_REQUEST_STATES])))
        .all()
        .filter((d) => d.id !== dossier?.id).length;
      if (open >= MAX_OPEN_REQUESTS_PER_ACTION.count) {
        throw new TransitionError(
          `requestDossier is impossible: ${open} requests on action ${actionId} are already open (${MAX_OPEN_REQUESTS_PER_ACTION.source})`,
          'IMPOSSIBLE',
        );
      }
    }
  }
  if (rule.reasonRequired && !request.reasonCode) throw new TransitionError(`${request.transition} needs a reason code`, 'REASON_REQUIRED');
  if (request.transition === 'checkPrerequisites' && dossier?.deadlineKind === 'ORGANISATION_ANSWER_PREREQUISITES') {
    throw new TransitionError(
      `checkPrerequisites is impossible: the prerequisites are already being checked (answer by ${dossier.deadlineDueOn})`,
      'IMPOSSIBLE',
    );
  }
  let effectiveOn: string | null = null;
  if (rule.takesRealDay) {
    effectiveOn = request.realDay ?? today;
    const entry =
      rule.takesRealDay === 'EXIT_DECLARATION' && dossier
        ? tx
            .select({ on: transitions.effectiveOn, at: transitions.at })
            .from(transitions)
            .where(and(eq(transitions.dossierId, dossier.id), eq(transitions.transition, 'declareEntry')))
            .orderBy(desc(transitions.id))
            .get()
        : undefined;
    // An entry follows the acceptance (an organisation trains only on an accepted order); an exit, the entry.
    const notBefore = entry
      ? { day: entry.on ?? parisDate(new Date(entry.at)), what: 'the entry' }
      : dossier?.acceptedOn
        ? { day: dossier.acceptedOn, what: 'the acceptance' }
        : null;
    const problem = realDayProblem(rule.takesRealDay, effectiveOn, today, notBefore);
    if (problem) throw new FieldError('on', problem);
  }
  if (rule.takesCompletion) {
    const rate = request.completionRate;
    if (rate == null || !Number.isInteger(rate) || rate < 0 || rate > 100)
      throw new FieldError('completionRate', `a whole percent from 0 to 100 is needed, got ${rate ?? 'nothing'}`);
  }

  if (!dossier) {
    const c = request.create!;
    dossier = {
      id: c.id,
      personId: c.personId,
      sessionId: c.sessionId,
      route: c.route,
      state: rule.to,
      actionId: c.session.actionId,
      organisationSiret: c.session.organisationSiret,
      price: c.session.price,
      sessionStart: c.session.startDate,
      certificationCode: c.session.certificationCode,
      prescriberSub: actor.role === 'prescriber' ? actor.sub : null,
      deadlineKind: null,
      deadlineDueOn: null,
      planRecordedAt: null,
      remainingCost: null,
      frozenAt: null,
      acceptedOn: null,
      completionRate: null,
      amountDue: null,
      remainingCostRefunded: null,
      createdAt: at,
      updatedAt: at,
    };
    request.authorize?.(dossier);
    tx.insert(dossiers).values(dossier).run();
  }
  const id = dossier.id;

  if (rule.takesPlan) {
    if (!request.plan) throw new PlanError(`${request.transition} needs the funding plan the holder saw`);
    const parts = plannedParts(request.plan, dossier.price);
    tx.delete(moneyParts).where(eq(moneyParts.dossierId, id)).run();
    for (const p of parts) {
      tx.insert(moneyParts)
        .values({ dossierId: id, ...p, wanted: 'none', status: 'recorded', commitKey: `${id}:${stepName(p.kind, p.reference)}` })
        .run();
    }
    dossier.planRecordedAt = at;
    dossier.remainingCost = request.plan.remainingCost;
  }

  // Before the money: the AIF's invoice prorates with the rate it carries.
  if (rule.takesCompletion) dossier.completionRate = request.completionRate!;

  let outboxRows = 0;
  const enqueue = (part: PartRow, action: 'commit' | 'return') => {
    const key = action === 'commit' ? part.commitKey : `${part.commitKey}:return`;
    tx.insert(outbox).values({ dossierId: id, partId: part.id, action, key, status: 'pending', nextAttemptAt: now.getTime(), createdAt: at }).run();
    outboxRows += 1;
  };
  // France Travail's review first: its decision is recorded before the money it frees moves.
  outboxRows += enqueueFunderReview(tx, { dossierId: id, transition: request.transition, fromState, actor: actor.role, now });
  if (rule.money === 'commit') {
    if (!dossier.planRecordedAt) throw new PlanError(`${request.transition} needs a recorded funding plan`);
    for (const part of tx.select().from(moneyParts).where(eq(moneyParts.dossierId, id)).orderBy(asc(moneyParts.id)).all()) {
      tx.update(moneyParts).set({ wanted: 'held' }).where(eq(moneyParts.id, part.id)).run();
      enqueue(part, 'commit');
    }
    dossier.frozenAt = at;
    dossier.acceptedOn = today;
  } else if (rule.money === 'prorate') {
    // The service done is validated (the AIF invoiced): each payer keeps only its share of what the organisation is owed.
    const held = tx
      .select()
      .from(moneyParts)
      .where(and(eq(moneyParts.dossierId, id), eq(moneyParts.wanted, 'held')))
      .orderBy(asc(moneyParts.id))
      .all();
    const scheme = route === 'FRANCE_TRAVAIL_AIF' ? 'AIF' : 'CPF';
    const settlement = settle(held, dossier.remainingCost ?? 0, dossier.price ?? 0, dossier.completionRate ?? 100, completionParameterOn(today, scheme));
    dossier.amountDue = settlement.due;
    dossier.remainingCostRefunded = settlement.remainingCostRefund;
    held.forEach((part, i) => {
      const kept = settlement.kept[i]!;
      if (kept === part.amount) return;
      const change = kept === 0 ? { wanted: 'returned' as const } : { kept };
      tx.update(moneyParts).set(change).where(eq(moneyParts.id, part.id)).run();
      if (part.status !== 'refused' && part.status !== 'skipped') enqueue({ ...part, ...change }, 'return');
    });
  } else if (rule.money) {
    const within = withinFreeCancellation(dossier.acceptedOn, today);
    if (dossier.frozenAt) dossier.remainingCostRefunded = holderPaymentBack(rule.money, dossier.remainingCost ?? 0, within);
    for (const part of tx
      .select()
      .from(moneyParts)
      .where(and(eq(moneyParts.dossierId, id), eq(moneyParts.wanted, 'held')))
      .orderBy(asc(moneyParts.id))
      .all()) {
      if (!givesBack(rule.money, part.kind, within)) continue;
      tx.update(moneyParts).set({ wanted: 'returned' }).where(eq(moneyParts.id, part.id)).run();
      if (part.status !== 'refused' && part.status !== 'skipped') enqueue(part, 'return');
    }
  }

  const transitionId = Number(
    tx
      .insert(transitions)
      .values({
        dossierId: id,
        transition: request.transition,
        fromState,
        toState: rule.to,
        actorRole: actor.role,
        actorSub: actor.sub,
        at,
        reasonCode: request.reasonCode ?? null,
        reason: request.reason ?? null,
        effectiveOn,
      })
      .run().lastInsertRowid,
  );
  // A step that stays in its state (a prerequisites check, a correction) keeps the deadline of the
  // day the state was entered: read from the history.
  const deadline =
    fromState === rule.to
      ? runningDeadline(
          route,
          rule.to,
          tx
            .select()
            .from(transitions)
            .where(eq(transitions.dossierId, id))
            .orderBy(asc(transitions.id))
            .all()
            .map((t) => ({ ...t, on: parisDate(new Date(t.at)) })),
          dossier.sessionStart,
        )
      : deadlineIn(route, rule.to, today, dossier.sessionStart);
  // The integrators' webhooks that see this dossier get the event in this same transaction.
  enqueueWebhookEvents(tx, dossier, transitionId, now);
  tx.update(dossiers)
    .set({
      state: rule.to,
      deadlineKind: deadline?.kind ?? null,
      deadlineDueOn: deadline?.dueOn ?? null,
      updatedAt: at,
      planRecordedAt: dossier.planRecordedAt,
      remainingCost: dossier.remainingCost,
      frozenAt: dossier.frozenAt,
      acceptedOn: dossier.acceptedOn,
      completionRate: dossier.completionRate,
      remainingCostRefunded: dossier.remainingCostRefunded,
      amountDue: dossier.amountDue,
    })
    .where(eq(dossiers.id, id))
    .run();
  if (request.idempotency) {
    tx.insert(idempotency)
      .values({ actorSub: actor.sub ?? '', key: request.idempotency.key, request: request.idempotency.request, dossierId: id, transitionId, createdAt: at })
      .run();
  }
  return { dossierId: id, transitionId, replayed: false, outboxRows };
}

export const stepName = (kind: PartRow['kind'], reference: string) =>
  kind === 'CPF_RIGHTS' ? 'debit-cpf' : kind === 'DOTATION' ? `spend-dotation:${reference}` : `reserve-top-up:${reference}`;

/**
 * Applies every deadline that has passed (its last day is before today in Paris): the lapse or
 * the acceptance by silence. Run on read and by the periodic sweep; returns the dossiers changed.
 */
export function applyDueDeadlines(db: DossiersDatabase, now: Date, onlyIds?: readonly string[]): string[] {
  const today = parisDate(now);
  const due = db
    .select({ id: dossiers.id, state: dossiers.state, kind: dossiers.deadlineKind, dueOn: dossiers.deadlineDueOn })
    .from(dossiers)
    .where(onlyIds ? and(lt(dossiers.deadlineDueOn, today), inArray(dossiers.id, [...onlyIds])) : lt(dossiers.deadlineDueOn, today))
    .all();
  const changed: string[] = [];
  for (const d of due) {
    const effect = d.kind ? DEADLINE_EFFECTS[d.kind] : null;
    if (!effect) continue;
    try {
      applyTransition(db, {
        actor: { role: 'system', sub: null },
        transition: effect,
        dossierId: d.id,
        reasonCode: `DEADLINE_${d.kind}`,
        reason: `${d.kind!.toLowerCase().replaceAll('_', ' ')}: last day ${d.dueOn} passed`,
        // Only if nobody acted meanwhile: same state, same deadline.
        authorize: (current) => {
          if (current.state !== d.state || current.deadlineDueOn !== d.dueOn) throw new TransitionError('acted on meanwhile', 'IMPOSSIBLE');
        },
        now,
      });
      changed.push(d.id);
    } catch (error) {
      if (!(error instanceof TransitionError)) throw error;
    }
  }
  return changed;
}

// ----------------------------------------------------------------------------- outbox

/** The next command of each dossier that is due: a dossier's commands go one at a time, in order. */
export function dueOutboxRows(db: DossiersDatabase, nowMs: number, limit = 50, dossierId?: string): (OutboxRow & { part: PartRow; dossier: DossierRow })[] {
  const rows = db
    .select()
    .from(outbox)
    .where(
      and(
        eq(outbox.status, 'pending'),
        dossierId ? eq(outbox.dossierId, dossierId) : undefined,
        sql`${outbox.id} = (select min(o2.id) from outbox o2 where o2.dossier_id = ${outbox.dossierId} and o2.status = 'pending')`,
        sql`${outbox.nextAttemptAt} <= ${nowMs}`,
      ),
    )
    .orderBy(asc(outbox.id))
    .limit(limit)
    .all();
  return rows.map((row) => ({
    ...row,
    part: db.select().from(moneyParts).where(eq(moneyParts.id, row.partId)).get()!,
    dossier: db.select().from(dossiers).where(eq(dossiers.id, row.dossierId)).get()!,
  }));
}

/** The dossiers whose next command is due, oldest first: ids only, for the relay to pick those it has room for. */
export function dueDossiers(db: DossiersDatabase, nowMs: number, limit: number): string[] {
  return db
    .select({ dossierId: outbox.dossierId })
    .from(outbox)
    .where(
      and(
        eq(outbox.status, 'pending'),
        sql`${outbox.id} = (select min(o2.id) from outbox o2 where o2.dossier_id = ${outbox.dossierId} and o2.status = 'pending')`,
        sql`${outbox.nextAttemptAt} <= ${nowMs}`,
      ),
    )
    .orderBy(asc(outbox.id))
    .limit(limit)
    .all()
    .map((r) => r.dossierId);
}

export type Delivery =
  | { outcome: 'done'; answer: string }
  | { outcome: 'refused'; reason: string }
  | { outcome: 'skipped' }
  | { outcome: 'retry'; error: string; nextAttemptAt: number };

/**
 * Records what became of one command. A refused commit refuses the dossier's funding: the later
 * commits are skipped, and the dossier is cancelled by the financer, which gives back what was taken.
 */
export function recordDelivery(db: DossiersDatabase, rowId: number, delivery: Delivery, now: Date): void {
  db.transaction(
    (tx) => {
      const row = tx.select().from(outbox).where(eq(outbox.id, rowId)).get();
      if (!row || row.status !== 'pending') return;
      const at = now.toISOString();
      if (delivery.outcome === 'retry') {
        tx.update(outbox)
          .set({ attempts: row.attempts + 1, nextAttemptAt: delivery.nextAttemptAt, lastError: delivery.error })
          .where(eq(outbox.id, rowId))
          .run();
        return;
      }
      tx.update(outbox)
        .set({ status: delivery.outcome, attempts: row.attempts + 1, doneAt: at, lastError: delivery.outcome === 'refused' ? delivery.reason : null })
        .where(eq(outbox.id, rowId))
        .run();
      if (delivery.outcome === 'skipped') return;
      if (row.action === 'return') {
        tx.update(moneyParts)
          .set(delivery.outcome === 'done' ? { status: 'returned', returnAnswer: delivery.answer } : { refusal: delivery.reason })
          .where(eq(moneyParts.id, row.partId))
          .run();
        return;
      }
      // A review command moves no money: its refusal (abondements would not make or decide the request) refuses the funding.
      const review = isReviewAction(row.action);
      if (review && (delivery.outcome === 'done' || row.action === 'withdraw-review')) return;
      if (delivery.outcome === 'done') {
        tx.update(moneyParts).set({ status: 'committed', commitAnswer: delivery.answer }).where(eq(moneyParts.id, row.partId)).run();
        return;
      }
      if (!review) tx.update(moneyParts).set({ status: 'refused', refusal: delivery.reason }).where(eq(moneyParts.id, row.partId)).run();
      const later = tx
        .select()
        .from(outbox)
        .where(and(eq(outbox.dossierId, row.dossierId), eq(outbox.status, 'pending'), eq(outbox.action, 'commit')))
        .all();
      for (const next of later) {
        tx.update(outbox).set({ status: 'skipped', doneAt: at }).where(eq(outbox.id, next.id)).run();
        tx.update(moneyParts).set({ status: 'skipped' }).where(eq(moneyParts.id, next.partId)).run();
      }
      const dossier = tx.select().from(dossiers).where(eq(dossiers.id, row.dossierId)).get()!;
      try {
        applyIn(tx, {
          actor: { role: 'system', sub: null },
          transition: 'cancelByFinancer',
          dossierId: dossier.id,
          reasonCode: 'FUNDING_REFUSED',
          reason: `${row.key}: ${delivery.reason}`,
          now,
        });
      } catch (error) {
        // Already cancelled or refused by someone else: its own transition gives the money back.
        if (!(error instanceof TransitionError)) throw error;
      }
    },
    { behavior: 'immediate' },
  );
}
