// Ledger queries. Every write runs in an IMMEDIATE transaction: SQLite then lets one writer at a
// time in (across processes too), so a debit checks and spends the balance atomically, and a
// crash leaves either the whole entry or nothing. Idempotency keys make retries harmless.
import { and, asc, eq, sql } from 'drizzle-orm';
import { withDefaults, yearEntitlement, type ActivityYear } from '../domain/acquisition.ts';
import { extraCredit, replay, type EntryKind, type ExtraCreditFacts, type ExtraCreditKind } from '../domain/ledger.ts';
import { formatEuros } from '../domain/money.ts';
import type { Parameters } from '../domain/parameters.ts';
import type { RightsDatabase } from './client.ts';
import { activityYears, ledgerEntries } from './schema.ts';
import { inKeys, jsonKeys, preparedPerDatabase } from '@formations/schema/subgraph';

export type EntryRow = typeof ledgerEntries.$inferSelect;
type NewEntry = Omit<typeof ledgerEntries.$inferInsert, 'id' | 'recordedAt'>;

export class LedgerError extends Error {
  constructor(
    message: string,
    readonly code: 'INSUFFICIENT_RIGHTS' | 'IDEMPOTENCY_CONFLICT' | 'ALREADY_CREDITED' | 'NOT_FOUND' | 'INVALID',
  ) {
    super(message);
  }
}

const now = () => new Date().toISOString();

function group<T extends { personId: string }>(personIds: readonly string[], rows: T[]): Map<string, T[]> {
  const byPerson = new Map<string, T[]>(personIds.map((id) => [id, []]));
  for (const row of rows) byPerson.get(row.personId)?.push(row);
  return byPerson;
}

/** Each person's entries in date order, in one query. */
// The reads every request makes are compiled once per connection (keys bound as one JSON array).
const entriesQuery = preparedPerDatabase((db: RightsDatabase) =>
  db.select().from(ledgerEntries).where(inKeys(ledgerEntries.personId)).orderBy(asc(ledgerEntries.effectiveDate), asc(ledgerEntries.id)).prepare(),
);

export function entriesOf(db: RightsDatabase, personIds: readonly string[]): Map<string, EntryRow[]> {
  const rows = entriesQuery(db).all({ keys: jsonKeys(personIds) });
  return group(personIds, rows);
}

/** Each person's recorded activity years, oldest first, in one query. */
const activityYearsQuery = preparedPerDatabase((db: RightsDatabase) =>
  db.select().from(activityYears).where(inKeys(activityYears.personId)).orderBy(asc(activityYears.year)).prepare(),
);

export function activityYearsOf(db: RightsDatabase, personIds: readonly string[]): Map<string, ActivityYear[]> {
  const rows = activityYearsQuery(db).all({ keys: jsonKeys(personIds) });
  const byPerson = new Map<string, ActivityYear[]>(personIds.map((id) => [id, []]));
  for (const row of rows) byPerson.get(row.personId)?.push(withDefaults(JSON.parse(row.facts) as ActivityYear));
  return byPerson;
}

/** JSON with sorted keys: a year recorded again with the same facts compares equal whatever the key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

/** Inserts an entry once per idempotency key; a replay with other content is a conflict. */
function insertOnce(db: RightsDatabase, entry: NewEntry): EntryRow {
  const existing = db.select().from(ledgerEntries).where(eq(ledgerEntries.idempotencyKey, entry.idempotencyKey)).get();
  if (existing) {
    if (existing.personId !== entry.personId || existing.kind !== entry.kind || existing.amount !== entry.amount) {
      throw new LedgerError(`la clé d'idempotence ${entry.idempotencyKey} a déjà servi pour une autre ligne`, 'IDEMPOTENCY_CONFLICT');
    }
    return existing;
  }
  return db.insert(ledgerEntries).values({ ...entry, recordedAt: now() }).returning().get();
}

const acquisitionKey = (personId: string, year: number) => `acquisition:${personId}:${year}`;

/**
 * Credits every recorded year whose credit date has come, in date order against the running
 * acquired rights (so the ceiling sees the debits made before each credit date).
 */
