// The search port's contract, run against each adapter (search-embedded.test.ts,
// search-meilisearch.test.ts) on the demo catalogue (catalog-indexer/fixtures/demo, imported by
// the real indexer). Expected figures come from the demo README's tables; where an order or a
// count is not written there, the adapter must answer exactly as the embedded engine does
// (facets, totals and every non-relevance order are compared with it).
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogDatabase } from '../src/db/client.ts';
import { communePoint, sessionDocuments } from '../src/search/documents.ts';
import { embeddedSearch } from '../src/search/embedded.ts';
import type { SearchEngine, SearchFilters, SearchRequest, SearchResult } from '../src/search/port.ts';
import { buildDemoCatalog, searchRequest } from './search-setup.ts';

export interface EngineUnderTest {
  engine: SearchEngine;
  close?: () => Promise<void>;
}

const LA_ROCHE = { latitude: 46.6705, longitude: -1.426 };
const request = searchRequest;
const ids = (r: SearchResult) => r.hits.map((h) => h.sessionId);
const sessionsOf = (formation: string, actions: Record<string, number>) =>
  Object.entries(actions).flatMap(([action, n]) => Array.from({ length: n }, (_, i) => `${formation}-${action}-S${i + 1}`));
const DEVELOPPEUR = [
  ...sessionsOf('NAT-F0001', { A1: 3, A2: 2, A3: 2 }),
  ...sessionsOf('NAT-F0002', { A1: 2 }),
  ...sessionsOf('NAT-F0003', { A1: 2, A2: 1 }),
].sort();
const PREPARATEUR = [...sessionsOf('PDL-F0001', { A1: 3, A2: 2 }), ...sessionsOf('PDL-F0004', { A1: 2 })].sort();
const strip = (s: string) => s.replaceAll('<mark>', '').replaceAll('</mark>', '');

