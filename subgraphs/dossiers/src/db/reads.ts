// Reading dossiers in batches (one statement per kind of row, whatever the number of keys).
import { asc, desc, eq, gt, inArray, and } from 'drizzle-orm';
import type { DossiersDatabase } from './client.ts';
import { dossiers, moneyParts, outbox, transitions } from './schema.ts';
import type { DossierRow, PartRow, TransitionRow } from './store.ts';
import { OPEN_REQUEST_STATES } from '../domain/states.ts';

const groupBy = <T, K>(rows: T[], key: (row: T) => K) => {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
};

export function dossiersByIds(db: DossiersDatabase, ids: readonly string[]): Map<string, DossierRow> {
  const rows = db
    .select()
    .from(dossiers)
    .where(inArray(dossiers.id, [...ids]))
    .all();
  return new Map(rows.map((r) => [r.id, r]));
}

/** Newest first. */
export const dossiersOfPersons = (db: DossiersDatabase, personIds: readonly string[]) =>
  groupBy(
    db
      .select()
      .from(dossiers)
      .where(inArray(dossiers.personId, [...personIds]))
      .orderBy(desc(dossiers.createdAt), desc(dossiers.id))
      .all(),
    (r) => r.personId,
  );

export const dossiersOnSessions = (db: DossiersDatabase, sessionIds: readonly string[]) =>
  groupBy(
    db
      .select()
      .from(dossiers)
      .where(inArray(dossiers.sessionId, [...sessionIds]))
      .orderBy(desc(dossiers.createdAt), desc(dossiers.id))
      .all(),
    (r) => r.sessionId,
  );

export const transitionsOf = (db: DossiersDatabase, ids: readonly string[]): Map<string, TransitionRow[]> =>
  groupBy(
    db
      .select()
      .from(transitions)
      .where(inArray(transitions.dossierId, [...ids]))
      .orderBy(asc(transitions.id))
      .all(),
    (r) => r.dossierId,
  );

export const transitionById = (db: DossiersDatabase, id: number) => db.select().from(transitions).where(eq(transitions.id, id)).get();

export const partsOf = (db: DossiersDatabase, ids: readonly string[]): Map<string, PartRow[]> =>
  groupBy(
    db
      .select()
      .from(moneyParts)
      .where(inArray(moneyParts.dossierId, [...ids]))
      .orderBy(asc(moneyParts.id))
      .all(),
    (r) => r.dossierId,
  );

/** Dossiers whose outbox still has commands to deliver. */
export const unsettled = (db: DossiersDatabase, ids: readonly string[]): Set<string> =>
  new Set(
    db
      .selectDistinct({ id: outbox.dossierId })
      .from(outbox)
      .where(and(inArray(outbox.dossierId, [...ids]), eq(outbox.status, 'pending')))
      .all()
      .map((r) => r.id),
  );

/** Every dossier, by id, a page at a time (operators: reconciliation). */
export const dossierPage = (db: DossiersDatabase, after: string | null, first: number) =>
  db
    .select()
    .from(dossiers)
    .where(after ? gt(dossiers.id, after) : undefined)
    .orderBy(asc(dossiers.id))
    .limit(first)
    .all();

/** The holder's open requests on an action (OPEN_REQUEST_STATES), other than `except`: what the 5-per-action limit counts. */
export function openRequestsOnAction(db: DossiersDatabase, personId: string, actionId: string, except: string): number {
  return db
    .select({ id: dossiers.id })
    .from(dossiers)
    .where(and(eq(dossiers.personId, personId), eq(dossiers.actionId, actionId), inArray(dossiers.state, [...OPEN_REQUEST_STATES])))
    .all()
    .filter((d) => d.id !== except).length;
}
