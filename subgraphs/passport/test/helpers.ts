// A real passport database in a temp dir, seeded once per test file, and a way to run
// operations against the schema as a given viewer, the way the server does.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { Viewer } from '@formations/schema/auth';
import { recordStatementsRun } from '@formations/schema/subgraph';
import { openPassportDatabase } from '../src/db/client.ts';
import { seed } from '../src/db/seed.ts';
import { schema } from '../src/schema/index.ts';
import type { PassportContext } from '../src/context.ts';

export const NOW = new Date('2026-11-25T12:00:00.000Z');

export function seededDatabase() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passport-'));
  const opened = openPassportDatabase(path.join(dir, 'passport.sqlite'));
  seed(opened.db);
  /** SQL statements run since the last reset. */
  const statements: string[] = [];
  recordStatementsRun(opened.sqlite, statements);
  return {
    ...opened,
    statements,
    close: () => {
      opened.sqlite.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const camille: Viewer = { sub: 'camille-martin', role: 'holder' };
export const karim: Viewer = { sub: 'karim-benali', role: 'holder' };
export const lucie: Viewer = { sub: 'lucie-moreau', role: 'holder' };
export const sophie: Viewer = { sub: 'sophie-adviser', role: 'adviser' };

export interface Result {
  data: Record<string, any> | null | undefined;
  errors: { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[] | undefined;
}

export function client(db: PassportContext['db']) {
  const server = new ApolloServer<PassportContext>({ schema, plugins: [ApolloServerPluginInlineTraceDisabled()] });
  let now = NOW;
  return {
    setNow: (date: Date) => {
      now = date;
    },
    async run(query: string, viewer: Viewer | null, variables: Record<string, unknown> = {}): Promise<Result> {
      const response = await server.executeOperation({ query, variables }, { contextValue: { viewer, loaders: new Map(), db, now: () => now } });
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      const { data, errors } = response.body.singleResult;
      return { data, errors: errors as Result['errors'] };
    },
  };
}

export const codeOf = (result: Result) => result.errors?.[0]?.extensions?.code;
