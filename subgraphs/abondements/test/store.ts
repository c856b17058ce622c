// A fresh abondements database of each dialect for the repository's tests: the same tests run on
// SQLite and on a real PostgreSQL (TEST_DATABASE_URL, else the throwaway server of vitest's globalSetup).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { createDatabase, testDatabaseUrl, testPool } from '@formations/schema/postgres-test';
import { type Dialect, postgresQuery, type RawQuery, sqliteQuery } from '@formations/schema/testing';
import { openAbondementsDatabase, openAbondementsStore } from '../src/db/client.ts';
import { seedDemoWorld } from '../src/db/seed.ts';
import { sqliteStore } from '../src/db/sqlite-store.ts';
import type { AbondementsStore } from '../src/db/store.ts';

export { DIALECTS, type Dialect } from '@formations/schema/testing';

export interface TestDatabase {
  store: AbondementsStore;
  /** What a separate process opens: the SQLite file or the PostgreSQL URL. */
  location: string;
  /** Raw SQL for checks behind the store's back (`?` placeholders in both dialects). */
  query: RawQuery;
  /** The SQLite connection (statement counts); null on PostgreSQL. */
  sqlite: Database.Database | null;
  close: () => Promise<void>;
}

/** A fresh, migrated database of this dialect, with the demo world unless `seed` is false. */
export async function testDatabase(dialect: Dialect, { seed = true } = {}): Promise<TestDatabase> {
  let database: TestDatabase;
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'abondements-test-'));
    const file = path.join(dir, 'abondements.sqlite');
    const opened = openAbondementsDatabase(file);
    const store = sqliteStore(opened);
    database = {
      store,
      location: file,
      query: sqliteQuery(opened.sqlite),
      sqlite: opened.sqlite,
      close: async () => {
        await store.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  } else {
    const url = await createDatabase(testDatabaseUrl(), 'abondements');
    const store = await openAbondementsStore({ url });
    const raw = testPool(url);
    database = {
      store,
      location: url,
      query: postgresQuery(raw),
      sqlite: null,
      close: async () => {
        await store.close();
        await raw.end();
      },
    };
  }
  if (seed) await seedDemoWorld(database.store);
  return database;
}

/** Opens the store a test database's `location` names, as a separate process does. */
export const openLocation = (location: string) => openAbondementsStore(location.startsWith('postgres') ? { url: location } : { file: location });
