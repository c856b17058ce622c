// One SQLite file per subgraph, opened in WAL mode with the subgraph's committed migrations applied.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';

export interface OpenedDatabase<S extends Record<string, unknown>> {
  sqlite: Database.Database;
  /** drizzle over the connection; `$client` is the better-sqlite3 connection itself. */
  db: BetterSQLite3Database<S> & { $client: Database.Database };
}

export function dataDir(): string {
  return path.resolve(process.env.DATA_DIR ?? 'data');
}

export function openDatabase<S extends Record<string, unknown>>(options: { file: string; migrationsFolder: string; schema: S }): OpenedDatabase<S> {
  if (options.file !== ':memory:') fs.mkdirSync(path.dirname(options.file), { recursive: true });
  const sqlite = new Database(options.file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = drizzle(sqlite, { schema: options.schema });
  migrate(db, { migrationsFolder: options.migrationsFolder });
  return { sqlite, db };
}

/**
 * `column IN (the keys)` with the keys bound as one JSON array parameter (`keys`), so a batch read
 * is one compiled statement whatever the number of keys: `prepared(...).all({ keys: jsonKeys(ids) })`.
 */
export const inKeys = (column: SQLiteColumn | SQL) => sql`${column} in (select value from json_each(${sql.placeholder('keys')}))`;

export const jsonKeys = (keys: readonly unknown[]) => JSON.stringify(keys);

/**
 * A query built and compiled once per database connection (drizzle's .prepare()), for the reads
 * every request makes: building the SQL and compiling it again each time cost more than running it.
 */
export function preparedPerDatabase<D extends object, P>(build: (db: D) => P): (db: D) => P {
  const compiled = new WeakMap<D, P>();
  return (db) => {
    let query = compiled.get(db);
    if (query === undefined) compiled.set(db, (query = build(db)));
    return query;
  };
}

/**
 * Runs `work` in an IMMEDIATE transaction on `sqlite` (SQLite lets one writer at a time in, across
 * processes too): committed when it resolves, rolled back when it throws. Call it within a turn
 * (sqliteTurns), so that no other request's statements come in while the work awaits.
 */
export async function inImmediateTransaction<T>(sqlite: Database.Database, work: () => Promise<T> | T): Promise<T> {
  sqlite.exec('BEGIN IMMEDIATE');
  try {
    const result = await work();
    sqlite.exec('COMMIT');
    return result;
  } catch (error) {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    throw error;
  }
}

/**
 * The turns of a store's operations on one SQLite connection. The driver is synchronous: within the
 * process the operations take turns (`exclusive`), so that a transaction's awaits never let another
 * request's statements in on the same connection; `immediate` is a turn in an IMMEDIATE transaction.
 */
export function sqliteTurns(sqlite: Database.Database) {
  let turn: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T> | T): Promise<T> => {
    const result = turn.then(work);
    turn = result.catch(() => undefined);
    return result;
  };
  const immediate = <T>(work: () => Promise<T> | T): Promise<T> => exclusive(() => inImmediateTransaction(sqlite, work));
  return { exclusive, immediate };
}

type StatementMethod = 'run' | 'get' | 'all' | 'iterate';

/**
 * Records the SQL of every statement run on `sqlite` (compiled statements are reused, so the
 * tests that check batching count statements run, not compiled). For tests.
 */
export function recordStatementsRun(sqlite: Database.Database, sink: string[]): void {
  const statement = Object.getPrototypeOf(sqlite.prepare('SELECT 1')) as Record<StatementMethod, (...args: unknown[]) => unknown>;
  for (const method of ['run', 'get', 'all', 'iterate'] as const) {
    const original = statement[method];
    statement[method] = function (this: Database.Statement, ...args: unknown[]) {
      if (this.database === sqlite) sink.push(this.source);
      return original.apply(this, args);
    };
  }
}
