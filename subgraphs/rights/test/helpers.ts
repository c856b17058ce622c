import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDatabase, testDatabaseUrl, testPool } from '@formations/schema/postgres-test';
import { type Dialect, postgresQuery, type RawQuery, sqliteQuery } from '@formations/schema/testing';
import type { ActivityYear, EmploymentPeriod } from '../src/domain/acquisition.ts';
import { loadParameters } from '../src/domain/parameters.ts';
import { openRightsDatabase, openRightsStore } from '../src/db/client.ts';
import { sqliteStore } from '../src/db/sqlite-store.ts';
import type { RightsStore } from '../src/db/store.ts';

/** The committed law parameters: tests check the real data, not a copy. */
export const params = loadParameters();

export function tempDatabase() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rights-test-'));
  const file = path.join(dir, 'rights.sqlite');
  const opened = openRightsDatabase(file);
  return { dir, file, ...opened, store: sqliteStore(opened) };
}

export { DIALECTS } from '@formations/schema/testing';

export interface TestDatabase {
  store: RightsStore;
  /** What a separate process opens: the SQLite file or the PostgreSQL URL. */
  location: string;
  /** Raw SQL for checks behind the store's back (`?` placeholders in both dialects). */
  query: RawQuery;
  close: () => Promise<void>;
}

/** A fresh, migrated, empty database of this dialect (PostgreSQL: a new database on the test server). */
export async function testDatabase(dialect: Dialect): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const { dir, file, sqlite, store } = tempDatabase();
    return {
      store,
      location: file,
      query: sqliteQuery(sqlite),
      close: async () => {
        await store.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url = await createDatabase(testDatabaseUrl(), 'rights');
  const store = await openRightsStore({ url });
  const raw = testPool(url);
  return {
    store,
    location: url,
    query: postgresQuery(raw),
    close: async () => {
      await store.close();
      await raw.end();
    },
  };
}

/** Opens the store a test database's `location` names, as a separate process does. */
export const openLocation = (location: string) => openRightsStore(location.startsWith('postgres') ? { url: location } : { file: location });

export const fullTime = (year: number, workingTimePercent = 100): EmploymentPeriod[] => [{ from: `${year}-01-01`, to: `${year}-12-31`, workingTimePercent }];

/** French text with its non-breaking spaces as plain ones, so expectations read naturally. */
export const plain = (text: string | null | undefined) => text?.replace(/[\u00a0\u202f]/g, ' ');

export function activity(year: number, facts: Partial<Omit<ActivityYear, 'year'>> = {}): ActivityYear {
  return {
    year,
    employmentPeriods: fullTime(year),
    declarations: [],
    selfEmployedPeriods: [],
    qualificationLevel: 5,
    oeth: false,
    esatAdmission: false,
    selfEmployed: false,
    trainingContributionPaid: false,
    ...facts,
  };
}
