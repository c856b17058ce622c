// The same offer under other organisations' numbers (issue 16: same SIRET, same certification,
// same dates, same commune): grouped at import, one hit per group in both engines (the contract
// for Meilisearch is in search-meilisearch.test.ts), counts and facets counting the group once,
// the other ids on Session.duplicates.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { operationRunner } from '@formations/schema/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIndexer } from '../../../catalog-indexer/src/indexer.ts';
import type { CatalogContext } from '../src/context.ts';
import { openCatalog, type CatalogDatabase } from '../src/db/client.ts';
import { duplicateKey, rankedKeys, type DuplicateFacts } from '../src/domain/duplicates.ts';
import { schema } from '../src/schema/index.ts';
import { embeddedSearch } from '../src/search/embedded.ts';
import type { SearchRequest } from '../src/search/port.ts';
import { DEMO, renumbered, searchRequest } from './search-setup.ts';

const FACTS: DuplicateFacts = {
  siret: '12345678900011',
  certificationCode: 'RNCP38511',
  intitule: 'Cariste',
  debut: '2027-01-04',
  fin: '2027-02-12',
  codeInsee: '44109',
  modalite: 'PRESENTIEL',
};

describe('the group key (issue 16: same SIRET, same certification, same dates, same commune)', () => {
  it.each([
    ['the same offer', {}, '12345678900011|RNCP38511|2027-01-04|2027-02-12|44109'],
    [
      'no certification: the title stands for it, case aside',
      { certificationCode: null, intitule: 'Cariste CACES R489' },
      '12345678900011|titre:cariste caces r489|2027-01-04|2027-02-12|44109',
    ],
    ['distance learning without a commune', { codeInsee: null, modalite: 'DISTANCE' as const }, '12345678900011|RNCP38511|2027-01-04|2027-02-12|distance'],
    ['no commune, in a centre: never grouped', { codeInsee: null }, null],
    ['no SIRET: never grouped', { siret: null }, null],
    ['no dates (entries all year round): never grouped', { debut: null }, null],
  ])('%s', (_case, change, key) => {
    expect(duplicateKey({ ...FACTS, ...change })).toBe(key);
  });
});

describe("a formation's own sessions alike are different offers (two groups on the same days), told apart by rank", () => {
  it('ranks them by id within the formation, as a copy under other numbers does', () => {
    expect(
      rankedKeys([
        { id: 'F-A1-S3', key: 'k' },
        { id: 'F-A1-S1', key: 'k' },
        { id: 'F-A2-S1', key: 'j' },
        { id: 'F-A2-S2', key: null },
      ]),
    ).toEqual(
      new Map([
        ['F-A1-S1', 'k#1'],
        ['F-A1-S3', 'k#2'],
        ['F-A2-S1', 'j#1'],
        ['F-A2-S2', null],
      ]),
    );
  });
});

