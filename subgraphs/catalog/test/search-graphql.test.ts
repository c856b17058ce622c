// searchTrainings as the gateway calls it (ApolloServer.executeOperation) on the demo catalogue:
// the full hit (session, training, provider, place, distance, highlights), facets, pages, and
// BAD_USER_INPUT with a clear message and the field at fault for every kind of bad input.
import { describe, expect, it } from 'vitest';
import { validateFilters, type SearchInput } from '../src/domain/search-input.ts';
import type { SearchEngine } from '../src/search/port.ts';
import { demoOperations, useDemoCatalog } from './demo-catalog.ts';

const catalog = useDemoCatalog();
const run = demoOperations(catalog);

const SEARCH = `query ($q: String, $f: TrainingSearchFilters, $s: TrainingSortInput, $page: Int, $size: Int) {
  searchTrainings(query: $q, filters: $f, sort: $s, page: $page, pageSize: $size) {
    total page pageSize ignoredWords engine
    hits {
      distanceKm relevance
      highlights { title snippet }
      session { id startDate price place { city } training { title provider { name } } }
    }
    facets {
      regions { value count } departements { value count } modalities { value count } certificationCodes { value count }
      formacodes { value count } romeCodes { value count } exitLevels { value count } cpfEligible { value count }
    }
  }
}`;
const ids = (res: Awaited<ReturnType<typeof run>>) => res.data!.searchTrainings.hits.map((h: { session: { id: string } }) => h.session.id);