function postDue(db: RightsDatabase, personIds: readonly string[], params: Parameters, today: string): void {
  const entries = entriesOf(db, personIds);
  const years = activityYearsOf(db, personIds);
  for (const personId of personIds) {
    const posted = entries.get(personId) ?? [];
    const credited = new Set(posted.filter((e) => e.kind === 'ACQUISITION').map((e) => e.year));
    const due = (years.get(personId) ?? []).map((y) => yearEntitlement(y, params)).filter((e) => !credited.has(e.year) && e.creditDate <= today);
    if (due.length === 0) continue;
    for (const credit of replay(posted, due, params, today).credits) {
      insertOnce(db, {
        personId,
        kind: 'ACQUISITION',
        amount: credit.credited,
        effectiveDate: credit.entitlement.creditDate,
        year: credit.entitlement.year,
        explanation: credit.explanation,
        legalSource: credit.entitlement.legalSource,
        idempotencyKey: acquisitionKey(personId, credit.entitlement.year),
      });
    }
  }
}

/** Brings the ledgers up to date: the yearly credits that fell due since the last write are posted. */
const uncreditedYearsQuery = preparedPerDatabase((db: RightsDatabase) =>
  db
    .select({ n: sql<number>`count(*)` })
    .from(activityYears)
    .where(
      and(
        inKeys(activityYears.personId),
        sql`NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.idempotency_key = 'acquisition:' || ${activityYears.personId} || ':' || ${activityYears.year})`,
      ),
    )
    .prepare(),
);

export function postDueAcquisitions(db: RightsDatabase, personIds: readonly string[], params: Parameters, today: string): void {
  const years = uncreditedYearsQuery(db).get({ keys: jsonKeys(personIds) });
  if (!years || years.n === 0) return;
  db.transaction((tx) => postDue(tx as unknown as RightsDatabase, personIds, params, today), { behavior: 'immediate' });
}

/** Records (or corrects, while not yet credited) a year of activity, then posts what is due. */
export function recordActivityYear(db: RightsDatabase, personId: string, activity: ActivityYear, params: Parameters, today: string): void {
  yearEntitlement(activity, params);
  const facts = canonical(activity);
  db.transaction(
    (tx) => {
      const credited = tx.select().from(ledgerEntries).where(eq(ledgerEntries.idempotencyKey, acquisitionKey(personId, activity.year))).get();
      const known = tx.select().from(activityYears).where(and(eq(activityYears.personId, personId), eq(activityYears.year, activity.year))).get();
      if (credited && (!known || canonical(withDefaults(JSON.parse(known.facts) as ActivityYear)) !== facts)) {
        throw new LedgerError(`l'année ${activity.year} est déjà inscrite sur ce compte : une correction est une nouvelle ligne, pas une réécriture`, 'ALREADY_CREDITED');
      }
      tx.insert(activityYears)
        .values({ personId, year: activity.year, facts, recordedAt: now() })
        .onConflictDoUpdate({ target: [activityYears.personId, activityYears.year], set: { facts, recordedAt: now() } })
        .run();
      postDue(tx as unknown as RightsDatabase, [personId], params, today);
    },
    { behavior: 'immediate' },
  );
}

function balanceOf(db: RightsDatabase, personId: string): number {
  const row = db.select({ total: sql<number>`coalesce(sum(${ledgerEntries.amount}), 0)` }).from(ledgerEntries).where(eq(ledgerEntries.personId, personId)).get();
  return row?.total ?? 0;
}

export interface DebitRequest {
  personId: string;
  amount: number;
  date: string;
  /** The dossier or purchase the money pays for, in words. */
  reason: string;
  idempotencyKey: string;
}

