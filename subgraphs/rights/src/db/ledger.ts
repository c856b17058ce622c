// Ledger writes, written once for both databases (store.ts): each runs in one transaction that
// first locks the accounts it writes to, so a debit checks and spends the balance atomically
// whatever runs concurrently, and a crash leaves either the whole entry or nothing.
// Idempotency keys make retries harmless.
import { withDefaults, yearEntitlement, type ActivityYear } from '../domain/acquisition.ts';
import { extraCredit, replay, type AcquisitionCredit, type EntryKind, type ExtraCreditFacts, type ExtraCreditKind } from '../domain/ledger.ts';
import { formatEuros } from '../domain/money.ts';
import type { Parameters } from '../domain/parameters.ts';
import type { EntryRow, LedgerReads, LedgerTx, NewEntry, RightsStore } from './store.ts';

export type { EntryRow } from './store.ts';

export class LedgerError extends Error {
  constructor(
    message: string,
    readonly code: 'INSUFFICIENT_RIGHTS' | 'IDEMPOTENCY_CONFLICT' | 'ALREADY_CREDITED' | 'NOT_FOUND' | 'INVALID',
  ) {
    super(message);
  }
}

const now = () => new Date().toISOString();

function group<T extends { personId: string }>(personIds: readonly string[], rows: readonly T[]): Map<string, T[]> {
  const byPerson = new Map<string, T[]>(personIds.map((id) => [id, []]));
  for (const row of rows) byPerson.get(row.personId)?.push(row);
  return byPerson;
}

/** Each person's entries in date order, in one query. */
export async function entriesOf(db: LedgerReads, personIds: readonly string[]): Promise<Map<string, EntryRow[]>> {
  return group(personIds, await db.entriesOf(personIds));
}

/** Each person's recorded activity years, oldest first, in one query. */
export async function activityYearsOf(db: LedgerReads, personIds: readonly string[]): Promise<Map<string, ActivityYear[]>> {
  const byPerson = new Map<string, ActivityYear[]>(personIds.map((id) => [id, []]));
  for (const row of await db.activityYearsOf(personIds)) byPerson.get(row.personId)?.push(withDefaults(JSON.parse(row.facts) as ActivityYear));
  return byPerson;
}

/** JSON with sorted keys: a year recorded again with the same facts compares equal whatever the key order. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

export type EntryFacts = Omit<NewEntry, 'recordedAt'>;

/** Inserts an entry once per idempotency key; a replay with other content is a conflict. */
async function insertOnce(tx: LedgerTx, entry: EntryFacts): Promise<EntryRow> {
  const inserted = await tx.insertEntry({ ...entry, recordedAt: now() });
  if (inserted) return inserted;
  const existing = (await tx.entryByKey(entry.idempotencyKey))!;
  if (existing.personId !== entry.personId || existing.kind !== entry.kind || existing.amount !== entry.amount) {
    throw new LedgerError(`la clé d'idempotence ${entry.idempotencyKey} a déjà servi pour une autre ligne`, 'IDEMPOTENCY_CONFLICT');
  }
  return existing;
}

export const acquisitionKey = (personId: string, year: number) => `acquisition:${personId}:${year}`;

/**
 * Credits every recorded year whose credit date has come, in date order against the running
 * acquired rights (so the ceiling sees the debits made before each credit date).
 */
async function postDue(tx: LedgerTx, personIds: readonly string[], params: Parameters, today: string): Promise<void> {
  const entries = await entriesOf(tx, personIds);
  const years = await activityYearsOf(tx, personIds);
  for (const personId of personIds) {
    const posted = entries.get(personId) ?? [];
    const credited = new Set(posted.filter((e) => e.kind === 'ACQUISITION').map((e) => e.year));
    const due = (years.get(personId) ?? []).map((y) => yearEntitlement(y, params)).filter((e) => !credited.has(e.year) && e.creditDate <= today);
    if (due.length === 0) continue;
    for (const credit of replay(posted, due, params, today).credits) await insertOnce(tx, acquisitionEntry(personId, credit));
  }
}

/** The ledger line of a yearly credit (the ceiling applied). */
export function acquisitionEntry(personId: string, credit: AcquisitionCredit): EntryFacts {
  return {
    personId,
    kind: 'ACQUISITION',
    amount: credit.credited,
    effectiveDate: credit.entitlement.creditDate,
    year: credit.entitlement.year,
    explanation: credit.explanation,
    legalSource: credit.entitlement.legalSource,
    idempotencyKey: acquisitionKey(personId, credit.entitlement.year),
  };
}

/** Brings the ledgers up to date: the yearly credits that fell due since the last write are posted. */
export async function postDueAcquisitions(db: RightsStore, personIds: readonly string[], params: Parameters, today: string): Promise<void> {
  if ((await db.uncreditedYears(personIds)) === 0) return;
  await db.transaction(async (tx) => {
    await tx.lockAccounts(personIds);
    await postDue(tx, personIds, params, today);
  });
}

