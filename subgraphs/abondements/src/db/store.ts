// abondements' database, in one async interface for SQLite (the default) and PostgreSQL
// (ABONDEMENTS_DATABASE_URL). The repository (queries.ts, reservations.ts, dotation-uses.ts,
// holdings.ts, france-travail.ts, funder-admin.ts, seed.ts) is written once over it with drizzle's
// query builder, whose select / insert / update / join / returning / onConflict read the same in
// both dialects; each dialect module gives the tables, runs transactions and admits writers its
// own way (SQLite: one writer at a time on the file; PostgreSQL: the envelope or dotation row
// locked FOR UPDATE). The repository's tests run on both (test/store.ts `DIALECTS`).
import type { SQL } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { tables } from './schema.ts';

export type Tables = typeof tables;

/**
 * What the repository's queries run on, inside a transaction or not. Typed with the SQLite
 * builder's types (the PostgreSQL tables have the same rows: schema-pg.ts checks it); only the
 * builders both dialects share are used, awaited, never `.get()` / `.all()` / `.run()`.
 */
export type Sql = Pick<BetterSQLite3Database<Tables>, 'select' | 'insert' | 'update' | 'delete'>;

/** A select that can be compiled once (SQLite's `.prepare()`; PostgreSQL's `.prepare(name)`). */
export interface Preparable<R> {
  prepare(): { all(values?: Record<string, unknown>): R[] };
}

/** A batch read built and compiled once per store, run with any number of keys in one statement. */
export type BatchRead<R> = (keys: readonly string[]) => Promise<R[]>;

export interface AbondementsStore {
  readonly dialect: 'sqlite' | 'postgresql';
  /** This dialect's tables (schema.ts or schema-pg.ts). */
  readonly t: Tables;
  /** Reads, or a single write, outside a transaction (on SQLite they take their turn with the transactions). */
  run<T>(work: (db: Sql) => Promise<T>): Promise<T>;
  /**
   * Runs `work` in one transaction: all of it is written, or none. A transaction that another
   * writer overtook is run again (a few times), and then finds what the other wrote: on
   * PostgreSQL, an insert refused by a unique index another transaction filled meanwhile (two
   * requests under one key), or `work` throwing WriteConflict.
   */
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
  /**
   * Until the transaction ends no other writer takes from these envelopes or dotations
   * (PostgreSQL: their rows locked FOR UPDATE, in id order; SQLite: the IMMEDIATE transaction
   * already holds the file). Read a pool's figures after locking it.
   */
  lockPools(tx: Sql, pool: 'envelopes' | 'dotations', ids: readonly string[]): Promise<void>;
  /**
   * The reads every request makes (rules, dotations, holdings, requests of a batch of persons),
   * built and compiled once: `build` gets `inKeys(column)`, the condition "column is one of the
   * keys" bound as one parameter (SQLite: a JSON array through json_each; PostgreSQL: `= any($1)`),
   * so one statement serves any batch size. Call it once per store (queries.ts keeps them per store).
   */
  prepareBatch<R>(name: string, build: (db: Sql, inKeys: (column: SQLiteColumn) => SQL) => Preparable<R>): BatchRead<R>;
  /** The order France Travail requests were inserted in (SQLite's rowid, PostgreSQL's `seq`). */
  readonly requestInsertionOrder: SQL;
  /** No funder yet (the demo world is loaded only then). */
  isEmpty(): Promise<boolean>;
  /** For /health: reads the database (so a lost connection shows). */
  health(): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

/** Thrown by a transaction's work that finds another writer changed its row meanwhile: the transaction is run again. */
export class WriteConflict extends Error {
  constructor() {
    super('another writer changed the row meanwhile');
  }
}

/** How many times store.transaction runs a transaction that was overtaken. */
export const TRANSACTION_ATTEMPTS = 3;
