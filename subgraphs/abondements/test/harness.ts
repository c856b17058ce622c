// A real subgraph over a real SQLite file in a temp dir, queried through Apollo Server.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Viewer } from '@formations/schema/auth';
import { recordStatementsRun } from '@formations/schema/subgraph';
import { clockOf, type Clock } from '@formations/schema/clock';
import { operationRunner, type OperationResult } from '@formations/schema/testing';
import { openAbondementsDatabase, type AbondementsDatabase } from '../src/db/client.ts';
import { seedDemoWorld } from '../src/db/seed.ts';
import type { AbondementsContext } from '../src/context.ts';
import { schema } from '../src/schema/index.ts';

export interface Harness {
  database: AbondementsDatabase;
  /** SQL statements run since the last reset: one per query drizzle runs. */
  statements: string[];
  run: (query: string, variables: Record<string, unknown>, viewer: Viewer | null) => Promise<OperationResult>;
  close: () => Promise<void>;
}

export async function startHarness(clock: Clock = clockOf(() => new Date('2026-01-10T09:00:00Z'))): Promise<Harness> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'abondements-graphql-'));
  const database = openAbondementsDatabase(path.join(dir, 'abondements.sqlite'));
  seedDemoWorld(database.db);
  const statements: string[] = [];
  recordStatementsRun(database.sqlite, statements);
  const runOperation = operationRunner<AbondementsContext>(schema);
  return {
    database,
    statements,
    run: (query, variables, viewer) => runOperation(query, variables, { viewer, loaders: new Map(), db: database.db, clock }),
    close: async () => {
      database.sqlite.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