/** Records (or corrects, while not yet credited) a year of activity, then posts what is due. */
export async function recordActivityYear(db: RightsStore, personId: string, activity: ActivityYear, params: Parameters, today: string): Promise<void> {
  yearEntitlement(activity, params);
  const facts = canonical(activity);
  await db.transaction(async (tx) => {
    await tx.lockAccounts([personId]);
    const credited = await tx.entryByKey(acquisitionKey(personId, activity.year));
    const known = await tx.activityYear(personId, activity.year);
    if (credited && (!known || canonical(withDefaults(JSON.parse(known.facts) as ActivityYear)) !== facts)) {
      throw new LedgerError(
        `l'année ${activity.year} est déjà inscrite sur ce compte : une correction est une nouvelle ligne, pas une réécriture`,
        'ALREADY_CREDITED',
      );
    }
    await tx.saveActivityYear({ personId, year: activity.year, facts, recordedAt: now() });
    await postDue(tx, [personId], params, today);
  });
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
export async function debit(db: RightsStore, request: DebitRequest, params: Parameters, today: string): Promise<EntryRow> {
  if (!Number.isSafeInteger(request.amount) || request.amount <= 0) throw new LedgerError('un débit est un montant positif en centimes', 'INVALID');
  return db.transaction(async (tx) => {
    await tx.lockAccounts([request.personId]);
    if (await tx.entryByKey(request.idempotencyKey)) return insertOnce(tx, debitEntry(request));
    await postDue(tx, [request.personId], params, today);
    const balance = await tx.balanceOf(request.personId);
    if (request.amount > balance) {
      throw new LedgerError(`débit refusé : le solde de ${formatEuros(balance)} ne couvre pas ${formatEuros(request.amount)} (L6323-2)`, 'INSUFFICIENT_RIGHTS');
    }
    return insertOnce(tx, debitEntry(request));
  });
}

/** The ledger line of a debit. */
export function debitEntry(request: DebitRequest): EntryFacts {
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
export async function refund(db: RightsStore, request: { debitKey: string; amount: number; date: string; idempotencyKey: string }): Promise<EntryRow> {
  if (!Number.isSafeInteger(request.amount) || request.amount <= 0) throw new LedgerError('un remboursement est un montant positif en centimes', 'INVALID');
  return db.transaction(async (tx) => {
    const paid = await tx.entryByKey(request.debitKey);
    if (!paid || paid.kind !== 'DEBIT') throw new LedgerError(`aucun débit avec la clé ${request.debitKey}`, 'NOT_FOUND');
    // The debit never changes: its holder's account is locked once it is known.
    await tx.lockAccounts([paid.personId]);
    const entry = refundEntry(paid, request);
    if (await tx.entryByKey(request.idempotencyKey)) return insertOnce(tx, entry);
    const refunded = await tx.refundedOf(paid.id);
    if (refunded + request.amount > -paid.amount) {
      throw new LedgerError(`remboursement refusé : il ne reste que ${formatEuros(-paid.amount - refunded)} de ce débit à rendre`, 'INVALID');
    }
    return insertOnce(tx, entry);
  });
}

/** The ledger line giving back all or part of the debit `paid`. */
export function refundEntry(paid: Pick<EntryRow, 'id' | 'personId' | 'amount'>, request: { amount: number; date: string; idempotencyKey: string }): EntryFacts {
  return {
    personId: paid.personId,
    kind: 'REFUND',
    amount: request.amount,
    effectiveDate: request.date,
    refundOf: paid.id,
    explanation: `dossier annulé : ${formatEuros(request.amount)} rendus sur les ${formatEuros(-paid.amount)} payés`,
    legalSource: 'L6323-2 ; droits rendus quand un dossier est annulé',
    idempotencyKey: request.idempotencyKey,
  };
}

/** Posts a correctif, C2P, AT/MP or APC credit at the amount in force on its date, once its facts open it. */
export async function postExtraCredit(
  db: RightsStore,
  request: { personId: string; kind: ExtraCreditKind; date: string; facts?: ExtraCreditFacts; idempotencyKey: string },
  params: Parameters,
): Promise<EntryRow> {
  const credit = extraCredit(request.kind, request.date, params, request.facts);
  return db.transaction(async (tx) => {
    await tx.lockAccounts([request.personId]);
    return insertOnce(tx, {
      personId: request.personId,
      kind: request.kind satisfies EntryKind,
      amount: credit.amount,
      effectiveDate: request.date,
      explanation: credit.explanation,
      legalSource: credit.legalSource,
      idempotencyKey: request.idempotencyKey,
    });
  });
}
