// The search port's contract on the embedded engine (the in-memory index of the catalogue),
// built in line and in a worker thread, plus what only the embedded engine does.
import { describe, expect, it } from 'vitest';
import { openCatalog } from '../src/db/client.ts';
import { embeddedSearch } from '../src/search/embedded.ts';
import { buildSearchIndex, type FormationRow, type SessionRow } from '../src/search/embedded/index-data.ts';
import { IndexSearcher } from '../src/search/embedded/query.ts';
import { searchContract } from './search-contract.ts';
import { useDemoCatalog } from './demo-catalog.ts';
import { searchRequest } from './search-setup.ts';

searchContract('embedded (in-memory index)', async (db) => ({ engine: embeddedSearch(db.sqlite) }));

searchContract('embedded, index built in a worker thread', async (db) => {
  const other = openCatalog(db.sqlite.name);
  return { engine: embeddedSearch(other.sqlite, { inLineBuildLimit: 0 }), close: async () => void other.sqlite.close() };
});

const REQUEST = searchRequest({ limit: 10 });

describe('embedded engine: a changed catalogue', () => {
  const demo = useDemoCatalog();

  it('keeps answering from the previous index while a worker rebuilds it, then answers from the new one', async () => {
    const reader = openCatalog(demo().sqlite.name);
    try {
      const engine = embeddedSearch(reader.sqlite, { inLineBuildLimit: 0 });
      expect((await engine.search({ ...REQUEST, query: 'cariste' })).total).toBe(2);
      // Another connection (as the indexer's process) removes one of the two sessions.
      demo().sqlite.prepare("DELETE FROM sessions WHERE id = 'PDL-F0004-A1-S2'").run();
      const during = await engine.search({ ...REQUEST, query: 'cariste' });
      expect([1, 2]).toContain(during.total);
      let after = during.total;
      for (let i = 0; i < 100 && after !== 1; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        after = (await engine.search({ ...REQUEST, query: 'cariste' })).total;
      }
      expect(after).toBe(1);
    } finally {
      reader.sqlite.close();
    }
  });

  it('sees writes made on its own connection at once (small catalogue: rebuilt in line)', async () => {
    const engine = embeddedSearch(demo().sqlite);
    const before = (await engine.search(REQUEST)).total;
    demo().sqlite.prepare("DELETE FROM sessions WHERE id = 'PDL-F0004-A1-S1'").run();
    expect((await engine.search(REQUEST)).total).toBe(before - 1);
  });
});

describe('embedded engine: ranking', () => {
  const formation = (id: number, title: string): FormationRow => ({
    id,
    certificationCode: null,
    exitLevel: null,
    formacodes: [],
    romeCodes: [],
    title,
    description: '',
    places: '',
  });
  const session = (id: string, formationId: number, startDate: string | null): SessionRow => ({
    id,
    formationId,
    startDate,
    priceCents: null,
    modality: 'PRESENTIEL',
    region: null,
    departement: null,
    latitude: null,
    longitude: null,
    recruitment: null,
    cpfEligible: null,
    disabledAccess: false,
    permanentEntry: null,
    funders: [],
  });
  const searcher = new IndexSearcher(
    buildSearchIndex(
      [
        formation(1, 'Transport routier et métiers de la route'),
        formation(2, 'Métiers des transports'),
        formation(3, 'Métiers du transport'),
        formation(4, 'Accueil'),
      ],
      [session('A', 1, '2027-03-01'), session('B', 2, '2027-05-01'), session('C', 3, '2027-01-01'), session('D', 4, '2027-01-01')],
    ),
  );
  const ids = (query: string) => searcher.search({ ...REQUEST, query }).result.hits.map((h) => h.sessionId);

  it('puts fewer words matched by a typo first (Meilisearch "typo" rule), then the text score', () => {
    // "metjers" is a typo everywhere; "transports" is exact only in formation 2.
    expect(ids('metjers transports')[0]).toBe('B');
    expect(ids('metjers transports').sort()).toEqual(['A', 'B', 'C']);
  });

  it('orders equal matches by start date, unknown last, then by id', () => {
    expect(searcher.search({ ...REQUEST, sort: 'START_DATE' }).result.hits.map((h) => h.sessionId)).toEqual(['C', 'D', 'A', 'B']);
  });

  it('reads its words into term postings once per formation, stop words left out', () => {
    const { index } = searcher;
    expect(index.terms).not.toContain('de');
    expect(index.terms).toContain('metiers');
    const t = index.termIds.get('metiers')!;
    expect([...index.postingFormation.subarray(index.postingStart[t]!, index.postingStart[t + 1]!)]).toEqual([0, 1, 2]);
  });
});
