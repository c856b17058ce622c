// Money held for a dossier under its caller's key: an envelope reservation or a dotation spending.
// Both take money from a pool (the envelope's `consumed`, the dotation's `spent`) in one IMMEDIATE
// transaction, answer a repeated key with the first answer, and give it back once. The rules of
// that are written here, once; reservations.ts and dotation-uses.ts say what their pool is.
import { eq, sql } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from './client.ts';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** A column's bare name, for the left side of SET (SQLite refuses a qualified one there). */
const column = (c: SQLiteColumn) => sql.identifier(c.name);

export interface HeldRow {
  key: string;
  amount: number;
  status: string;
  releasedAt: string | null;
}

export interface Holdings<Row extends HeldRow> {
  /** The table of holdings by key, its key, amount, status and releasedAt columns. */
  table: SQLiteTable & { key: SQLiteColumn; amount: SQLiteColumn; status: SQLiteColumn; releasedAt: SQLiteColumn };
  /** The pool a holding takes from: its table, id column and the column counting what is taken. */
  pool: { table: SQLiteTable; id: SQLiteColumn; taken: SQLiteColumn };
  poolOf: (row: Row) => string;
  /** The status of money taken (GRANTED, SPENT); anything else holds nothing. */
  held: Row['status'];
  fail: (code: 'UNKNOWN_KEY' | 'KEY_REUSED' | 'KEEP_NOT_VALID', message: string) => Error;
}

/** The holding already made under `key`: the same request gets it back, another one is refused. */
export function replayed<Row extends HeldRow>(tx: Tx, holdings: Holdings<Row>, key: string, sameRequest: (previous: Row) => boolean): Row | null {
  const previous = tx.select().from(holdings.table).where(eq(holdings.table.key, key)).get() as Row | undefined;
  if (!previous) return null;
  if (!sameRequest(previous)) throw holdings.fail('KEY_REUSED', `la clé ${key} a déjà servi pour une autre demande`);
  return previous;
}

/** Takes `amount` from the pool (the caller decided it may). */
export function take<Row extends HeldRow>(tx: Tx, holdings: Holdings<Row>, poolId: string, amount: number): void {
  const { pool } = holdings;
  tx.run(sql`update ${pool.table} set ${column(pool.taken)} = ${pool.taken} + ${amount} where ${pool.id} = ${poolId}`);
}

/**
 * Gives a holding back to its pool: all of it, or all but `keep` cents (a dossier's partial
 * completion: the funder pays only its share). Giving back again, or down to the same `keep`, changes nothing.
 */
export function giveBack<Row extends HeldRow>(db: Db, holdings: Holdings<Row>, key: string, now: string, keep = 0): Row {
  if (!Number.isSafeInteger(keep) || keep < 0) throw holdings.fail('KEEP_NOT_VALID', 'le montant conservé doit être un nombre de centimes ≥ 0');
  const { table, pool } = holdings;
  return db.transaction(
    (tx) => {
      const row = tx.select().from(table).where(eq(table.key, key)).get() as Row | undefined;
      if (!row) throw holdings.fail('UNKNOWN_KEY', `aucune somme retenue sous la clé ${key}`);
      if (row.status !== holdings.held || keep >= row.amount) return row;
      tx.run(sql`update ${pool.table} set ${column(pool.taken)} = ${pool.taken} - ${row.amount - keep} where ${pool.id} = ${holdings.poolOf(row)}`);
      if (keep > 0) {
        tx.run(sql`update ${table} set ${column(table.amount)} = ${keep} where ${table.key} = ${key}`);
        return { ...row, amount: keep };
      }
      tx.run(sql`update ${table} set ${column(table.status)} = 'RELEASED', ${column(table.releasedAt)} = ${now} where ${table.key} = ${key}`);
      return { ...row, status: 'RELEASED', releasedAt: now };
    },
    { behavior: 'immediate' },
  );
}