describe("a demo offer listed again under another organisation's numbers", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-duplicates-'));
  const other = path.join(dir, 'autre-numerotation.xml');
  let db: CatalogDatabase;
  const request = (r: Partial<SearchRequest>) => searchRequest({ sort: 'START_DATE', ...r });

  beforeAll(async () => {
    fs.writeFileSync(other, renumbered('PDL-F0004', 'AUTRE'));
    const file = path.join(dir, 'catalog.sqlite');
    for (const r of await runIndexer([DEMO, other], { dbFile: file, searchEngine: null })) expect(r, r.error ?? '').toMatchObject({ status: 'imported' });
    db = openCatalog(file);
  });
  afterAll(() => {
    db?.sqlite.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('groups each session with its copy, searched through one of them', () => {
    expect(db.sqlite.prepare("SELECT id, duplicate_of FROM sessions WHERE id LIKE '%PDL-F0004-%' ORDER BY id").all()).toEqual([
      { id: 'AUTRE-PDL-F0004-A1-S1', duplicate_of: null },
      { id: 'AUTRE-PDL-F0004-A1-S2', duplicate_of: null },
      { id: 'PDL-F0004-A1-S1', duplicate_of: 'AUTRE-PDL-F0004-A1-S1' },
      { id: 'PDL-F0004-A1-S2', duplicate_of: 'AUTRE-PDL-F0004-A1-S2' },
    ]);
    // Nothing else in the demo is grouped: its offers are distinct.
    expect(db.sqlite.prepare('SELECT count(*) FROM sessions WHERE duplicate_of IS NOT NULL').pluck().get()).toBe(2);
  });

  it('gives catalogues imported before the same groups (migration 0004 computes the key in SQL as the import does)', () => {
    const imported = db.sqlite.prepare('SELECT id, duplicate_key, duplicate_of FROM sessions ORDER BY id').all();
    const migration = fs.readFileSync(path.join(import.meta.dirname, '..', 'src', 'db', 'migrations', '0004_duplicates.sql'), 'utf8');
    const backfill = migration.split('--> statement-breakpoint').filter((statement) => /^\s*(--.*\n)*\s*(UPDATE|WITH)/.test(statement));
    expect(backfill).toHaveLength(2);
    db.sqlite.exec('BEGIN');
    try {
      db.sqlite.exec('UPDATE sessions SET duplicate_key = NULL, duplicate_of = NULL');
      for (const statement of backfill) db.sqlite.exec(statement);
      expect(db.sqlite.prepare('SELECT id, duplicate_key, duplicate_of FROM sessions ORDER BY id').all()).toEqual(imported);
    } finally {
      db.sqlite.exec('ROLLBACK');
    }
  });

  it('returns one hit per group and counts it once in totals and facets (embedded engine)', async () => {
    const search = embeddedSearch(db.sqlite);
    const cariste = await search.search(request({ query: 'cariste', facets: ['regions', 'certificationCodes'] }));
    expect(cariste.hits.map((h) => h.sessionId)).toEqual(['AUTRE-PDL-F0004-A1-S1', 'AUTRE-PDL-F0004-A1-S2']);
    expect(cariste.total).toBe(2);
    expect(cariste.facets.regions).toEqual([expect.objectContaining({ value: '52', count: 2 })]);
    expect((await search.search(request({}))).total).toBe(71);
  });

  it('lists the other ids on Session.duplicates', async () => {
    const answer = await operationRunner<CatalogContext>(schema)(
      `{ searchTrainings(query: "cariste", sort: { by: START_DATE }) { total hits { session { id duplicates { id } } } }
         session(id: "PDL-F0004-A1-S1") { duplicates { id } } alone: session(id: "PDL-F0001-A1-S1") { duplicates { id } } }`,
      {},
      { db, today: '2026-11-25', viewer: null, loaders: new Map() },
    );
    expect(answer).toMatchObject({
      data: {
        searchTrainings: {
          total: 2,
          hits: [
            { session: { id: 'AUTRE-PDL-F0004-A1-S1', duplicates: [{ id: 'PDL-F0004-A1-S1' }] } },
            { session: { id: 'AUTRE-PDL-F0004-A1-S2', duplicates: [{ id: 'PDL-F0004-A1-S2' }] } },
          ],
        },
        session: { duplicates: [{ id: 'AUTRE-PDL-F0004-A1-S1' }] },
        alone: { duplicates: [] },
      },
    });
  });

  it('searches the remaining sessions again when the copy is withdrawn, and logs them changed', async () => {
    const [report] = await runIndexer([], { dbFile: db.sqlite.name, searchEngine: null, remove: ['autre-numerotation.xml'] });
    expect(report).toMatchObject({ status: 'imported' });
    const changes = db.sqlite
      .prepare("SELECT kind, id FROM catalogue_changes WHERE source_id = 'autre-numerotation.xml' AND entity = 'SESSION' ORDER BY seq DESC LIMIT 4")
      .all();
    expect(changes).toEqual(
      expect.arrayContaining([
        { kind: 'WITHDRAWN', id: 'AUTRE-PDL-F0004-A1-S1' },
        { kind: 'CHANGED', id: 'PDL-F0004-A1-S1' },
        { kind: 'CHANGED', id: 'PDL-F0004-A1-S2' },
      ]),
    );
    const cariste = await embeddedSearch(db.sqlite).search(request({ query: 'cariste' }));
    expect(cariste.hits.map((h) => h.sessionId)).toEqual(['PDL-F0004-A1-S1', 'PDL-F0004-A1-S2']);
  });
});
