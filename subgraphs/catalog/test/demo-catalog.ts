// The demo catalogue for the tests of one describe block (or file): built by the real indexer
// before them, removed after; and the catalog's schema run on it.
import fs from 'node:fs';
import { operationRunner } from '@formations/schema/testing';
import { afterAll, beforeAll } from 'vitest';
import type { CatalogContext } from '../src/context.ts';
import type { CatalogDatabase } from '../src/db/client.ts';
import { schema } from '../src/schema/index.ts';
import type { SearchEngine } from '../src/search/port.ts';
import { buildDemoCatalog, DEMO_TODAY } from './search-setup.ts';

export function useDemoCatalog(): () => CatalogDatabase {
  let built: { db: CatalogDatabase; dir: string } | undefined;
  beforeAll(async () => {
    built = await buildDemoCatalog();
  });
  afterAll(() => {
    built?.db.sqlite.close();
    if (built) fs.rmSync(built.dir, { recursive: true, force: true });
  });
  return () => {
    if (!built) throw new Error('the demo catalogue is not built yet');
    return built.db;
  };
}

/** Runs operations on the catalog's schema over `catalog()` on the demo's day, with `search` instead of the embedded engine when given. */
export function demoOperations(catalog: () => CatalogDatabase) {
  const runOperation = operationRunner<CatalogContext>(schema);
  return (query: string, variables: Record<string, unknown> = {}, search?: SearchEngine) =>
    runOperation(query, variables, { db: catalog(), today: DEMO_TODAY, viewer: null, loaders: new Map(), ...(search ? { search } : {}) });
}
