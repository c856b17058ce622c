// What people searching the catalogue ask for (issue 16 item 5, issue 14's funder filter), through
// the real gateway and catalog subgraph over HTTP, on the demo catalogue (today 2026-11-25):
// places typed by name, distance learning, accessibility, entries all year round, funders, the next
// open session and the places left.
import { describe, expect, inject, it } from 'vitest';
import { graphql } from '../src/client.ts';

const gateway = () => inject('gatewayUrl');

const SEARCH = /* GraphQL */ `
  query Asks($place: String, $placeRadiusKm: Float, $filters: TrainingSearchFilters, $sort: TrainingSortInput) {
    searchTrainings(place: $place, placeRadiusKm: $placeRadiusKm, filters: $filters, sort: $sort, pageSize: 100) {
      total
      place { kind code label }
      hits {
        distanceLearning
        nextSession { id seatsLeft }
        session { id departement seatsLeft disabledAccess permanentEntry funderCodes training { nextSession { id } } }
      }
      facets { funders { value count label } }
    }
  }
`;
type Hit = {
  distanceLearning: boolean;
  nextSession: { id: string; seatsLeft: number | null } | null;
  session: {
    id: string;
    departement: string | null;
    seatsLeft: number | null;
    disabledAccess: string | null;
    permanentEntry: boolean | null;
    funderCodes: string[];
    training: { nextSession: { id: string } | null };
  };
};
type Result = {
  total: number;
  place: { kind: string; code: string; label: string } | null;
  hits: Hit[];
  facets: { funders: { value: string; count: number; label: string }[] };
};

async function search(variables: Record<string, unknown>): Promise<Result> {
  const res = await graphql<{ searchTrainings: Result }>(gateway(), SEARCH, variables);
  expect(res.errors).toBeUndefined();
  return res.data!.searchTrainings;
}

const DISTANCE_LEARNING = ['HDF-F0004-A2-S1', 'HDF-F0004-A2-S2', 'NAT-F0001-A3-S1', 'NAT-F0001-A3-S2', 'PDL-F0006-A2-S1', 'PDL-F0006-A2-S2'];

describe('catalogue search through the gateway: what searchers ask for', () => {
  it('takes a département by name and keeps distance learning, flagged, unless excluded', async () => {
    const kept = await search({ place: 'Vendée' });
    expect(kept.place).toEqual({ kind: 'DEPARTEMENT', code: '85', label: 'Vendée (85)' });
    expect(kept.total).toBe(12 + 6);
    expect(
      kept.hits
        .filter((h) => h.distanceLearning)
        .map((h) => h.session.id)
        .sort(),
    ).toEqual(DISTANCE_LEARNING);
    for (const h of kept.hits) if (!h.distanceLearning) expect(h.session.departement).toBe('85');
    const excluded = await search({ place: 'Vendée', filters: { distanceLearning: 'EXCLUDE' } });
    expect(excluded.total).toBe(12);
    const only = await search({ place: 'vendee', filters: { distanceLearning: 'ONLY' } });
    expect(only.hits.map((h) => h.session.id).sort()).toEqual(DISTANCE_LEARNING);
  });

  it('takes a commune as typed ("st etienne") and finds distance learning whatever its distance', async () => {
    const r = await search({ place: 'st etienne', sort: { by: 'DISTANCE' } });
    expect(r.place).toEqual({ kind: 'COMMUNE', code: '42218', label: 'Saint-Étienne (42000, Loire)' });
    expect(r.hits.map((h) => h.session.id).sort()).toEqual(DISTANCE_LEARNING);
  });

  it('says in French why a place is ambiguous or unknown, with suggestions', async () => {
    const ambiguous = await graphql(gateway(), SEARCH, { place: 'Saint-Denis' });
    expect(ambiguous.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/^« Saint-Denis » désigne plusieurs lieux : Saint-Denis \(93200, Seine-Saint-Denis\), Saint-Denis \(97400, La Réunion\)/),
      extensions: { code: 'BAD_USER_INPUT', field: 'place', status: 'AMBIGUOUS' },
    });
    const places = await graphql(gateway(), `{ places(query: "Sant-Etiene") { status message suggestions { code label } } }`);
    expect(places.errors).toBeUndefined();
    expect(places.data!.places).toEqual({
      status: 'UNKNOWN',
      message: 'Lieu inconnu : « Sant-Etiene ». Vouliez-vous dire Saint-Étienne (42000, Loire) ?',
      suggestions: [{ code: '42218', label: 'Saint-Étienne (42000, Loire)' }],
    });
  });

  it('filters on accessibility, entries all year round and funders, with a funder facet', async () => {
    const accessible = await search({ filters: { disabledAccess: true } });
    expect(accessible.total).toBeGreaterThan(0);
    for (const h of accessible.hits) expect(h.session.disabledAccess).toMatch(/^Locaux accessibles/);
    const notAccessible = await search({ filters: { disabledAccess: false } });
    expect(accessible.total + notAccessible.total).toBe(71);
    for (const h of notAccessible.hits) expect(h.session.disabledAccess).toBeNull();

    const permanent = await search({ filters: { permanentEntry: true } });
    expect(permanent.total).toBeGreaterThan(0);
    for (const h of permanent.hits) expect(h.session.permanentEntry).toBe(true);

    const all = await search({});
    const opco = all.facets.funders.find((f) => f.value === '16')!;
    expect(opco.label).toBe('OPCO');
    const bought = await search({ filters: { funders: ['16'] } });
    expect(bought.total).toBe(opco.count);
    for (const h of bought.hits) expect(h.session.funderCodes).toContain('16');
    const refused = await graphql(gateway(), SEARCH, { filters: { funders: ['42'] } });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filters.funders' });
  });

  it('gives each hit the next open session of its training and the places left', async () => {
    const r = await search({ place: 'La Roche-sur-Yon', placeRadiusKm: 1, filters: { distanceLearning: 'EXCLUDE' } });
    const preparateur = r.hits.filter((h) => h.session.id.startsWith('PDL-F0001-A1-'));
    expect(preparateur.map((h) => h.session.id).sort()).toEqual(['PDL-F0001-A1-S1', 'PDL-F0001-A1-S2', 'PDL-F0001-A1-S3']);
    for (const h of preparateur) {
      expect(h.nextSession).toEqual({ id: 'PDL-F0001-A1-S1', seatsLeft: 8 });
      expect(h.session.training.nextSession).toEqual({ id: 'PDL-F0001-A1-S1' });
    }
    expect(preparateur.find((h) => h.session.id === 'PDL-F0001-A1-S2')!.session.seatsLeft).toBe(12);
  });
});
