import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { operationRunner } from '@formations/schema/testing';
import type { Viewer } from '@formations/schema/auth';
import { runIndexer } from '../../../catalog-indexer/src/indexer.ts';
import { openCatalog, type CatalogDatabase } from '../src/db/client.ts';
import { schema } from '../src/schema/index.ts';
import type { CatalogContext } from '../src/context.ts';

export const FIXTURE = path.join(import.meta.dirname, 'fixtures', 'catalogue.xml');
export const FRANCE_COMPETENCES_ZIP = path.join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  'catalog-indexer',
  'fixtures',
  'real',
  'export-fiches-csv-2024-02-22.zip',
);
export const TODAY = '2026-11-25';

/** A real catalogue file built by the real indexer from the test fixtures. */
export async function buildCatalog(): Promise<{ db: CatalogDatabase; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-test-'));
  const file = path.join(dir, 'catalog.sqlite');
  const reports = await runIndexer([FIXTURE, FRANCE_COMPETENCES_ZIP], { dbFile: file });
  for (const r of reports) if (r.status !== 'imported') throw new Error(`${r.source}: ${r.error}`);
  return { db: openCatalog(file), dir };
}

export function executor(db: CatalogDatabase) {
  const run = operationRunner<CatalogContext>(schema);
  return (query: string, variables: Record<string, unknown> = {}, viewer: Viewer | null = null) =>
    run(query, variables, { db, today: TODAY, viewer, loaders: new Map() });
}
