// Duplicates across organisations' numbering through the gateway: the demo catalogue plus one of
// its offers exported again under other numeros gives one hit per group, its other ids listed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIndexer } from '../../catalog-indexer/src/indexer.ts';
import { DEMO, renumbered } from '../../subgraphs/catalog/test/search-setup.ts';
import { startStack, type RunningStack } from '../../scripts/stack.ts';
import { graphql } from '../src/client.ts';

describe('the same offer under two numberings, through the gateway', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'formations-duplicates-'));
  let stack: RunningStack | undefined;

  beforeAll(async () => {
    const other = path.join(dataDir, 'autre-numerotation.xml');
    fs.writeFileSync(other, renumbered('PDL-F0004', 'AUTRE'));
    for (const r of await runIndexer([DEMO, other], { dbFile: path.join(dataDir, 'catalog.sqlite'), searchEngine: null })) expect(r.status).toBe('imported');
    stack = await startStack({ dataDir, ports: 'random', output: 'quiet', env: { CLOCK_NOW: '2026-11-25' } });
  }, 240_000);
  afterAll(async () => {
    await stack?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('returns one hit per group with its duplicates, and counts it once', async () => {
    const res = await graphql(
      stack!.gatewayUrl,
      `{ searchTrainings(query: "cariste", sort: { by: START_DATE }) { total facets { regions { value count } } hits { session { id duplicates { id startDate } } } } }`,
    );
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    expect(res.data!.searchTrainings).toMatchObject({
      total: 2,
      facets: { regions: [{ value: '52', count: 2 }] },
      hits: [
        { session: { id: 'AUTRE-PDL-F0004-A1-S1', duplicates: [{ id: 'PDL-F0004-A1-S1', startDate: expect.any(String) }] } },
        { session: { id: 'AUTRE-PDL-F0004-A1-S2', duplicates: [{ id: 'PDL-F0004-A1-S2', startDate: expect.any(String) }] } },
      ],
    });
  });
});
