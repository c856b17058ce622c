// A real subgraph over a real database (a SQLite file in a temp dir, or a fresh PostgreSQL
// database), seeded with the demo world, queried through Apollo Server.
import type { Viewer } from '@formations/schema/auth';
import { recordStatementsRun } from '@formations/schema/subgraph';
import { clockOf, type Clock } from '@formations/schema/clock';
import { operationRunner, type OperationResult } from '@formations/schema/testing';
import type { AbondementsContext } from '../src/context.ts';
import { schema } from '../src/schema/index.ts';
import { testDatabase, type Dialect, type TestDatabase } from './store.ts';

export interface Harness {
  database: TestDatabase;
  /** SQL statements run since the last reset: one per query drizzle runs (SQLite only: PostgreSQL's stay empty). */
  statements: string[];
  run: (query: string, variables: Record<string, unknown>, viewer: Viewer | null) => Promise<OperationResult>;
  close: () => Promise<void>;
}

export async function startHarness(clock: Clock = clockOf(() => new Date('2026-01-10T09:00:00Z')), dialect: Dialect = 'sqlite'): Promise<Harness> {
  const database = await testDatabase(dialect);
  const statements: string[] = [];
  if (database.sqlite) recordStatementsRun(database.sqlite, statements);
  const runOperation = operationRunner<AbondementsContext>(schema);
  return {
    database,
    statements,
    run: (query, variables, viewer) => runOperation(query, variables, { viewer, loaders: new Map(), store: database.store, clock }),
    close: () => database.close(),
  };
}
