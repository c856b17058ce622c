// What searchers ask for (issue 16), through the catalog schema on the demo catalogue: places typed by
// name, distance learning, accessibility, entries all year round, funders, the next open session
// and the places left; bad input as BAD_USER_INPUT with the field at fault.
import { describe, expect, it } from 'vitest';
import { demoOperations, useDemoCatalog } from './demo-catalog.ts';

const catalog = useDemoCatalog();
const run = demoOperations(catalog);

const SEARCH = `query ($q: String, $place: String, $radius: Float, $f: TrainingSearchFilters, $s: TrainingSortInput, $size: Int) {
  searchTrainings(query: $q, place: $place, placeRadiusKm: $radius, filters: $f, sort: $s, pageSize: $size) {
    total
    place { kind code name label latitude longitude }
    hits {
      distanceLearning distanceKm
      nextSession { id startDate seatsLeft }
      session { id departement distanceLearning seatsLeft disabledAccess permanentEntry funderCodes }
    }
    facets { funders { value count label } regions { value count label } }
  }
}`;
type Hit = {
  distanceLearning: boolean;
  distanceKm: number | null;
  nextSession: { id: string; startDate: string | null; seatsLeft: number | null } | null;
  session: Record<string, any>;
};
const hits = (res: Awaited<ReturnType<typeof run>>) => res.data!.searchTrainings.hits as Hit[];
const count = (sql: string) => catalog().sqlite.prepare(sql).pluck().get() as number;

