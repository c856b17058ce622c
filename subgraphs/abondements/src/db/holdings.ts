// Money held for a dossier under its caller's key: an envelope reservation or a dotation spending.
// Both take money from a pool (the envelope's `consumed`, the dotation's `spent`) in one
// transaction holding the pool (store.lockPools), answer a repeated key with the first answer, and
// give it back once. The rules of that are written here, once; reservations.ts and
// dotation-uses.ts say what their pool is.
import { eq, sql } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { AbondementsStore, Sql } from './store.ts';

export interface HeldRow {
  key: string;
  amount: number;
  status: string;
  releasedAt: string | null;
}

export interface Holdings<Row extends HeldRow> {
  /** The table of holdings by key, its key, amount, status and releasedAt columns. */
  table: SQLiteTable & { key: SQLiteColumn; amount: SQLiteColumn; status: SQLiteColumn; releasedAt: SQLiteColumn };
  /** The pool a holding takes from: its table (by name, for store.lockPools), id column and the column counting what is taken. */
  pool: { name: 'envelopes' | 'dotations'; table: SQLiteTable; id: SQLiteColumn; taken: SQLiteColumn; takenField: 'consumed' | 'spent' };
  poolOf: (row: Row) => string;
  /** The status of money taken (GRANTED, SPENT); anything else holds nothing. */
  held: Row['status'];
  fail: (code: 'UNKNOWN_KEY' | 'KEY_REUSED' | 'KEEP_NOT_VALID', message: string) => Error;
}

/** The holding already made under `key`: the same request gets it back, another one is refused. */
export async function replayed<Row extends HeldRow>(
  tx: Sql,
  holdings: Holdings<Row>,
  key: string,
  sameRequest: (previous: Row) => boolean,
): Promise<Row | null> {
  const [previous] = (await tx.select().from(holdings.table).where(eq(holdings.table.key, key))) as Row[];
  if (!previous) return null;
  if (!sameRequest(previous)) throw holdings.fail('KEY_REUSED', `la clé ${key} a déjà servi pour une autre demande`);
  return previous;
}

/** Moves `amount` cents into the pool's taken column (negative: gives back). The caller holds the pool. */
async function moveTaken(tx: Sql, pool: Holdings<HeldRow>['pool'], poolId: string, amount: number): Promise<void> {
  await tx
    .update(pool.table)
    .set({ [pool.takenField]: sql`${pool.taken} + ${amount}` })
    .where(eq(pool.id, poolId));
}

/** Takes `amount` from the pool (the caller locked it and decided it may). */
export const take = <Row extends HeldRow>(tx: Sql, holdings: Holdings<Row>, poolId: string, amount: number) => moveTaken(tx, holdings.pool, poolId, amount);

/**
 * Gives a holding back to its pool: all of it, or all but `keep` cents (a dossier's partial
 * completion: the funder pays only its share). Giving back again, or down to the same `keep`, changes nothing.
 */
export async function giveBack<Row extends HeldRow>(store: AbondementsStore, holdings: Holdings<Row>, key: string, now: string, keep = 0): Promise<Row> {
  if (!Number.isSafeInteger(keep) || keep < 0) throw holdings.fail('KEEP_NOT_VALID', 'le montant conservé doit être un nombre de centimes ≥ 0');
  const { table, pool } = holdings;
  const find = async (tx: Sql) => ((await tx.select().from(table).where(eq(table.key, key))) as Row[])[0];
  return store.transaction(async (tx) => {
    const found = await find(tx);
    if (!found) throw holdings.fail('UNKNOWN_KEY', `aucune somme retenue sous la clé ${key}`);
    // Nothing to give back (released already, or down to `keep`): no lock needed.
    if (found.status !== holdings.held || keep >= found.amount) return found;
    await store.lockPools(tx, pool.name, [holdings.poolOf(found)]);
    // Read again under the pool's lock: a release that committed meanwhile shows.
    const row = (await find(tx))!;
    if (row.status !== holdings.held || keep >= row.amount) return row;
    await moveTaken(tx, pool, holdings.poolOf(row), -(row.amount - keep));
    if (keep > 0) {
      await tx.update(table).set({ amount: keep }).where(eq(table.key, key));
      return { ...row, amount: keep };
    }
    await tx.update(table).set({ status: 'RELEASED', releasedAt: now }).where(eq(table.key, key));
    return { ...row, status: 'RELEASED', releasedAt: now };
  });
}
