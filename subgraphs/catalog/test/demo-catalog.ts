// The demo catalogue for the tests of one describe block: built by the real indexer before them,
// removed after.
import fs from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import type { CatalogDatabase } from '../src/db/client.ts';
import { buildDemoCatalog } from './search-setup.ts';

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