describe('searchTrainings(place:) as people type places', () => {
  it('takes a département by name: its places of training, and distance learning', async () => {
    const res = await run(SEARCH, { place: 'Loire-Atlantique', size: 100 });
    expect(res.errors).toBeUndefined();
    const result = res.data!.searchTrainings;
    expect(result.place).toMatchObject({ kind: 'DEPARTEMENT', code: '44', name: 'Loire-Atlantique', label: 'Loire-Atlantique (44)' });
    expect(result.total).toBe(count("SELECT count(*) FROM sessions WHERE departement = '44' OR modalite = 'DISTANCE'"));
    for (const h of hits(res)) expect(h.session.departement === '44' || h.distanceLearning).toBe(true);
    expect(hits(res).filter((h) => h.distanceLearning)).toHaveLength(6);
  });

  it('takes a région by name, and leaves distance learning out on demand', async () => {
    const res = await run(SEARCH, { place: 'Île-de-France', f: { distanceLearning: 'EXCLUDE' }, size: 100 });
    expect(res.errors).toBeUndefined();
    expect(res.data!.searchTrainings.place).toMatchObject({ kind: 'REGION', code: '11' });
    expect(res.data!.searchTrainings.total).toBe(3);
    expect(hits(res).every((h) => !h.distanceLearning && !h.session.distanceLearning)).toBe(true);
  });

  it('takes a commune as typed ("st etienne"): within 30 km by default, distance learning always within reach', async () => {
    const res = await run(SEARCH, { place: 'st etienne', s: { by: 'DISTANCE' }, size: 100 });
    expect(res.errors).toBeUndefined();
    expect(res.data!.searchTrainings.place).toMatchObject({ kind: 'COMMUNE', code: '42218', name: 'Saint-Étienne', label: 'Saint-Étienne (42000, Loire)' });
    // No place of training of the demo within 30 km of Saint-Étienne: only distance learning.
    expect(hits(res).map((h) => h.distanceLearning)).toEqual([true, true, true, true, true, true]);
    const wider = await run(SEARCH, { place: 'Saint-Étienne', radius: 60, s: { by: 'DISTANCE' }, size: 100 });
    const inPerson = hits(wider).filter((h) => !h.distanceLearning);
    expect(inPerson.length).toBeGreaterThan(0);
    expect(Math.max(...inPerson.map((h) => h.distanceKm!))).toBeLessThanOrEqual(60);
    const none = await run(SEARCH, { place: '42000', f: { distanceLearning: 'EXCLUDE' } });
    expect(none.data!.searchTrainings.total).toBe(0);
  });

  it.each([
    [
      'Saint-Denis',
      'AMBIGUOUS',
      /« Saint-Denis » désigne plusieurs lieux : Saint-Denis \(93200, Seine-Saint-Denis\), Saint-Denis \(97400, La Réunion\)/,
      ['93066', '97411'],
    ],
    ['Xyzzy', 'UNKNOWN', /Lieu inconnu : « Xyzzy »/, []],
  ])('refuses %j (%s) with the reason in French and suggestions', async (place, status, message, codes) => {
    const res = await run(SEARCH, { place });
    expect(res.errors?.[0]).toMatchObject({ message: expect.stringMatching(message), extensions: { code: 'BAD_USER_INPUT', field: 'place', status } });
    expect(res.errors![0]!.extensions!.suggestions.map((p: { code: string }) => p.code)).toEqual(codes);
  });

  it('answers places(query) with the status, the French message and suggestions', async () => {
    const res = await run(`{ a: places(query: "Vienne") { status message place { code } suggestions { kind code label } }
      b: places(query: "loire atlantique") { status place { kind code latitude longitude } }
      c: places(query: "saint", first: 2) { status suggestions { code } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.a).toEqual({
      status: 'AMBIGUOUS',
      message: expect.stringMatching(/^« Vienne » désigne plusieurs lieux/),
      place: null,
      suggestions: [
        { kind: 'DEPARTEMENT', code: '86', label: 'Vienne (86)' },
        { kind: 'COMMUNE', code: '38544', label: 'Vienne (38200, Isère)' },
      ],
    });
    expect(res.data!.b).toEqual({ status: 'FOUND', place: { kind: 'DEPARTEMENT', code: '44', latitude: 47.2184, longitude: -1.5536 } });
    expect(res.data!.c.suggestions).toHaveLength(2);
  });
});

describe('searchTrainings: what a session offers', () => {
  it('gives the next open session of the training and the places left, when the export gives them', async () => {
    const res = await run(SEARCH, { q: 'preparateur commandes entrepot', f: { regions: ['52'] }, size: 100 });
    expect(res.errors).toBeUndefined();
    const past = hits(res).find((h) => h.session.id === 'PDL-F0001-A1-S3')!;
    // Today 2026-11-25: S3 (June 2026, closed) is over; S1 (11 January 2027) is next, 8 places left.
    expect(past.nextSession).toEqual({ id: 'PDL-F0001-A1-S1', startDate: '2027-01-11', seatsLeft: 8 });
    expect(hits(res).find((h) => h.session.id === 'PDL-F0001-A1-S2')!.session.seatsLeft).toBe(12);
    expect(hits(res).find((h) => h.session.id === 'PDL-F0001-A2-S1')!.session.seatsLeft).toBeNull();
    const training = await run(
      `{ a: training(id: "HDF-F0001") { nextSession { id seatsLeft recruitment } } b: training(id: "PDL-F0006") { nextSession { id startDate } } }`,
    );
    expect(training.errors).toBeUndefined();
    // HDF-F0001-A1-S1 is open with 0 places left: still the next one (recruitment is the provider's to close).
    expect(training.data).toEqual({
      a: { nextSession: { id: 'HDF-F0001-A1-S1', seatsLeft: 0, recruitment: 'OPEN' } },
      b: { nextSession: { id: 'PDL-F0006-A1-S1', startDate: '2027-01-11' } },
    });
  });

  it('shows and filters accessibility, entries all year round and funders (with their LHEO labels)', async () => {
    const accessible = await run(SEARCH, { f: { disabledAccess: true }, size: 100 });
    expect(accessible.errors).toBeUndefined();
    expect(accessible.data!.searchTrainings.total).toBe(
      count('SELECT count(*) FROM sessions s JOIN actions a ON a.id = s.action_id WHERE a.acces_handicapes IS NOT NULL'),
    );
    for (const h of hits(accessible)) expect(h.session.disabledAccess).toMatch(/^Locaux accessibles/);
    const permanent = await run(SEARCH, { f: { permanentEntry: true }, size: 100 });
    expect(hits(permanent).every((h) => h.session.permanentEntry === true)).toBe(true);
    const opco = await run(SEARCH, { f: { funders: ['16'] }, size: 100 });
    expect(opco.data!.searchTrainings.total).toBeGreaterThan(0);
    for (const h of hits(opco)) expect(h.session.funderCodes).toContain('16');
    const facets = opco.data!.searchTrainings.facets;
    expect(facets.funders).toContainEqual({ value: '16', count: opco.data!.searchTrainings.total, label: 'OPCO' });
    const all = await run(SEARCH, { size: 1 });
    expect(all.data!.searchTrainings.facets.regions).toContainEqual({ value: '52', count: 27, label: 'Pays de la Loire' });
    expect(all.data!.searchTrainings.facets.funders).toContainEqual({ value: '10', count: expect.any(Number), label: "Bénéficiaire de l'action" });
  });

  it.each([
    [{ f: { funders: ['99'] } }, 'filters.funders', /"99" is not an LHEO funder code/],
    [{ radius: 20 }, 'placeRadiusKm', /placeRadiusKm goes with place/],
    [{ place: 'Nantes', radius: 0 }, 'placeRadiusKm', /above 0/],
    [{ place: 'Nantes', f: { near: { latitude: 47.2, longitude: -1.5, radiusKm: 10 } } }, 'place', /not both/],
  ])('refuses %j on field %s', async (variables, field, message) => {
    const res = await run(SEARCH, variables);
    expect(res.errors?.[0]).toMatchObject({ message: expect.stringMatching(message), extensions: { code: 'BAD_USER_INPUT', field } });
  });
});