/** Spends rights for a dossier; refused when the balance does not cover it, whatever runs concurrently. */
export function debit(db: RightsDatabase, request: DebitRequest, params: Parameters, today: string): EntryRow {
  if (!Number.isSafeInteger(request.amount) || request.amount <= 0) throw new LedgerError('un débit est un montant positif en centimes', 'INVALID');
  return db.transaction(
    (tx) => {
      const t = tx as unknown as RightsDatabase;
      const replayed = t.select().from(ledgerEntries).where(eq(ledgerEntries.idempotencyKey, request.idempotencyKey)).get();
      if (replayed) return insertOnce(t, debitEntry(request));
      postDue(t, [request.personId], params, today);
      const balance = balanceOf(t, request.personId);
      if (request.amount > balance) {
        throw new LedgerError(`débit refusé : le solde de ${formatEuros(balance)} ne couvre pas ${formatEuros(request.amount)} (L6323-2)`, 'INSUFFICIENT_RIGHTS');
      }
      return insertOnce(t, debitEntry(request));
    },
    { behavior: 'immediate' },
  );
}

function debitEntry(request: DebitRequest): NewEntry {
  return {
    personId: request.personId,
    kind: 'DEBIT',
    amount: -request.amount,
    effectiveDate: request.date,
    explanation: `${formatEuros(request.amount)} payés : ${request.reason}`,
    legalSource: 'L6323-2 (droits mobilisés par le titulaire)',
    idempotencyKey: request.idempotencyKey,
  };
}

/** Gives back all or part of a debit (a cancelled dossier), never more than was spent. */
export function refund(db: RightsDatabase, request: { debitKey: string; amount: number; date: string; idempotencyKey: string }): EntryRow {
  if (!Number.isSafeInteger(request.amount) || request.amount <= 0) throw new LedgerError('un remboursement est un montant positif en centimes', 'INVALID');
  return db.transaction(
    (tx) => {
      const t = tx as unknown as RightsDatabase;
      const paid = t.select().from(ledgerEntries).where(eq(ledgerEntries.idempotencyKey, request.debitKey)).get();
      if (!paid || paid.kind !== 'DEBIT') throw new LedgerError(`aucun débit avec la clé ${request.debitKey}`, 'NOT_FOUND');
      const entry: NewEntry = {
        personId: paid.personId,
        kind: 'REFUND',
        amount: request.amount,
        effectiveDate: request.date,
        refundOf: paid.id,
        explanation: `dossier annulé : ${formatEuros(request.amount)} rendus sur les ${formatEuros(-paid.amount)} payés`,
        legalSource: 'L6323-2 ; droits rendus quand un dossier est annulé',
        idempotencyKey: request.idempotencyKey,
      };
      const replayed = t.select().from(ledgerEntries).where(eq(ledgerEntries.idempotencyKey, request.idempotencyKey)).get();
      if (replayed) return insertOnce(t, entry);
      const refunded = t
        .select({ total: sql<number>`coalesce(sum(${ledgerEntries.amount}), 0)` })
        .from(ledgerEntries)
        .where(and(eq(ledgerEntries.kind, 'REFUND'), eq(ledgerEntries.refundOf, paid.id)))
        .get();
      if ((refunded?.total ?? 0) + request.amount > -paid.amount) {
        throw new LedgerError(`remboursement refusé : il ne reste que ${formatEuros(-paid.amount - (refunded?.total ?? 0))} de ce débit à rendre`, 'INVALID');
      }
      return insertOnce(t, entry);
    },
    { behavior: 'immediate' },
  );
}

/** Posts a correctif, C2P, AT/MP or APC credit at the amount in force on its date, once its facts open it. */
export function postExtraCredit(
  db: RightsDatabase,
  request: { personId: string; kind: ExtraCreditKind; date: string; facts?: ExtraCreditFacts; idempotencyKey: string },
  params: Parameters,
): EntryRow {
  const credit = extraCredit(request.kind, request.date, params, request.facts);
  return db.transaction(
    (tx) =>
      insertOnce(tx as unknown as RightsDatabase, {
        personId: request.personId,
        kind: request.kind satisfies EntryKind,
        amount: credit.amount,
        effectiveDate: request.date,
        explanation: credit.explanation,
        legalSource: credit.legalSource,
        idempotencyKey: request.idempotencyKey,
      }),
    { behavior: 'immediate' },
  );
}