describe('searchTrainings', () => {
  it('answers hits with their session, training, provider, place, distance and highlights', async () => {
    const res = await run(SEARCH, { q: 'cariste', f: { nearCommune: { inseeCode: '85191', radiusKm: 30 } }, s: { by: 'DISTANCE' } });
    expect(res.errors).toBeUndefined();
    const result = res.data!.searchTrainings;
    expect(result).toMatchObject({ total: 2, page: 1, pageSize: 20, ignoredWords: [], engine: 'embedded' });
    expect(result.hits[0]).toEqual({
      distanceKm: 0,
      relevance: expect.any(Number),
      highlights: { title: expect.stringContaining('<mark>Cariste</mark>'), snippet: expect.stringContaining('<mark>cariste</mark>') },
      session: {
        id: 'PDL-F0004-A1-S1',
        startDate: '2027-02-08',
        price: null,
        place: { city: expect.stringMatching(/roche/i) },
        training: { title: expect.stringContaining('Cariste'), provider: { name: expect.stringMatching(/ouest emploi logistique/i) } },
      },
    });
    expect(result.facets.departements).toEqual([{ value: '85', count: 2 }]);
    expect(result.facets.romeCodes).toEqual([
      { value: 'N1101', count: 2 },
      { value: 'N1103', count: 2 },
    ]);
  });

  it('filters by a commune as by its point, and sorts from a commune', async () => {
    const byCommune = await run(SEARCH, { f: { nearCommune: { inseeCode: '85191', radiusKm: 70 } }, size: 100 });
    const byPoint = await run(SEARCH, { f: { near: { latitude: 46.6705, longitude: -1.426, radiusKm: 70 } }, size: 100 });
    expect(byCommune.data!.searchTrainings.total).toBe(28);
    expect(ids(byCommune)).toEqual(ids(byPoint));
    const sorted = await run(SEARCH, { q: 'preparateur commandes', f: { modalities: ['PRESENTIEL'] }, s: { by: 'DISTANCE', fromCommune: '44109' }, size: 3 });
    expect(sorted.data!.searchTrainings.hits.map((h: { distanceKm: number }) => h.distanceKm)).toEqual([0, 0, 61.7]);
  });

  it('filters by exit level, CPF eligibility, Formacode and certification, and counts those facets', async () => {
    const res = await run(SEARCH, { f: { exitLevels: [5], cpfEligible: true, formacodes: ['46270'], certificationCode: 'RNCP37674' }, size: 1 });
    expect(res.errors).toBeUndefined();
    expect(res.data!.searchTrainings.total).toBe(10);
    expect(res.data!.searchTrainings.facets).toMatchObject({
      exitLevels: [{ value: '5', count: 10 }],
      cpfEligible: [{ value: 'true', count: 10 }],
      certificationCodes: [{ value: 'RNCP37674', count: 10 }],
    });
  });

  it('counts only the facets asked for, through fragments too', async () => {
    const res = await run(
      `fragment F on TrainingSearchFacets { exitLevels { value count } } { searchTrainings(query: "titre professionnel") { total facets { ...F ... on TrainingSearchFacets { modalities { value } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.searchTrainings.facets.exitLevels.length).toBeGreaterThan(0);
    expect(res.data!.searchTrainings.facets.modalities.length).toBeGreaterThan(0);
  });

  it('pages', async () => {
    const all = ids(await run(SEARCH, { s: { by: 'PRICE' }, size: 100 }));
    const second = await run(SEARCH, { s: { by: 'PRICE' }, size: 20, page: 2 });
    expect(ids(second)).toEqual(all.slice(20, 40));
    expect(second.data!.searchTrainings).toMatchObject({ total: 71, page: 2, pageSize: 20 });
    expect(ids(await run(SEARCH, { size: 50, page: 3 }))).toEqual([]);
  });

  it.each([
    ['an unknown région', { f: { regions: ['99'] } }, 'filters.regions', /"99" is not a current INSEE région code/],
    ['a région name', { f: { regions: ['Pays de la Loire'] } }, 'filters.regions', /not a valid region code/],
    ['an unknown modality', { f: { modalities: ['ONLINE'] } }, undefined, /ONLINE/],
    ['a page too large', { page: 600, size: 20 }, 'page', /only the first 10000 results/],
    ['a page size too large', { size: 500 }, 'pageSize', /between 1 and 100/],
    ['a malformed certification code', { f: { certificationCode: '37674' } }, 'filters.certificationCode', /"RNCP" or "RS" followed by digits/],
    ['a malformed ROME code', { f: { romeCodes: ['N110'] } }, 'filters.romeCodes', /"N110" is not a valid romeCode code/],
    ['a malformed Formacode', { f: { formacodes: ['3184'] } }, 'filters.formacodes', /"3184" is not a valid formacode code/],
    ['an exit level out of range', { f: { exitLevels: [9] } }, 'filters.exitLevels', /levels go from 1 to 8/],
    ['a malformed INSEE code', { f: { nearCommune: { inseeCode: '851', radiusKm: 10 } } }, 'filters.nearCommune.inseeCode', /INSEE commune code/],
    [
      'a commune the catalogue does not know',
      { f: { nearCommune: { inseeCode: '99999', radiusKm: 10 } } },
      'filters.nearCommune.inseeCode',
      /commune 99999.*position is unknown/,
    ],
    [
      'both near and nearCommune',
      { f: { near: { latitude: 46, longitude: 0, radiusKm: 5 }, nearCommune: { inseeCode: '85191', radiusKm: 10 } } },
      'filters.nearCommune',
      /not both/,
    ],
    ['a radius of 0', { f: { nearCommune: { inseeCode: '85191', radiusKm: 0 } } }, 'filters.nearCommune.radiusKm', /above 0/],
    ['a distance sort without a point', { s: { by: 'DISTANCE' } }, 'sort.from', /needs sort.from or sort.fromCommune/],
    ['an unknown sort commune', { s: { by: 'DISTANCE', fromCommune: '01001' } }, 'sort.fromCommune', /commune 01001/],
    ['prices the wrong way round', { f: { minPrice: 10, maxPrice: 1 } }, 'filters.minPrice', /minPrice is above maxPrice/],
  ])('answers BAD_USER_INPUT for %s', async (_, variables, field, message) => {
    const res = await run(SEARCH, variables);
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
    if (field) expect(res.errors![0]!.extensions?.field).toBe(field);
    expect(res.errors![0]!.message).toMatch(message);
    expect(res.data?.searchTrainings ?? null).toBeNull();
  });

  it('answers SEARCH_UNAVAILABLE, not an internal error, when the engine fails', async () => {
    const broken: SearchEngine = {
      name: 'meilisearch',
      index: async () => ({ indexed: 0 }),
      remove: async () => {},
      search: async () => {
        throw new Error('connect ECONNREFUSED 127.0.0.1:7700');
      },
      health: async () => ({ engine: 'meilisearch', ok: false, documents: null }),
      servedVersion: () => null,
    };
    const res = await run(SEARCH, { q: 'cariste' }, broken);
    expect(res.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/search engine \(meilisearch\) is unavailable/),
      extensions: { code: 'SEARCH_UNAVAILABLE' },
    });
    expect(res.errors?.[0]?.message).not.toContain('ECONNREFUSED');
  });
});

describe('validateFilters (new filters)', () => {
  const ok: SearchInput = { query: 'x', filters: {}, page: 1, pageSize: 20, sort: null };
  it.each([
    [{ filters: { regions: ['52', '84'] } }, null],
    [{ filters: { regions: ['99'] } }, 'filters.regions'],
    [{ filters: { exitLevels: [3, 8] } }, null],
    [{ filters: { exitLevels: [0] } }, 'filters.exitLevels'],
    [{ filters: { exitLevels: [2.5] } }, 'filters.exitLevels'],
    [{ filters: { nearCommune: { inseeCode: '2A004', radiusKm: 10 } } }, null],
    [{ filters: { nearCommune: { inseeCode: '2C004', radiusKm: 10 } } }, 'filters.nearCommune.inseeCode'],
    [{ filters: { nearCommune: { inseeCode: '85191', radiusKm: 2000 } } }, 'filters.nearCommune.radiusKm'],
    [{ sort: { by: 'DISTANCE', fromCommune: '85191' } }, null],
    [{ sort: { by: 'DISTANCE', fromCommune: 'x' } }, 'sort.fromCommune'],
    [{ sort: { by: 'DISTANCE', from: { latitude: 1, longitude: 1 }, fromCommune: '85191' } }, 'sort.fromCommune'],
    [{ sort: { by: 'DISTANCE' }, filters: { nearCommune: { inseeCode: '85191', radiusKm: 10 } } }, null],
  ] as const)('%j → %s', (change, field) => {
    expect(validateFilters({ ...ok, ...change } as SearchInput)?.field ?? null).toBe(field);
  });
});
