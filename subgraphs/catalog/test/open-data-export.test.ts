// The open-data export's round trip: the demo catalogue exported as NDJSON,
// imported into an empty catalogue (with the same certification register), answers every search
// as the original does, and exports the same records again.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportCatalogue } from '../../../catalog-indexer/src/export/export.ts';
import { runIndexer } from '../../../catalog-indexer/src/indexer.ts';
import { openCatalog, type CatalogDatabase } from '../src/db/client.ts';
import { embeddedSearch } from '../src/search/embedded.ts';
import type { SearchRequest } from '../src/search/port.ts';
import { DEMO, searchRequest } from './search-setup.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-export-'));
const ORIGINAL = path.join(dir, 'original', 'catalog.sqlite');
const MIRROR = path.join(dir, 'mirror', 'catalog.sqlite');
const NDJSON = path.join(dir, 'catalogue.ndjson');
let original: CatalogDatabase;
let mirror: CatalogDatabase;

const lines = (file: string) =>
  fs
    .readFileSync(file, 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
const withoutSources = (record: Record<string, unknown>) =>
  JSON.parse(JSON.stringify(record, (key, value: unknown) => (key === 'sources' ? undefined : value))) as Record<string, unknown>;

beforeAll(async () => {
  for (const r of await runIndexer([DEMO], { dbFile: ORIGINAL, searchEngine: null })) expect(r.status).toBe('imported');
  await exportCatalogue(ORIGINAL, 'ndjson', NDJSON, { stderr: fs.createWriteStream('/dev/null') as unknown as NodeJS.WriteStream });
  // The mirror: the export and the same certification register (France Compétences' own open data).
  const reports = await runIndexer([NDJSON, path.join(DEMO, 'france-competences')], { dbFile: MIRROR, searchEngine: null });
  for (const r of reports) expect(r, r.error ?? '').toMatchObject({ status: 'imported', issues: [] });
  original = openCatalog(ORIGINAL);
  mirror = openCatalog(MIRROR);
});
afterAll(() => {
  original?.sqlite.close();
  mirror?.sqlite.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the NDJSON export', () => {
  it('writes one formation a line with its actions, sessions and sources', () => {
    const records = lines(NDJSON);
    expect(records).toHaveLength(19);
    expect(records.flatMap((f) => (f.actions as { sessions: unknown[] }[]).flatMap((a) => a.sessions))).toHaveLength(71);
    const cariste = records.find((f) => f.numero === 'PDL-F0004')!;
    expect(cariste.sources).toEqual([
      expect.objectContaining({
        source: 'offres-pays-de-la-loire-2.3.xml',
        file: expect.stringMatching(/offres-pays-de-la-loire-2\.3\.xml$/),
        exportedAt: expect.any(String),
        stale: null,
      }),
    ]);
    expect((cariste.actions as { sessions: { id: string; sources: string[] }[] }[])[0]!.sessions[0]).toMatchObject({
      id: 'PDL-F0004-A1-S1',
      sources: ['offres-pays-de-la-loire-2.3.xml'],
    });
    expect(JSON.stringify(records)).not.toMatch(/"line":/);
  });

  it('imports back into an empty catalogue as the same records, now listed by the export', async () => {
    const again = path.join(dir, 'again.ndjson');
    await exportCatalogue(MIRROR, 'ndjson', again, { stderr: fs.createWriteStream('/dev/null') as unknown as NodeJS.WriteStream });
    expect(lines(again).map(withoutSources)).toEqual(lines(NDJSON).map(withoutSources));
    expect(lines(again)[0]!.sources).toEqual([expect.objectContaining({ source: 'catalogue.ndjson' })]);
  });

  const REQUESTS: Partial<SearchRequest>[] = [
    { query: 'cariste' },
    { query: 'developpeur web' },
    { query: "diplôme d'aide-soignant", sort: 'START_DATE' },
    { query: 'titre', filters: { regions: ['52', '84'] }, sort: 'PRICE' },
    { query: null, filters: { cpfEligible: true }, sort: 'START_DATE' },
    { query: null, filters: { romeCodes: ['M1805'] } },
    { query: null, sort: 'DISTANCE', from: { latitude: 47.218, longitude: -1.553 }, filters: { near: { latitude: 47.218, longitude: -1.553, radiusKm: 50 } } },
    { query: null, filters: { recruitmentOpen: true, maxPrice: 300_000 }, offset: 5, limit: 5 },
  ];

  it.each(REQUESTS)('gives the same search results in the mirror: %j', async (partial) => {
    const request = searchRequest(partial);
    const [want, got] = [await embeddedSearch(original.sqlite).search(request), await embeddedSearch(mirror.sqlite).search(request)];
    expect(want.total).toBeGreaterThan(0);
    expect(got).toEqual(want);
  });
});
