// The subgraph as the gateway sees it: operations executed against a catalogue built by the
// real indexer from fixtures/catalogue.xml and the real France Compétences sample.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { signAccessGrant, type Viewer } from '@formations/schema/auth';
import type { CatalogDatabase } from '../src/db/client.ts';
import { buildCatalog, executor } from './helpers.ts';

let db: CatalogDatabase;
let dir: string;
let run: ReturnType<typeof executor>;

beforeAll(async () => {
  ({ db, dir } = await buildCatalog());
  run = executor(db);
});
afterAll(() => {
  db.sqlite.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('Session', () => {
  it('answers every contract field', async () => {
    const res = await run(`{
      session(id: "S1") {
        id price startDate endDate cpfKind certificationCode formacodes romeCodes nsfCodes region departement
        modality recruitment cpfEligible
        training { id title objective objectiveHtml provider { siret name } }
        action { id price hoursInCentre }
        place { city postalCode departement region latitude longitude }
      }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.session).toEqual({
      id: 'S1',
      price: 123450,
      startDate: '2026-12-01',
      endDate: '2027-03-01',
      cpfKind: 'RNCP',
      certificationCode: 'RNCP38416',
      formacodes: ['31845'],
      romeCodes: ['N1103', 'N1101'],
      nsfCodes: ['311'],
      region: '52',
      departement: '85',
      modality: 'PRESENTIEL',
      recruitment: 'OPEN',
      cpfEligible: true,
      training: {
        id: 'F1',
        title: 'Préparateur de commandes en entrepôt',
        objective: 'Objectif',
        objectiveHtml: '<p>Objectif</p>',
        provider: { siret: '12345678900011', name: 'CENTRE TEST SARL' },
      },
      action: { id: 'F1-A1', price: 123450, hoursInCentre: 400 },
      place: { city: 'LA ROCHE-SUR-YON', postalCode: '85000', departement: '85', region: '52', latitude: 46.6705, longitude: -1.426 },
    });
  });

  it('derives cpfKind from the data table', async () => {
    const res = await run(
      `{ a: session(id: "S8") { cpfKind } b: session(id: "S9") { cpfKind } c: session(id: "S5") { cpfKind } d: session(id: "S7") { cpfKind } }`,
    );
    expect(res.data).toEqual({ a: { cpfKind: 'BILAN_COMPETENCES' }, b: { cpfKind: 'CLEA' }, c: { cpfKind: 'OTHER' }, d: { cpfKind: 'RNCP' } });
  });

  it('keeps unknown dates null and has no place for distance learning', async () => {
    const res = await run(`{ s4: session(id: "S4") { startDate endDate } s6: session(id: "S6") { place { city } modality price } }`);
    expect(res.data).toEqual({ s4: { startDate: null, endDate: null }, s6: { place: null, modality: 'DISTANCE', price: 90000 } });
  });

  it('shows sanitised HTML and plain text of escaped HTML', async () => {
    const res = await run(`{ training(id: "F5") { objective objectiveHtml } }`);
    expect(res.data!.training).toEqual({ objective: 'Faire le point & décider', objectiveHtml: '<p>Faire le point &amp; décider</p>' });
  });

  it('resolves several Session representations with one query', async () => {
    // Compiled statements are kept per connection: count the statements run, not compiled.
    const statement = Object.getPrototypeOf(db.sqlite.prepare('SELECT 1')) as { all: (...params: unknown[]) => unknown[] };
    const all = vi.spyOn(statement, 'all');
    const res = await run(`query ($r: [_Any!]!) { _entities(representations: $r) { ... on Session { id price training { title } } } }`, {
      r: ['S1', 'S5', 'S9', 'nope'].map((id) => ({ __typename: 'Session', id })),
    });
    const sources = all.mock.contexts.map((run) => (run as { source: string }).source);
    const sessionQueries = sources.filter((sql) => /FROM sessions WHERE id IN/.test(sql));
    const formationQueries = sources.filter((sql) => /FROM formations WHERE id IN/.test(sql));
    all.mockRestore();
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities.map((e: { id: string } | null) => e?.id ?? null)).toEqual(['S1', 'S5', 'S9', null]);
    // One query per kind at most: rows read before for this catalogue version are kept (db/queries.ts).
    expect(sessionQueries.length).toBeLessThanOrEqual(1);
    expect(formationQueries.length).toBeLessThanOrEqual(1);
  });
});

describe('Certification', () => {
  it('comes from France Compétences with its codes, links and trainings', async () => {
    const res = await run(`{
      certification(code: "RNCP19468") { code kind title level active romeCodes successorCodes successors { code kind } certifiers { siret } trainings { id } }
    }`);
    expect(res.data!.certification).toEqual({
      code: 'RNCP19468',
      kind: 'RNCP',
      title: 'CQP Tourier',
      level: null,
      active: false,
      romeCodes: ['D1102', 'D1104'],
      successorCodes: ['RS6117'],
      successors: [{ code: 'RS6117', kind: 'RS' }],
      certifiers: [{ siret: '78466840200018' }],
      trainings: [{ id: 'F4' }],
    });
  });

  it('resolves as an entity and is null when unknown', async () => {
    const res = await run(
      `{ _entities(representations: [{ __typename: "Certification", code: "RS5000" }, { __typename: "Certification", code: "RNCP1" }]) { ... on Certification { title blocks { code } } } }`,
    );
    expect(res.data!._entities).toEqual([{ title: 'Exploiter la blockchain dans le développement d’applications', blocks: [] }, null]);
  });
});

describe('searchTrainings', () => {
  const SEARCH = `query ($q: String, $f: TrainingSearchFilters, $s: TrainingSortInput, $page: Int, $size: Int) {
    searchTrainings(query: $q, filters: $f, sort: $s, page: $page, pageSize: $size) {
      total page pageSize ignoredWords
      hits { session { id } distanceKm relevance }
      facets { regions { value count } modalities { value count } }
    }
  }`;
  const ids = (res: Awaited<ReturnType<typeof run>>) => res.data!.searchTrainings.hits.map((h: { session: { id: string } }) => h.session.id);

  it('finds words without accents, case or ligatures', async () => {
    for (const q of ['oenologie', 'ŒNOLOGIE', 'Œnologie']) expect(ids(await run(SEARCH, { q }))).toEqual(['S8']);
    expect(ids(await run(SEARCH, { q: 'préparateur' }))).toEqual(expect.arrayContaining(['S1', 'S5']));
  });

  it('tolerates typos and plurals, takes the last word as a prefix', async () => {
    expect(ids(await run(SEARCH, { q: 'preparateurs' }))).toEqual(expect.arrayContaining(['S1', 'S5']));
    expect(ids(await run(SEARCH, { q: 'entrepo' }))).toEqual(['S2', 'S1', 'S3', 'S4']);
    expect((await run(SEARCH, { q: 'zzzzqqq' })).data!.searchTrainings.total).toBe(0);
  });

  it('drops trailing words that match nothing', async () => {
    const res = await run(SEARCH, { q: 'tourier xylophone' });
    expect(ids(res)).toEqual(['S7']);
    expect(res.data!.searchTrainings.ignoredWords).toEqual(['xylophone']);
  });

  it('filters by région, département, modality, ROME (also through the certification), price, dates and open recruitment', async () => {
    const total = async (f: Record<string, unknown>) => (await run(SEARCH, { f, size: 100 })).data!.searchTrainings.total as number;
    expect(await total({})).toBe(9);
    expect(await total({ regions: ['52'] })).toBe(6);
    expect(await total({ departements: ['44'] })).toBe(2);
    expect(await total({ modalities: ['DISTANCE', 'MIXTE'] })).toBe(2);
    expect(await total({ romeCodes: ['D1102'] })).toBe(1);
    expect(await total({ romeCodes: ['N1103'] })).toBe(6);
    expect(await total({ certificationCode: 'RS5080' })).toBe(1);
    expect(await total({ formacodes: ['15081'] })).toBe(1);
    expect(await total({ minPrice: 120000, maxPrice: 160000 })).toBe(6);
    expect(await total({ startsAfter: '2027-01-01', startsBefore: '2027-01-31' })).toBe(4);
    expect(await total({ recruitmentOpen: true })).toBe(7);
    expect(await total({ near: { latitude: 46.6705, longitude: -1.426, radiusKm: 70 } })).toBe(7);
  });

  it('sorts by price, start date and distance, and pages', async () => {
    expect(ids(await run(SEARCH, { s: { by: 'PRICE' }, size: 3 }))).toEqual(['S6', 'S9', 'S1']);
    expect(ids(await run(SEARCH, { s: { by: 'START_DATE' }, size: 2, page: 1 }))).toEqual(['S2', 'S1']);
    expect(ids(await run(SEARCH, { s: { by: 'START_DATE' }, size: 2, page: 2 }))).toEqual(['S5', 'S7']);
    const near = await run(SEARCH, { s: { by: 'DISTANCE', from: { latitude: 45.76, longitude: 4.84 } }, size: 2 });
    expect(ids(near)).toEqual(['S6', 'S7']);
    expect(near.data!.searchTrainings.hits[1].distanceKm).toBe(0.2);
  });

  it('counts facets over all matches', async () => {
    const res = await run(SEARCH, { q: 'commandes', size: 1 });
    expect(res.data!.searchTrainings.total).toBe(6);
    expect(res.data!.searchTrainings.facets).toEqual({
      regions: [{ value: '52', count: 5 }],
      modalities: [
        { value: 'PRESENTIEL', count: 5 },
        { value: 'DISTANCE', count: 1 },
      ],
    });
  });

  it.each([
    [{ f: { regions: ['Pays de la Loire'] } }, 'filters.regions'],
    [{ f: { minPrice: 10, maxPrice: 1 } }, 'filters.minPrice'],
    [{ s: { by: 'DISTANCE' } }, 'sort.from'],
    [{ size: 0 }, 'pageSize'],
  ])('answers BAD_USER_INPUT for %j', async (variables, field) => {
    const res = await run(SEARCH, variables);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });
});

describe('Person.recommendedTrainings', () => {
  const camille = {
    __typename: 'Person',
    id: 'camille-martin',
    targetRomeCodes: ['N1103', 'N1101'],
    competenceCodes: [],
    homeLatitude: 46.6705,
    homeLongitude: -1.426,
  };
  const RECOMMEND = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { recommendedTrainings(first: 10) { personId sessionId score reasons distanceKm session { id startDate } } } } }`;
  const holder: Viewer = { sub: 'camille-martin', role: 'holder' };

  it('ranks open, not started sessions for the target jobs, with reasons', async () => {
    const grant = await signAccessGrant({ personId: 'camille-martin', viewerSub: 'camille-martin', scopes: ['recommendations'] });
    const res = await run(RECOMMEND, { r: [{ ...camille, accessGrant: grant }] }, holder);
    expect(res.errors).toBeUndefined();
    const options = res.data!._entities[0].recommendedTrainings;
    // With no competence held, the gap is every competence ROME 4.0 lists for N1103 (36) and N1101
    // (33). S1 and S4 (F1: N1103 and N1101) close all of it; S6 (F3, at a distance) prepares for
    // N1103 only, which lists 9 of N1101's 33: it closes (36 + 9) / (36 + 33) of the gap and comes
    // after the undated session next door.
    expect(options.map((o: { sessionId: string }) => o.sessionId)).toEqual(['S1', 'S4', 'S6', 'S5']);
    expect(options[0]).toMatchObject({
      personId: 'camille-martin',
      distanceKm: 0,
      reasons: [
        'prépare au métier N1103 Préparateur / Préparatrice de commandes',
        'prépare au métier N1101 Cariste',
        'couvre 36 des 36 compétences qui vous manquent pour N1103',
        'couvre 33 des 33 compétences qui vous manquent pour N1101',
        'à 0 km',
        'commence le 2026-12-01',
        'recrutement ouvert',
      ],
    });
    expect(options[2].reasons).toEqual(expect.arrayContaining(['à distance', 'couvre 9 des 33 compétences qui vous manquent pour N1101']));
    // Nearness outweighs the start date: the undated session next door comes before the one 62 km away.
    expect(options[1].reasons).toContain('date de début non communiquée');
    expect(options[3].reasons).toContain('à 62 km');
  });

  it('gives abondements the same ranking as recommendationCandidates (up to 30)', async () => {
    const grant = await signAccessGrant({ personId: 'camille-martin', viewerSub: 'camille-martin', scopes: ['recommendations'] });
    const res = await run(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { recommendationCandidates { sessionId score reasons } recommendedTrainings(first: 30) { sessionId score reasons } } } }`,
      { r: [{ ...camille, accessGrant: grant }] },
      holder,
    );
    expect(res.errors).toBeUndefined();
    const person = res.data!._entities[0];
    expect(person.recommendationCandidates).toEqual(person.recommendedTrainings);
    expect(person.recommendationCandidates.map((o: { sessionId: string }) => o.sessionId)).toEqual(['S1', 'S4', 'S6', 'S5']);
  });

  it('matches through the certification’s ROME codes', async () => {
    const grant = await signAccessGrant({ personId: 'p', viewerSub: 'p', scopes: ['recommendations'] });
    const res = await run(RECOMMEND, { r: [{ ...camille, id: 'p', targetRomeCodes: ['D1104'], accessGrant: grant }] }, { sub: 'p', role: 'holder' });
    expect(res.data!._entities[0].recommendedTrainings.map((o: { sessionId: string; reasons: string[] }) => [o.sessionId, o.reasons[0]])).toEqual([
      ['S7', 'prépare une certification qui mène au métier D1104 Pâtissier / Pâtissière'],
    ]);
  });

  it.each([
    ['no viewer', null, async () => signAccessGrant({ personId: 'camille-martin', viewerSub: 'camille-martin', scopes: ['recommendations'] })],
    ['no grant', holder, async () => null],
    [
      'a grant without the recommendations scope',
      holder,
      async () => signAccessGrant({ personId: 'camille-martin', viewerSub: 'camille-martin', scopes: ['rights'] }),
    ],
    [
      'a grant for another viewer',
      { sub: 'karim-benali', role: 'holder' } as Viewer,
      async () => signAccessGrant({ personId: 'camille-martin', viewerSub: 'camille-martin', scopes: ['recommendations'] }),
    ],
  ])('is FORBIDDEN with %s', async (_, viewer, grant) => {
    const res = await run(RECOMMEND, { r: [{ ...camille, accessGrant: await grant() }] }, viewer);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(res.data)).not.toContain('S1');
  });
});

describe('Person.trainingOptions and TrainingOption', () => {
  it('gives the chosen sessions as options, scored on their own', async () => {
    const grant = await signAccessGrant({ personId: 'camille-martin', viewerSub: 'sophie-adviser', scopes: ['recommendations'] });
    const res = await run(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { trainingOptions(sessionIds: ["S3", "nope", "S8"]) { sessionId score reasons session { price } } } } }`,
      { r: [{ __typename: 'Person', id: 'camille-martin', accessGrant: grant }] },
      { sub: 'sophie-adviser', role: 'adviser' },
    );
    expect(res.errors).toBeUndefined();
    const options = res.data!._entities[0].trainingOptions;
    expect(options.map((o: { sessionId: string }) => o.sessionId)).toEqual(['S3', 'S8']);
    expect(options[0].reasons).toEqual(['commence le 2027-01-10', 'recrutement clos']);
    expect(options[1].session.price).toBe(160000);
  });

  it('resolves TrainingOption references', async () => {
    const res = await run(
      `{ _entities(representations: [{ __typename: "TrainingOption", personId: "p", sessionId: "S5" }]) { ... on TrainingOption { personId sessionId session { price startDate cpfKind } } } }`,
    );
    expect(res.data!._entities).toEqual([{ personId: 'p', sessionId: 'S5', session: { price: 200000, startDate: '2026-12-15', cpfKind: 'OTHER' } }]);
  });
});
