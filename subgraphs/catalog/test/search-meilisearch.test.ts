// The search port's contract on a real Meilisearch: started here from the pinned binary
// (checksum checked before it runs) or MEILI_BIN, or the server at MEILISEARCH_URL.
// No binary and neither variable: this test fails, it does not skip.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { runIndexer } from '../../../catalog-indexer/src/indexer.ts';
import { openCatalog } from '../src/db/client.ts';
import { sessionDocuments } from '../src/search/documents.ts';
import { embeddedSearch } from '../src/search/embedded.ts';
import { MeilisearchEngine, MEILI_SETTINGS, toMeiliDocument } from '../src/search/meilisearch.ts';
import type { SearchRequest } from '../src/search/port.ts';
import { searchContract } from './search-contract.ts';
import { DEMO, renumbered, searchRequest, startMeilisearch, type MeiliServer } from './search-setup.ts';

// One server for the whole file, stopped (by pid) at the end.
let server: Promise<MeiliServer> | undefined;
const meili = () => (server ??= startMeilisearch());
afterAll(async () => {
  if (server) await (await server.catch(() => null))?.stop();
});
/** A fresh index per use, so an existing server at MEILISEARCH_URL is not disturbed. */
const freshEngine = async (prefix: string, batchSize = 25) => {
  const { url, key } = await meili();
  return new MeilisearchEngine({ host: url, apiKey: key, index: `${prefix}_${randomBytes(6).toString('hex')}`, batchSize });
};
const dropIndex = (engine: MeilisearchEngine) =>
  engine.client
    .deleteIndex(engine.uid)
    .waitTask()
    .then(
      () => undefined,
      () => undefined,
    );

searchContract('Meilisearch', async (db) => {
  const engine = await freshEngine('contract');
  const { indexed } = await engine.index(sessionDocuments(db.sqlite));
  expect(indexed).toBe(71);
  return { engine, close: () => dropIndex(engine) };
});

