// Webhook deliveries in the dossiers database. A transition writes one pending delivery per webhook
// whose owner may see the dossier, in the transaction that writes the transition (like the outbox),
// so nothing is lost to a crash. The deliverer takes, for each (webhook, dossier), only the oldest
// pending delivery: a dossier's next event waits until the previous one was acknowledged.
import { and, asc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { DossiersDatabase } from '../db/client.ts';
import { dossiers, transitions, webhookAttempts, webhookDeliveries, webhooks } from '../db/schema.ts';

export type WebhookRow = typeof webhooks.$inferSelect;
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;
export type WebhookAttemptRow = typeof webhookAttempts.$inferSelect;

type Tx = Parameters<Parameters<DossiersDatabase['transaction']>[0]>[0];
type Db = DossiersDatabase | Tx;

/** Who sees a dossier's events: the operator all, an organisation its SIRET's, a prescriber the dossiers it positioned (consent checked when sending). */
const sees = (dossier: { organisationSiret: string | null; prescriberSub: string | null }) =>
  or(
    eq(webhooks.ownerRole, 'operator'),
    dossier.organisationSiret ? and(eq(webhooks.ownerRole, 'organisation'), eq(webhooks.ownerSiret, dossier.organisationSiret)) : undefined,
    dossier.prescriberSub ? and(eq(webhooks.ownerRole, 'prescriber'), eq(webhooks.ownerSub, dossier.prescriberSub)) : undefined,
  );

/** Inside the transition's transaction: one pending delivery per live webhook that sees the dossier. */
export function enqueueWebhookEvents(
  tx: Db,
  dossier: { id: string; organisationSiret: string | null; prescriberSub: string | null },
  transitionId: number,
  now: Date,
): number {
  const targets = tx
    .select({ id: webhooks.id })
    .from(webhooks)
    .where(and(isNull(webhooks.removedAt), sees(dossier)))
    .all();
  for (const w of targets) {
    tx.insert(webhookDeliveries)
      .values({ webhookId: w.id, transitionId, dossierId: dossier.id, status: 'pending', nextAttemptAt: now.getTime(), createdAt: now.toISOString() })
      .run();
  }
  return targets.length;
}

/** Queues again every event the webhook's owner may see after the cursor (a transition id), in order; at most `limit`. */
export function replayFrom(db: DossiersDatabase, webhook: WebhookRow, after: number, now: Date, limit = 10_000): { queued: number; endCursor: string | null } {
  return db.transaction(
    (tx) => {
      const visible =
        webhook.ownerRole === 'operator'
          ? undefined
          : webhook.ownerRole === 'organisation'
            ? eq(dossiers.organisationSiret, webhook.ownerSiret ?? '\u0000')
            : eq(dossiers.prescriberSub, webhook.ownerSub);
      const rows = tx
        .select({ id: transitions.id, dossierId: transitions.dossierId })
        .from(transitions)
        .innerJoin(dossiers, eq(dossiers.id, transitions.dossierId))
        .where(and(gt(transitions.id, after), visible))
        .orderBy(asc(transitions.id))
        .limit(limit)
        .all();
      for (const r of rows) {
        tx.insert(webhookDeliveries)
          .values({
            webhookId: webhook.id,
            transitionId: r.id,
            dossierId: r.dossierId,
            status: 'pending',
            nextAttemptAt: now.getTime(),
            replay: true,
            createdAt: now.toISOString(),
          })
          .run();
      }
      return { queued: rows.length, endCursor: rows.length ? String(rows.at(-1)!.id) : null };
    },
    { behavior: 'immediate' },
  );
}

export interface DueDelivery {
  delivery: WebhookDeliveryRow;
  webhook: WebhookRow;
  /** The event as sent: ids and states only. */
  event: WebhookEvent;
  personId: string;
}

export interface WebhookEvent {
  id: string;
  type: 'dossier.transition';
  cursor: string;
  dossierId: string;
  sessionId: string;
  route: string;
  transition: string;
  fromState: string | null;
  toState: string;
  actorRole: string;
  at: string;
  replay: boolean;
}

/** The oldest pending delivery of each (webhook, dossier), when it is due. */
export function dueDeliveries(db: DossiersDatabase, nowMs: number, limit = 50, only?: { webhookId: string; dossierId: string }): DueDelivery[] {
  const rows = db
    .select({ d: webhookDeliveries, w: webhooks, t: transitions, route: dossiers.route, sessionId: dossiers.sessionId, personId: dossiers.personId })
    .from(webhookDeliveries)
    .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
    .innerJoin(transitions, eq(transitions.id, webhookDeliveries.transitionId))
    .innerJoin(dossiers, eq(dossiers.id, webhookDeliveries.dossierId))
    .where(
      and(
        eq(webhookDeliveries.status, 'pending'),
        only ? and(eq(webhookDeliveries.webhookId, only.webhookId), eq(webhookDeliveries.dossierId, only.dossierId)) : undefined,
        sql`${webhookDeliveries.id} = (select min(d2.id) from webhook_deliveries d2 where d2.webhook_id = ${webhookDeliveries.webhookId} and d2.dossier_id = ${webhookDeliveries.dossierId} and d2.status = 'pending')`,
        sql`${webhookDeliveries.nextAttemptAt} <= ${nowMs}`,
      ),
    )
    .orderBy(asc(webhookDeliveries.id))
    .limit(limit)
    .all();
  return rows.map((r) => ({
    delivery: r.d,
    webhook: r.w,
    personId: r.personId,
    event: {
      id: `${r.t.id}`,
      type: 'dossier.transition',
      cursor: String(r.t.id),
      dossierId: r.t.dossierId,
      sessionId: r.sessionId,
      route: r.route,
      transition: r.t.transition,
      fromState: r.t.fromState,
      toState: r.t.toState,
      actorRole: r.t.actorRole,
      at: r.t.at,
      replay: r.d.replay,
    },
  }));
}

export type AttemptOutcome =
  | { outcome: 'done'; statusCode: number }
  | { outcome: 'withheld'; error: string }
  | { outcome: 'retry'; statusCode: number | null; error: string | null; nextAttemptAt: number };

/** Logs one attempt and records what became of the delivery (done, withheld, or due again later). */
export function recordAttempt(db: DossiersDatabase, deliveryId: number, result: AttemptOutcome, durationMs: number, now: Date): void {
  db.transaction(
    (tx) => {
      const d = tx.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, deliveryId)).get();
      if (!d || d.status !== 'pending') return;
      const attempt = d.attempts + 1;
      tx.insert(webhookAttempts)
        .values({
          webhookId: d.webhookId,
          deliveryId,
          transitionId: d.transitionId,
          dossierId: d.dossierId,
          attempt,
          statusCode: result.outcome === 'withheld' ? null : result.statusCode,
          error: result.outcome === 'done' ? null : result.error,
          durationMs: Math.round(durationMs),
          at: now.toISOString(),
        })
        .run();
      if (result.outcome === 'retry') {
        tx.update(webhookDeliveries).set({ attempts: attempt, nextAttemptAt: result.nextAttemptAt }).where(eq(webhookDeliveries.id, deliveryId)).run();
      } else {
        tx.update(webhookDeliveries)
          .set({ attempts: attempt, status: result.outcome, doneAt: now.toISOString() })
          .where(eq(webhookDeliveries.id, deliveryId))
          .run();
      }
    },
    { behavior: 'immediate' },
  );
}

