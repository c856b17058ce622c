// Places as people type them (src/domain/places.ts on the reference lists of src/data/places.ts),
// the next open session of a training, and the LHEO funder codes: tables of cases.
import { describe, expect, it } from 'vitest';
import { placeIndex, readPlaces } from '../src/data/places.ts';
import { FUNDER_CODES, FUNDER_LABELS, funderMask } from '../src/domain/funders.ts';
import { nextOpenSession, type SessionDates } from '../src/domain/next-session.ts';
import { placeKey } from '../src/domain/places.ts';

describe('places as people type them', () => {
  it('holds the 18 régions, the 101 départements and the communes of the list, each région and département placed at its chef-lieu', () => {
    const places = readPlaces();
    expect(places.filter((p) => p.kind === 'REGION')).toHaveLength(18);
    expect(places.filter((p) => p.kind === 'DEPARTEMENT')).toHaveLength(101);
    expect(places.filter((p) => p.kind === 'COMMUNE').length).toBeGreaterThan(460);
    const loireAtlantique = places.find((p) => p.kind === 'DEPARTEMENT' && p.code === '44')!;
    const nantes = places.find((p) => p.kind === 'COMMUNE' && p.code === '44109')!;
    expect([loireAtlantique.latitude, loireAtlantique.longitude]).toEqual([nantes.latitude, nantes.longitude]);
  });

  it.each([
    ['Saint-Étienne', 'saint etienne'],
    ['st etienne', 'saint etienne'],
    ['ST-ÉTIENNE', 'saint etienne'],
    ['Île-de-France', 'ile de france'],
    ["Côte-d'Or", 'cote d or'],
    ['Ste-Foy', 'sainte foy'],
  ])('reads %j as %j', (typed, key) => expect(placeKey(typed)).toBe(key));

  it.each([
    ['Île-de-France', 'REGION', '11'],
    ['ile de france', 'REGION', '11'],
    ['Loire-Atlantique', 'DEPARTEMENT', '44'],
    ['loire atlantique', 'DEPARTEMENT', '44'],
    ['Loire', 'DEPARTEMENT', '42'],
    ['44', 'DEPARTEMENT', '44'],
    ['2a', 'DEPARTEMENT', '2A'],
    ['Saint-Étienne', 'COMMUNE', '42218'],
    ['st etienne', 'COMMUNE', '42218'],
    ['Saint Etienne', 'COMMUNE', '42218'],
    ['42000', 'COMMUNE', '42218'],
    ['42218', 'COMMUNE', '42218'],
    ['La Roche-sur-Yon', 'COMMUNE', '85191'],
    // A beginning of exactly one name.
    ['roche sur yon', 'COMMUNE', '85191'],
    ['Loire-Atl', 'DEPARTEMENT', '44'],
    // A city of arrondissements, as a whole.
    ['Lyon', 'COMMUNE', '69123'],
    ['75001', 'COMMUNE', '75101'],
    // One name for nested places means the largest: the département of Paris holds the city, the région La Réunion its département.
    ['Paris', 'DEPARTEMENT', '75'],
    ['La Réunion', 'REGION', '04'],
    ['Guyane', 'REGION', '03'],
  ] as const)('resolves %j to the %s %s', (typed, kind, code) => {
    const answer = placeIndex().resolve(typed);
    expect(answer.status).toBe('FOUND');
    expect(answer.place).toMatchObject({ kind, code });
    expect(answer.message).toMatch(new RegExp(`^« ${typed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} » : `));
  });

  it.each([
    [
      'Saint-Denis',
      'AMBIGUOUS',
      ['93066', '97411'],
      /désigne plusieurs lieux : Saint-Denis \(93200, Seine-Saint-Denis\), Saint-Denis \(97400, La Réunion\)\. Précisez le code postal/,
    ],
    // The département of Vienne (86) and the commune of Vienne in Isère.
    ['Vienne', 'AMBIGUOUS', ['86', '38544'], /désigne plusieurs lieux : Vienne \(86\), Vienne \(38200, Isère\)/],
    ['nor', 'AMBIGUOUS', ['28', '59'], /est le début de plusieurs noms de lieux : Normandie \(région\), Nord \(59\)/],
    ['Sant-Etiene', 'UNKNOWN', ['42218'], /^Lieu inconnu : « Sant-Etiene »\. Vouliez-vous dire Saint-Étienne \(42000, Loire\) \?$/],
    ['Xyzzy', 'UNKNOWN', [], /ne correspond à aucune région, aucun département ni aucune commune de la liste de référence/],
    ['44300', 'UNKNOWN', [], /aucune commune ni aucun département de la liste de référence n’a le code « 44300 »/],
    ['  ', 'UNKNOWN', [], /Aucun lieu indiqué/],
  ] as const)('answers %j %s with suggestions %j and the reason in French', (typed, status, codes, message) => {
    const answer = placeIndex().resolve(typed);
    expect(answer).toMatchObject({ status, place: null });
    expect(answer.suggestions.map((p) => p.code).slice(0, codes.length)).toEqual(codes);
    expect(answer.message).toMatch(message);
  });

  it('gives at most the number of suggestions asked, and says how many more there are', () => {
    const answer = placeIndex().resolve('saint', 3);
    expect(answer.status).toBe('AMBIGUOUS');
    expect(answer.suggestions).toHaveLength(3);
    expect(answer.message).toMatch(/\(et \d+ autres\)/);
  });
});

describe('the next open session of a training', () => {
  const s = (id: string, debut: string | null, etatRecrutement: SessionDates['etatRecrutement'] = 'OPEN'): SessionDates => ({ id, debut, etatRecrutement });
  it.each([
    ['the earliest not started yet', [s('A', '2027-03-01'), s('B', '2027-01-11'), s('C', '2026-06-01')], 'B'],
    ['one starting today', [s('A', '2026-11-25'), s('B', '2027-01-11')], 'A'],
    ['not a closed or suspended one', [s('A', '2027-01-04', 'CLOSED'), s('B', '2027-01-11', 'SUSPENDED'), s('C', '2027-02-01')], 'C'],
    ['recruitment not given counts as open', [s('A', '2027-02-01', null)], 'A'],
    ['a dated one before an undated one (entries all year round)', [s('A', null), s('B', '2027-09-01')], 'B'],
    ['an undated open one when no dated one is left', [s('A', null), s('B', '2026-01-01')], 'A'],
    ['none when all have started', [s('A', '2026-11-24'), s('B', '2026-01-01')], null],
  ])('%s', (_, sessions, id) => {
    expect(nextOpenSession(sessions, '2026-11-25')?.id ?? null).toBe(id);
  });
});

describe('LHEO funder codes (dict-financeurs)', () => {
  it('lists the 21 codes 0 … 20, each bit of a mask being one code', () => {
    expect(FUNDER_CODES).toEqual(Array.from({ length: 21 }, (_, i) => String(i)));
    expect(FUNDER_LABELS['16']).toBe('OPCO');
    expect(funderMask(['2', '16'])).toBe((1 << 2) | (1 << 16));
    expect(funderMask(['99', 'x'])).toBe(0);
  });
});
