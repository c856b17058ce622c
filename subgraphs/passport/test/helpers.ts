// A real passport database, seeded once per test file, on SQLite or on a real PostgreSQL, and a
// way to run operations against the schema as a given viewer, the way the server does.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Viewer } from '@formations/schema/auth';
import { createDatabase, testDatabaseUrl, testPool } from '@formations/schema/postgres-test';
import { openPostgres, recordStatementsRun } from '@formations/schema/subgraph';
import { type Dialect, type OperationResult, operationRunner, postgresQuery, type RawQuery, sqliteQuery } from '@formations/schema/testing';
import { afterAll, beforeAll } from 'vitest';
import { openPassportDatabase, pgMigrationsFolder } from '../src/db/client.ts';
import { pgStore } from '../src/db/pg-store.ts';
import { tables as pgTables } from '../src/db/schema-pg.ts';
import { seed } from '../src/db/seed.ts';
import { sqliteStore } from '../src/db/sqlite-store.ts';
import type { PassportStore } from '../src/db/store.ts';
import { schema } from '../src/schema/index.ts';
import type { PassportContext } from '../src/context.ts';

export const NOW = new Date('2026-11-25T12:00:00.000Z');

/** The two databases passport runs on: the repository tests run on both. */
export { DIALECTS } from '@formations/schema/testing';

export interface TestPassport {
  store: PassportStore;
  /** What a separate process opens: the SQLite file or the PostgreSQL URL. */
  location: string;
  /** Raw SQL for checks behind the store's back (`?` placeholders in both dialects). */
  query: RawQuery;
  /** SQL statements sent to the database since the last reset (outside transactions). */
  statements: string[];
  close: () => Promise<void>;
}

/** A fresh, migrated, empty database of this dialect (PostgreSQL: a new database on the test server). */
export async function testDatabase(dialect: Dialect): Promise<TestPassport> {
  const statements: string[] = [];
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passport-'));
    const file = path.join(dir, 'passport.sqlite');
    const opened = openPassportDatabase(file);
    recordStatementsRun(opened.sqlite, statements);
    const store = sqliteStore(opened);
    return {
      store,
      location: file,
      statements,
      query: sqliteQuery(opened.sqlite),
      close: async () => {
        await store.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url = await createDatabase(testDatabaseUrl(), 'passport');
  const opened = await openPostgres({ url, migrationsFolder: pgMigrationsFolder, schema: pgTables });
  // drizzle sends every statement outside a transaction through the pool's query().
  const query = opened.pool.query.bind(opened.pool) as (...args: unknown[]) => unknown;
  opened.pool.query = ((config: string | { text: string }, ...rest: unknown[]) => {
    statements.push(typeof config === 'string' ? config : config.text);
    return query(config, ...rest);
  }) as typeof opened.pool.query;
  const store = pgStore(opened);
  const raw = testPool(url);
  return {
    store,
    location: url,
    statements,
    query: postgresQuery(raw),
    close: async () => {
      await store.close();
      await raw.end();
    },
  };
}

/** A database of this dialect with ROME 4.0 and the demo world, for the tests of one file (filled in beforeAll). */
export function seededPassport(dialect: Dialect): TestPassport {
  const passport = { statements: [] as string[] } as TestPassport;
  beforeAll(async () => {
    Object.assign(passport, await testDatabase(dialect));
    await seed(passport.store);
    passport.statements.length = 0;
  }, 120_000);
  afterAll(() => passport.close?.());
  return passport;
}

export const camille: Viewer = { sub: 'camille-martin', role: 'holder' };
export const karim: Viewer = { sub: 'karim-benali', role: 'holder' };
export const lucie: Viewer = { sub: 'lucie-moreau', role: 'holder' };
export const sophie: Viewer = { sub: 'sophie-adviser', role: 'adviser' };

export type Result = OperationResult;

/** Runs operations on the schema over `passport.store` (read at each run: it is opened in beforeAll). */
export function client(passport: { store: PassportStore }) {
  const runOperation = operationRunner<PassportContext>(schema);
  let now = NOW;
  return {
    setNow: (date: Date) => {
      now = date;
    },
    run: (query: string, viewer: Viewer | null, variables: Record<string, unknown> = {}): Promise<Result> =>
      runOperation(query, variables, { viewer, loaders: new Map(), store: passport.store, now: () => now }),
  };
}

export const codeOf = (result: Result) => result.errors?.[0]?.extensions?.code;