/** A removed webhook gets nothing more: its pending deliveries are dropped. */
export function removeWebhookRow(db: DossiersDatabase, id: string, now: Date): void {
  db.transaction((tx) => {
    tx.update(webhooks).set({ removedAt: now.toISOString() }).where(eq(webhooks.id, id)).run();
    tx.update(webhookDeliveries)
      .set({ status: 'dropped', doneAt: now.toISOString() })
      .where(and(eq(webhookDeliveries.webhookId, id), eq(webhookDeliveries.status, 'pending')))
      .run();
  });
}

/** The attempts log of a webhook, oldest first, from a cursor (an attempt id). */
export function attemptsPage(db: DossiersDatabase, webhookId: string, after: number, first: number) {
  const rows = db
    .select()
    .from(webhookAttempts)
    .where(and(eq(webhookAttempts.webhookId, webhookId), gt(webhookAttempts.id, after)))
    .orderBy(asc(webhookAttempts.id))
    .limit(first + 1)
    .all();
  return { attempts: rows.slice(0, first), hasMore: rows.length > first };
}

export const pendingCount = (db: DossiersDatabase, webhookId: string) =>
  db
    .select({ n: sql<number>`count(*)` })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.webhookId, webhookId), eq(webhookDeliveries.status, 'pending')))
    .get()!.n;