describe('the indexer keeps Meilisearch in sync', () => {
  it('indexes a source after its import, re-indexes it and deletes the sessions it no longer lists', async () => {
    const engine = await freshEngine('sync', 10);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-sync-'));
    try {
      const file = path.join(dir, 'offres-pays-de-la-loire-2.3.xml');
      const original = fs.readFileSync(path.join(DEMO, 'offres-pays-de-la-loire-2.3.xml'), 'utf8');
      fs.writeFileSync(file, original);
      const dbFile = path.join(dir, 'catalog.sqlite');
      let [report] = await runIndexer([file], { dbFile, searchEngine: engine });
      expect(report).toMatchObject({ status: 'imported', sessions: 29, searchSync: { indexed: 29, removed: 0, full: false } });
      expect(report!.issues.filter((i) => i.element === 'search-index')).toEqual([]);
      expect((await engine.search({ query: null, filters: {}, sort: 'START_DATE', from: null, today: '2026-11-25', offset: 0, limit: 100 })).total).toBe(29);

      // The next export drops one session and changes a title.
      const next = original
        .replace(/<session numero="PDL-F0001-A1-S3">[\s\S]*?<\/session>/, '')
        .replace('Bilan de compétences</intitule-formation>', 'Bilan de compétences et reconversion</intitule-formation>');
      expect(next).not.toBe(original);
      fs.writeFileSync(file, next);
      [report] = await runIndexer([file], { dbFile, searchEngine: engine });
      // Only the import's change set is sent: the renamed formation's sessions, and the dropped one.
      const renamed = new Database(dbFile, { readonly: true });
      const changed = renamed
        .prepare("SELECT count(*) FROM sessions s JOIN formations f ON f.id = s.formation_id WHERE f.intitule = 'Bilan de compétences et reconversion'")
        .pluck()
        .get() as number;
      renamed.close();
      expect(changed).toBeGreaterThan(0);
      expect(report).toMatchObject({ status: 'imported', searchSync: { indexed: changed, removed: 1, full: false } });
      expect((await runIndexer([file], { dbFile, searchEngine: engine }))[0]).toMatchObject({ searchSync: { indexed: 0, removed: 0 } });
      const all = await engine.search({ query: null, filters: {}, sort: 'START_DATE', from: null, today: '2026-11-25', offset: 0, limit: 100 });
      expect(all.total).toBe(28);
      expect(all.hits.map((h) => h.sessionId)).not.toContain('PDL-F0001-A1-S3');
      // Another process (the subgraph) opening the same index: its settings step meets an existing index.
      const { url, key } = await meili();
      const again = new MeilisearchEngine({ host: url, apiKey: key, index: engine.uid });
      expect((await again.search(searchRequest({ query: 'cariste', limit: 5 }))).total).toBe(2);
      expect(await again.health()).toEqual({ engine: 'meilisearch', ok: true, documents: 28 });
      const { sqlite } = openCatalog(dbFile);
      try {
        const request = searchRequest({ query: 'reconversion', sort: 'START_DATE' });
        const [got, want] = [await engine.search(request), await embeddedSearch(sqlite).search(request)];
        expect(got.total).toBeGreaterThan(0);
        expect(got.hits.map((h) => h.sessionId)).toEqual(want.hits.map((h) => h.sessionId));
      } finally {
        sqlite.close();
      }
    } finally {
      await dropIndex(engine);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe("duplicates across organisations' numbering on Meilisearch", () => {
  it('holds one document per group, as the embedded engine counts, and follows the groups through the change set', async () => {
    const engine = await freshEngine('duplicates', 20);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-dup-meili-'));
    try {
      const other = path.join(dir, 'autre-numerotation.xml');
      fs.writeFileSync(other, renumbered('PDL-F0004', 'AUTRE'));
      const dbFile = path.join(dir, 'catalog.sqlite');
      for (const r of await runIndexer([DEMO, other], { dbFile, searchEngine: engine }))
        expect(r.issues.filter((i) => i.element === 'search-index')).toEqual([]);
      const { sqlite } = openCatalog(dbFile);
      try {
        const request = searchRequest({ query: 'cariste', sort: 'START_DATE', facets: ['regions', 'certificationCodes'] });
        const same = async (r: SearchRequest) => {
          const [got, want] = [await engine.search(r), await embeddedSearch(sqlite).search(r)];
          expect(got.hits.map((h) => h.sessionId)).toEqual(want.hits.map((h) => h.sessionId));
          expect({ total: got.total, facets: got.facets }).toEqual({ total: want.total, facets: want.facets });
          return got;
        };
        expect((await same(request)).hits.map((h) => h.sessionId)).toEqual(['AUTRE-PDL-F0004-A1-S1', 'AUTRE-PDL-F0004-A1-S2']);
        expect((await same({ ...request, query: null, facets: undefined })).total).toBe(71);
        expect((await engine.health()).documents).toBe(71);

        // The copy withdrawn: the regrouped sessions are in its change set, the index follows.
        const [removed] = await runIndexer([], { dbFile, searchEngine: engine, remove: ['autre-numerotation.xml'] });
        expect(removed).toMatchObject({ status: 'imported', searchSync: { indexed: 2, removed: 2 } });
        expect((await same(request)).hits.map((h) => h.sessionId)).toEqual(['PDL-F0004-A1-S1', 'PDL-F0004-A1-S2']);
        expect((await engine.health()).documents).toBe(71);
      } finally {
        sqlite.close();
      }
    } finally {
      await dropIndex(engine);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('npm run search:resync', () => {
  it('rebuilds a drifted index from the whole catalogue beside the served one and swaps it in', async () => {
    const engine = await freshEngine('resync', 10);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-resync-'));
    try {
      const dbFile = path.join(dir, 'catalog.sqlite');
      for (const r of await runIndexer([DEMO], { dbFile, searchEngine: null })) expect(r.status).toBe('imported');
      // Drift: an import whose sync was missed (Meilisearch was down) left the index with one old source only.
      const { sqlite } = openCatalog(dbFile);
      const everything = [...sessionDocuments(sqlite)];
      await engine.index(everything.filter((d) => d.sourceId === 'offres-nationales-2.2.xml').map((d) => ({ ...d, title: 'version perimee' })));
      const request = searchRequest({ sort: 'START_DATE' });
      expect((await engine.search(request)).total).toBe(23);

      const { url, key } = await meili();
      const { stdout } = await promisify(execFile)('npm', ['run', '-s', 'search:resync'], {
        cwd: path.join(import.meta.dirname, '..', '..', '..'),
        env: { ...process.env, DATA_DIR: dir, MEILISEARCH_URL: url, MEILISEARCH_KEY: key, MEILISEARCH_INDEX: engine.uid },
      });
      expect(stdout).toMatch(new RegExp(`index "${engine.uid}": 71 session\\(s\\) indexed \\(it held 23\\)`));
      try {
        for (const r of [
          request,
          { ...request, query: 'cariste' },
          { ...request, query: 'perimee' },
          { ...request, query: 'developpeur', filters: { regions: ['52'] } },
        ]) {
          const [got, want] = [await engine.search(r), await embeddedSearch(sqlite).search(r)];
          expect(got.hits.map((h) => h.sessionId)).toEqual(want.hits.map((h) => h.sessionId));
          expect(got.total).toBe(want.total);
        }
        expect((await engine.search(request)).total).toBe(71);
        const { results } = await engine.client.getIndexes({ limit: 1000 });
        expect(results.map((i) => i.uid).filter((uid) => uid.startsWith(engine.uid))).toEqual([engine.uid]);
      } finally {
        sqlite.close();
      }
    } finally {
      await dropIndex(engine);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it('refuses to run without MEILISEARCH_URL', async () => {
    const env = { ...process.env };
    delete env.MEILISEARCH_URL;
    await expect(
      promisify(execFile)('npm', ['run', '-s', 'search:resync'], { cwd: path.join(import.meta.dirname, '..', '..', '..'), env }),
    ).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('MEILISEARCH_URL is not set'),
    });
  }, 120_000);
});

describe('Meilisearch documents and settings', () => {
  it('keeps ids valid for Meilisearch and leaves unknown values out', () => {
    const doc = toMeiliDocument({
      sessionId: 'SE/2027 n°1',
      actionId: 'A',
      formationNumero: 'F',
      sourceId: 'x.xml',
      title: 'T',
      description: '',
      places: '',
      certificationCode: null,
      formacodes: [],
      romeCodes: [],
      region: null,
      departement: null,
      communeInsee: null,
      latitude: null,
      longitude: null,
      priceCents: null,
      startDate: null,
      endDate: null,
      exitLevel: null,
      modality: 'DISTANCE',
      cpfEligible: null,
      recruitment: null,
      disabledAccess: false,
      permanentEntry: null,
      funders: [],
    });
    expect(doc.id).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(doc.id, 'base64url').toString('utf8')).toBe('SE/2027 n°1');
    expect(doc).not.toHaveProperty('price');
    expect(doc).not.toHaveProperty('_geo');
    expect(doc).toMatchObject({ remoteFirst: 0, recruitment: 'UNKNOWN' });
  });

  it('declares French stop words with elisions, synonyms and the typo rule', () => {
    expect(MEILI_SETTINGS.stopWords).toEqual(expect.arrayContaining(['d', 'l', 'qu', 'de', 'la']));
    expect(MEILI_SETTINGS.synonyms.developpeur).toContain('programmeur');
    expect(MEILI_SETTINGS.typoTolerance.minWordSizeForTypos).toEqual({ oneTypo: 5, twoTypos: 9 });
    expect(MEILI_SETTINGS.filterableAttributes).toContain('_geo');
  });
});