export function searchContract(name: string, factory: (db: CatalogDatabase) => Promise<EngineUnderTest>): void {
  describe(`search port contract: ${name}`, () => {
    let db: CatalogDatabase;
    let dir: string;
    let engine: SearchEngine;
    let reference: SearchEngine;
    let close: (() => Promise<void>) | undefined;
    let titles: Map<string, string>;

    beforeAll(async () => {
      ({ db, dir } = await buildDemoCatalog());
      reference = embeddedSearch(db.sqlite);
      ({ engine, close } = await factory(db));
      titles = new Map([...sessionDocuments(db.sqlite)].map((d) => [d.sessionId, d.title]));
    });
    afterAll(async () => {
      await close?.();
      db?.sqlite.close();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    /** Same total, facets and dropped words as the embedded engine; same order too unless ranked by relevance with words. */
    async function sameAsReference(r: SearchRequest): Promise<SearchResult> {
      const [got, want] = [await engine.search(r), await reference.search(r)];
      expect({ total: got.total, facets: got.facets, droppedWords: got.droppedWords }).toEqual({
        total: want.total,
        facets: want.facets,
        droppedWords: want.droppedWords,
      });
      if (r.sort === 'RELEVANCE' && r.query) expect(ids(got).sort()).toEqual(ids(want).sort());
      else expect(ids(got)).toEqual(ids(want));
      expect(got.hits.map((h) => h.distanceKm)).toEqual(r.sort === 'RELEVANCE' && r.query ? expect.any(Array) : want.hits.map((h) => h.distanceKm));
      return got;
    }

    it('holds every session and is healthy', async () => {
      expect((await engine.search(request())).total).toBe(71);
      expect(await engine.health()).toMatchObject({ engine: engine.name, ok: true });
      if (engine.name !== 'embedded') expect((await engine.health()).documents).toBe(71);
    });

    it('ignores accents and case', async () => {
      for (const query of ['developpeur', 'DÉVELOPPEUR', 'Développeur', 'développeur']) {
        const r = await sameAsReference(request({ query }));
        expect(ids(r).sort()).toEqual(DEVELOPPEUR);
        for (const id of ids(r)) expect(titles.get(id)).toMatch(/[Dd]éveloppeur/);
      }
    });

    it('tolerates plurals and typos (1 from 5 letters, 2 from 9) and reads stop words and elisions as nothing', async () => {
      for (const query of ['developpeurs', 'developeur', 'developeurs', 'devellopeur'])
        expect(ids(await sameAsReference(request({ query }))).sort()).toEqual(DEVELOPPEUR);
      for (const query of ['preparateur de commande', 'préparateurs de commandes', 'preparateur commande']) {
        expect(ids(await sameAsReference(request({ query }))).sort()).toEqual(PREPARATEUR);
      }
      expect((await sameAsReference(request({ query: "diplôme d'aide-soignant" }))).total).toBe(8);
      expect((await engine.search(request({ query: 'zzqxw' }))).total).toBe(0);
      // A wrong first letter costs two typos: allowed from 9 letters only.
      expect(ids(await sameAsReference(request({ query: 'web veveloppeur' }))).sort()).toEqual(DEVELOPPEUR.filter((id) => !id.startsWith('NAT-F0002')));
      expect((await sameAsReference(request({ query: 'xariste' }))).total).toBe(0);
      // Known words too match their neighbours (exact matches rank first), and typing ends in a prefix with a typo.
      for (const query of ['aide soignante', 'bilan competence', 'permis conduire', 'entrepots', 'titre pro', 'prepa comm', 'soignamt', 'web deve'])
        await sameAsReference(request({ query }));
    });

    it('takes the last word as a prefix while typing', async () => {
      expect(ids(await sameAsReference(request({ query: 'cari' }))).sort()).toEqual(['PDL-F0004-A1-S1', 'PDL-F0004-A1-S2']);
      expect(ids(await sameAsReference(request({ query: 'developp' }))).sort()).toEqual(DEVELOPPEUR);
      expect(ids(await sameAsReference(request({ query: 'preparateur de comm' }))).sort()).toEqual(PREPARATEUR);
    });

    it('drops trailing words when nothing matches them all', async () => {
      const r = await sameAsReference(request({ query: 'cariste xylophone' }));
      expect(r.droppedWords).toEqual(['xylophone']);
      expect(r.total).toBe(2);
    });

    it('knows common synonyms', async () => {
      expect(ids(await sameAsReference(request({ query: 'programmeur' }))).sort()).toEqual(DEVELOPPEUR);
    });

    it.each<[string, SearchFilters, number]>([
      ['région', { regions: ['52'] }, 27],
      ['régions', { regions: ['11', '75'] }, 7],
      ['département', { departements: ['85'] }, 12],
      ['distance from a point', { near: { ...LA_ROCHE, radiusKm: 70 } }, 28],
      ['certification code', { certificationCode: 'RNCP37674' }, 10],
      ['Formacode', { formacodes: ['31768'] }, 18],
      ['ROME of the training', { romeCodes: ['N1103'] }, 18],
      ['ROME of the certification only', { romeCodes: ['G1601'] }, 4],
      ['exit level', { exitLevels: [3] }, 19],
      ['exit levels', { exitLevels: [5, 6] }, 12],
      ['modality', { modalities: ['DISTANCE'] }, 6],
      ['start-date range', { startsAfter: '2027-01-01', startsBefore: '2027-01-31' }, 18],
      ['price range', { minPrice: 100_000, maxPrice: 150_000 }, 15],
      ['CPF-eligible', { cpfEligible: true }, 69],
      ['not CPF-eligible', { cpfEligible: false }, 0],
      ['recruitment open', { recruitmentOpen: true }, 64],
      ['several at once', { regions: ['52'], romeCodes: ['N1101'], recruitmentOpen: true, maxPrice: 350_000 }, 10],
    ])('filters by %s', async (_, filters, total) => {
      const r = await sameAsReference(request({ filters }));
      expect(r.total).toBe(total);
    });

    it('filters on words and filters together', async () => {
      const r = await sameAsReference(request({ query: 'developpeur', filters: { regions: ['84'], recruitmentOpen: true } }));
      expect(r.total).toBe(10);
    });

    it('measures distance from a commune known in the catalogue (La Roche-sur-Yon, INSEE 85191)', async () => {
      const point = communePoint(db.sqlite, '85191');
      expect(point).toMatchObject({ latitude: expect.closeTo(LA_ROCHE.latitude, 4), longitude: expect.closeTo(LA_ROCHE.longitude, 4) });
      const r = await sameAsReference(request({ filters: { near: { ...point!, radiusKm: 70 } }, sort: 'DISTANCE' }));
      expect(r.total).toBe(28);
      // Distance learning first (always within reach), then the nearest places.
      expect(ids(r).slice(0, 6).sort()).toEqual([
        'HDF-F0004-A2-S1',
        'HDF-F0004-A2-S2',
        'NAT-F0001-A3-S1',
        'NAT-F0001-A3-S2',
        'PDL-F0006-A2-S1',
        'PDL-F0006-A2-S2',
      ]);
      expect(r.hits[6]).toMatchObject({ sessionId: 'PDL-F0001-A1-S1', distanceKm: 0 });
      expect(r.hits.find((h) => h.sessionId === 'PDL-F0001-A2-S1')?.distanceKm).toBe(61.7);
      const inPerson = r.hits.slice(6).map((h) => h.distanceKm!);
      expect(inPerson).toEqual([...inPerson].sort((a, b) => a - b));
      expect(Math.max(...inPerson)).toBeLessThanOrEqual(70);
      expect(communePoint(db.sqlite, '99999')).toBeNull();
    });

    it('counts facets over all matches', async () => {
      const r = await sameAsReference(request({ limit: 1 }));
      expect(r.facets.regions).toEqual([
        { value: '52', count: 27 },
        { value: '32', count: 17 },
        { value: '84', count: 12 },
        { value: '75', count: 4 },
        { value: '76', count: 4 },
        { value: '11', count: 3 },
      ]);
      expect(r.facets.modalities).toEqual([
        { value: 'PRESENTIEL', count: 57 },
        { value: 'MIXTE', count: 8 },
        { value: 'DISTANCE', count: 6 },
      ]);
      expect(r.facets.exitLevels).toEqual([
        { value: '3', count: 19 },
        { value: '4', count: 12 },
        { value: '5', count: 10 },
        { value: '6', count: 2 },
      ]);
      expect(r.facets.cpfEligible).toEqual([{ value: 'true', count: 69 }]);
      expect(r.facets.romeCodes?.slice(0, 3)).toEqual([
        { value: 'N1101', count: 18 },
        { value: 'N1103', count: 18 },
        { value: 'M1805', count: 12 },
      ]);
      for (const query of ['preparateur', 'developpeur web', 'aide soignant', 'titre professionnel']) await sameAsReference(request({ query }));
      const some = await sameAsReference(request({ query: 'titre', facets: ['departements', 'certificationCodes'] }));
      expect(Object.keys(some.facets).sort()).toEqual(['certificationCodes', 'departements', 'modalities', 'regions']);
      expect(some.facets.regions).toEqual([]);
    });

    it('sorts by start date, unknown dates last', async () => {
      const r = await sameAsReference(request({ sort: 'START_DATE' }));
      expect(ids(r).slice(0, 5)).toEqual(['HDF-F0001-A1-S3', 'NAT-F0001-A1-S3', 'NAT-F0006-A1-S3', 'PDL-F0001-A1-S3', 'PDL-F0006-A1-S3']);
      expect(ids(r).slice(-5).sort()).toEqual(['HDF-F0004-A2-S1', 'NAT-F0001-A3-S2', 'PDL-F0002-A2-S2', 'PDL-F0005-A2-S1', 'PDL-F0006-A2-S2']);
      await sameAsReference(request({ sort: 'START_DATE', query: 'preparateur' }));
    });

    it('sorts by price, unknown prices last', async () => {
      const r = await sameAsReference(request({ sort: 'PRICE' }));
      expect(ids(r).slice(0, 2)).toEqual(['HDF-F0004-A2-S1', 'HDF-F0004-A2-S2']);
      expect(ids(r).slice(-3)).toEqual(['PDL-F0003-A3-S1', 'PDL-F0004-A1-S1', 'PDL-F0004-A1-S2']);
      await sameAsReference(request({ sort: 'PRICE', query: 'titre', filters: { regions: ['52', '84'] } }));
    });

    it('sorts by distance from a point', async () => {
      const lyon = { latitude: 45.7597, longitude: 4.8422 };
      const r = await sameAsReference(request({ sort: 'DISTANCE', from: lyon, query: 'developpeur' }));
      expect(ids(r).slice(0, 2)).toEqual(['NAT-F0001-A3-S1', 'NAT-F0001-A3-S2']);
      expect(r.hits[2]).toMatchObject({ sessionId: 'NAT-F0001-A1-S1', distanceKm: 0 });
    });

    it('ranks by relevance: titles first', async () => {
      const r = await engine.search(request({ query: 'developpeur web' }));
      expect(r.total).toBe(10);
      expect(titles.get(r.hits[0]!.sessionId)).toMatch(/^.*Développeur web et web mobile/);
      expect(r.hits.every((h) => typeof h.relevance === 'number')).toBe(true);
      expect((await engine.search(request())).hits.every((h) => h.relevance === null)).toBe(true);
    });

    it('pages', async () => {
      const all = ids(await engine.search(request({ sort: 'START_DATE' })));
      const pages: string[] = [];
      for (let offset = 0; offset < 80; offset += 10) {
        const page = await engine.search(request({ sort: 'START_DATE', offset, limit: 10 }));
        expect(page.total).toBe(71);
        pages.push(...ids(page));
      }
      expect(pages).toEqual(all);
      expect(ids(await engine.search(request({ sort: 'START_DATE', offset: 5, limit: 10 })))).toEqual(all.slice(5, 15));
      expect((await engine.search(request({ offset: 200, limit: 10 }))).hits).toEqual([]);
    });

    describe('what searchers ask for (issue 16): distance learning, accessibility, entries all year round, funders', () => {
      const countSql = (sql: string) => db.sqlite.prepare(sql).pluck().get() as number;
      const DISTANCE_SESSIONS = ['HDF-F0004-A2-S1', 'HDF-F0004-A2-S2', 'NAT-F0001-A3-S1', 'NAT-F0001-A3-S2', 'PDL-F0006-A2-S1', 'PDL-F0006-A2-S2'];
      const OF_ACTION = 'SELECT count(*) FROM sessions s JOIN actions a ON a.id = s.action_id WHERE';

      it('finds distance learning near a place whatever its distance, and excludes it or keeps only it on demand', async () => {
        expect(countSql("SELECT count(*) FROM sessions WHERE modalite = 'DISTANCE'")).toBe(6);
        const near = { ...LA_ROCHE, radiusKm: 70 };
        const kept = await sameAsReference(request({ filters: { near } }));
        // NAT-F0001-A3 gives its provider's seat in Lyon, 500 km away: still within reach.
        expect(ids(kept)).toEqual(expect.arrayContaining(DISTANCE_SESSIONS));
        expect(kept.total).toBe(28);
        const excluded = await sameAsReference(request({ filters: { near, distanceLearning: 'EXCLUDE' } }));
        expect(excluded.total).toBe(22);
        expect(ids(excluded).filter((id) => DISTANCE_SESSIONS.includes(id))).toEqual([]);
        expect(ids(await sameAsReference(request({ filters: { near, distanceLearning: 'ONLY' } }))).sort()).toEqual(DISTANCE_SESSIONS);
        expect((await sameAsReference(request({ filters: { distanceLearning: 'EXCLUDE' } }))).total).toBe(65);
        expect((await sameAsReference(request({ filters: { distanceLearning: 'ONLY' }, sort: 'START_DATE' }))).total).toBe(6);
        await sameAsReference(request({ filters: { near, distanceLearning: 'EXCLUDE' }, sort: 'DISTANCE' }));
      });

      it('finds sessions of a région or a département typed by name, distance learning kept unless excluded', async () => {
        const inRegion = await sameAsReference(request({ filters: { area: { regions: ['52'] } } }));
        expect(inRegion.total).toBe(countSql("SELECT count(*) FROM sessions WHERE region = '52' OR modalite = 'DISTANCE'"));
        expect(inRegion.total).toBe(27 + 6);
        expect((await sameAsReference(request({ filters: { area: { regions: ['52'] }, distanceLearning: 'EXCLUDE' } }))).total).toBe(27);
        const inDepartement = await sameAsReference(request({ filters: { area: { departements: ['85'] } }, sort: 'DISTANCE', from: LA_ROCHE }));
        expect(inDepartement.total).toBe(12 + 6);
        expect((await sameAsReference(request({ query: 'cariste', filters: { area: { departements: ['49'] } } }))).total).toBe(0);
      });

      it('filters on arrangements for disabled people (acces-handicapes)', async () => {
        const withAccess = await sameAsReference(request({ filters: { disabledAccess: true } }));
        expect(withAccess.total).toBe(countSql(`${OF_ACTION} a.acces_handicapes IS NOT NULL`));
        const without = await sameAsReference(request({ filters: { disabledAccess: false } }));
        expect(without.total).toBe(countSql(`${OF_ACTION} a.acces_handicapes IS NULL`));
        expect(withAccess.total + without.total).toBe(71);
        expect(without.total).toBeGreaterThan(0);
        await sameAsReference(request({ query: 'titre', filters: { disabledAccess: true, regions: ['52'] } }));
      });

      it('filters on entries and exits all year round (modalites-entrees-sorties)', async () => {
        const permanent = await sameAsReference(request({ filters: { permanentEntry: true } }));
        expect(permanent.total).toBe(countSql(`${OF_ACTION} a.entrees_sorties_permanentes = 1`));
        expect(ids(permanent)).toEqual(expect.arrayContaining(['PDL-F0002-A2-S2', 'PDL-F0005-A2-S1', 'PDL-F0006-A2-S2', 'HDF-F0004-A2-S1', 'NAT-F0001-A3-S2']));
        const fixed = await sameAsReference(request({ filters: { permanentEntry: false } }));
        expect(fixed.total).toBe(countSql(`${OF_ACTION} a.entrees_sorties_permanentes = 0`));
        expect(permanent.total + fixed.total).toBe(71);
      });

      it('filters on the funders of the action (code-financeur) and counts them', async () => {
        const bought = (codes: string[]) =>
          `${OF_ACTION} EXISTS (SELECT 1 FROM json_each(a.financeurs) f WHERE f.value IN (${codes.map((c) => `'${c}'`).join(', ')}))`;
        for (const funders of [['17'], ['4', '5'], ['16'], ['11']]) {
          expect((await sameAsReference(request({ filters: { funders } }))).total).toBe(countSql(bought(funders)));
        }
        expect((await sameAsReference(request({ filters: { funders: ['17'] } }))).total).toBeGreaterThan(0);
        const r = await sameAsReference(request({ limit: 1, facets: ['funders'] }));
        const expected = db.sqlite
          .prepare(
            `SELECT f.value AS value, count(DISTINCT s.id) AS count FROM sessions s JOIN actions a ON a.id = s.action_id, json_each(a.financeurs) f
             GROUP BY f.value ORDER BY count DESC, value`,
          )
          .all();
        expect(r.facets.funders).toEqual(expected);
        await sameAsReference(request({ query: 'aide soignant', filters: { funders: ['2', '10'], recruitmentOpen: true }, facets: ['funders', 'regions'] }));
      });
    });

    it('highlights the matched words', async () => {
      const r = await engine.search(request({ query: 'developpeur' }));
      for (const hit of r.hits) {
        expect(hit.highlights?.title).toMatch(/<mark>[Dd]éveloppeu/);
        expect(strip(hit.highlights!.title)).toBe(titles.get(hit.sessionId));
      }
      expect(r.hits.some((h) => h.highlights?.snippet?.includes('<mark>'))).toBe(true);
      const typing = await engine.search(request({ query: 'cari' }));
      expect(typing.hits[0]?.highlights?.title).toMatch(/<mark>Cari/);
      const plain = await engine.search(request({ query: 'developpeur', highlight: false }));
      expect(plain.hits.every((h) => h.highlights === null)).toBe(true);
      expect((await engine.search(request())).hits.every((h) => h.highlights === null)).toBe(true);
    });
  });
}
