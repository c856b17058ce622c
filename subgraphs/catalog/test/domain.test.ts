import { describe, expect, it } from 'vitest';
import { cpfKind } from '../src/domain/cpf-kind.ts';
import { haversineKm } from '../src/domain/geo.ts';
import Database from 'better-sqlite3';
import { levelOf, levelSql } from '../src/domain/levels.ts';
import { evaluate, gapClosing, gapShare, isOpen, recommend, relatedJobs, type Candidate, type JobCompetences } from '../src/domain/recommend.ts';
import { jobCompetences } from '../src/domain/rome-competences.ts';
import { allowedTypos, editDistance, matchExpression, queryWords, typoVariants } from '../src/domain/search-text.ts';
import { validateFilters, type SearchInput } from '../src/domain/search-input.ts';

describe('cpfKind', () => {
  it.each([
    [{ certificationCode: 'RS5080', cpfCode: null, principalFormacode: '15041' }, 'CLEA'],
    [{ certificationCode: null, cpfCode: null, principalFormacode: '15081' }, 'BILAN_COMPETENCES'],
    [{ certificationCode: null, cpfCode: null, principalFormacode: '31812' }, 'DRIVING_LICENCE_B'],
    [{ certificationCode: null, cpfCode: null, principalFormacode: '94018' }, 'VAE'],
    [{ certificationCode: null, cpfCode: null, principalFormacode: '32047' }, 'BUSINESS_CREATION'],
    [{ certificationCode: 'RNCP37674', cpfCode: null, principalFormacode: '31054' }, 'RNCP'],
    [{ certificationCode: 'RNCP37674BC02', cpfCode: null, principalFormacode: null }, 'RNCP_BLOCK'],
    [{ certificationCode: 'RS6117', cpfCode: null, principalFormacode: '21538' }, 'RS'],
    [{ certificationCode: null, cpfCode: null, principalFormacode: '31845' }, 'OTHER'],
  ] as const)('%j → %s', (facts, kind) => {
    expect(cpfKind(facts)).toBe(kind);
  });
});

describe('haversineKm', () => {
  it.each([
    [{ latitude: 46.6705, longitude: -1.426 }, { latitude: 47.2184, longitude: -1.5536 }, 61.6],
    [{ latitude: 45.7597, longitude: 4.8422 }, { latitude: 48.8566, longitude: 2.3522 }, 392.2],
    [{ latitude: 50.6942, longitude: 3.1746 }, { latitude: 50.6942, longitude: 3.1746 }, 0],
  ])('%j → %j ≈ %d km', (a, b, km) => {
    expect(haversineKm(a, b)).toBeCloseTo(km, 0);
  });
});

const base: Candidate = {
  sessionId: 's',
  startDate: '2026-12-01',
  recruitment: 'OPEN',
  modality: 'PRESENTIEL',
  place: { latitude: 46.6705, longitude: -1.426 },
  trainingRomeCodes: ['N1103'],
  certificationRomeCodes: [],
};
const home = { latitude: 46.6705, longitude: -1.426 };
const label = (code: string) => ({ N1103: 'Préparateur / Préparatrice de commandes', N1101: 'Conducteur / Conductrice de chariot élévateur' })[code] ?? null;

describe('isOpen', () => {
  it.each([
    [{}, true],
    [{ startDate: '2026-11-25' }, true],
    [{ startDate: '2026-11-24' }, false],
    [{ startDate: null }, true],
    [{ recruitment: 'CLOSED' }, false],
    [{ recruitment: 'SUSPENDED' }, false],
    [{ recruitment: null }, true],
  ] as const)('%j → %s', (change, open) => {
    expect(isOpen({ ...base, ...change }, '2026-11-25')).toBe(open);
  });
});

describe('evaluate', () => {
  it.each([
    [{}, ['prépare au métier N1103 Préparateur / Préparatrice de commandes', 'à 0 km', 'commence le 2026-12-01', 'recrutement ouvert'], 0],
    [
      { modality: 'DISTANCE', place: null },
      ['prépare au métier N1103 Préparateur / Préparatrice de commandes', 'à distance', 'commence le 2026-12-01', 'recrutement ouvert'],
      null,
    ],
    [
      { trainingRomeCodes: [], certificationRomeCodes: ['N1103'], place: { latitude: 47.2184, longitude: -1.5536 }, startDate: null, recruitment: null },
      ['prépare une certification qui mène au métier N1103 Préparateur / Préparatrice de commandes', 'à 62 km', 'date de début non communiquée'],
      61.7,
    ],
  ] as const)('%j → %j', (change, reasons, distance) => {
    const e = evaluate({ ...base, ...change } as Candidate, { targetRomeCodes: ['N1103'], home }, '2026-11-25', label);
    expect(e.reasons).toEqual(reasons);
    expect(e.distanceKm).toBe(distance);
  });

  it('claims no job without person facts', () => {
    expect(evaluate(base, null, '2026-11-25', label).reasons).toEqual(['commence le 2026-12-01', 'recrutement ouvert']);
  });
});

describe('recommend', () => {
  const nantes = { latitude: 47.2184, longitude: -1.5536 };
  const candidates: Candidate[] = [
    { ...base, sessionId: 'near-soon' },
    { ...base, sessionId: 'far', place: nantes },
    { ...base, sessionId: 'distance', modality: 'DISTANCE', place: null },
    { ...base, sessionId: 'undated', startDate: null },
    { ...base, sessionId: 'via-certification', trainingRomeCodes: [], certificationRomeCodes: ['N1101'] },
    { ...base, sessionId: 'started', startDate: '2026-11-01' },
    { ...base, sessionId: 'closed', recruitment: 'CLOSED' },
    { ...base, sessionId: 'other-job', trainingRomeCodes: ['M1805'] },
    { ...base, sessionId: 'later', startDate: '2027-06-01' },
  ];

  it('keeps open sessions for the target jobs, ranked by match, nearness and start', () => {
    const ranked = recommend([candidates], { targetRomeCodes: ['N1103', 'N1101'], home }, '2026-11-25', 10, label).map((r) => r.sessionId);
    expect(ranked).toEqual(['distance', 'near-soon', 'later', 'undated', 'far', 'via-certification']);
  });

  it('returns at most `first`, scores decreasing', () => {
    const ranked = recommend([candidates], { targetRomeCodes: ['N1103'], home }, '2026-11-25', 3, label);
    expect(ranked).toHaveLength(3);
    expect(ranked[0]!.score).toBeGreaterThanOrEqual(ranked[1]!.score);
    expect(ranked[1]!.score).toBeGreaterThanOrEqual(ranked[2]!.score);
  });

  it('treats every place as unknown distance when the home is unknown', () => {
    const ranked = recommend([candidates], { targetRomeCodes: ['N1103'], home: null }, '2026-11-25', 10, label);
    expect(ranked.every((r) => r.distanceKm === null)).toBe(true);
  });

  it('ranks thousands of candidates exactly as evaluating, filtering and sorting every one would', () => {
    // Seeded generator: trainings share their code lists (as the catalogue query gives them),
    // many ties (same place, same date) so the order by session id is exercised too.
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
    const jobs = ['N1103', 'N1101', 'N1105', 'M1805', 'K2111', 'D1106'];
    const trainings = Array.from({ length: 40 }, () => ({
      trainingRomeCodes: jobs.filter(() => random() < 0.3),
      certificationRomeCodes: jobs.filter(() => random() < 0.2),
      entryLevel: pick([null, 3, 4, 5]),
    }));
    const places = [home, nantes, { latitude: 48.8566, longitude: 2.3522 }, null];
    const dates = [null, '2026-11-20', '2026-11-25', '2026-12-01', '2027-01-15', '2027-03-01'];
    const many: Candidate[] = Array.from({ length: 3000 }, (_, i) => ({
      ...pick(trainings),
      sessionId: `S${String(Math.floor(random() * 100000)).padStart(5, '0')}-${i}`,
      startDate: pick(dates),
      recruitment: pick(['OPEN', 'OPEN', null, 'CLOSED'] as const),
      modality: pick(['PRESENTIEL', 'PRESENTIEL', 'MIXTE', 'DISTANCE', null] as const),
      place: pick(places),
    }));
    const competences: JobCompetences = (code) =>
      ({ N1103: ['a', 'b', 'c', 'd'], N1101: ['a', 'b', 'e'], N1105: ['c', 'd', 'e', 'f'], M1805: ['x'], K2111: ['a', 'y'], D1106: ['d', 'e'] })[code] ?? [];
    const person = { targetRomeCodes: ['N1103', 'N1101'], home, competenceCodes: ['a'], qualificationLevel: 4 };
    const reference = many
      .filter((c) => isOpen(c, '2026-11-25'))
      .map((c) => ({ c, e: evaluate(c, person, '2026-11-25', label, competences) }))
      .filter(
        ({ c, e }) =>
          [...c.trainingRomeCodes, ...c.certificationRomeCodes].some((code) => person.targetRomeCodes.includes(code)) ||
          e.gap.some((g) => g.covered >= 0.5 * g.missing),
      )
      .map(({ e }) => e)
      .sort((a, b) => b.score - a.score || (a.sessionId < b.sessionId ? -1 : 1));
    for (const first of [1, 5, 30, 50, 5000]) {
      // Grouped as the catalogue gives them (by training), and in one group.
      const byTraining = new Map<readonly string[], Candidate[]>();
      for (const c of many) byTraining.set(c.trainingRomeCodes, [...(byTraining.get(c.trainingRomeCodes) ?? []), c]);
      expect(recommend([...byTraining.values()], person, '2026-11-25', first, label, competences)).toEqual(reference.slice(0, first));
      expect(recommend([many], person, '2026-11-25', first, label, competences)).toEqual(reference.slice(0, first));
    }
    expect(reference.length).toBeGreaterThan(1000);
  });
});

describe('gap closing', () => {
  // A small referential to count by hand: job → competences (code_ogr).
  const jobs: Record<string, string[]> = {
    TARGET: ['a', 'b', 'c', 'd', 'e', 'f'],
    OTHER: ['a', 'b', 'c', 'x'],
    NEIGHBOUR: ['d', 'y'],
    FAR: ['z'],
  };
  const competences: JobCompetences = (code) => jobs[code] ?? [];
  const person = { targetRomeCodes: ['TARGET'], home, competenceCodes: ['a', 'f'] };
  const session = (romeCodes: string[]): Candidate => ({ ...base, trainingRomeCodes: romeCodes, certificationRomeCodes: [] });

  it.each([
    // Missing for TARGET: b c d e (a and f are held).
    ['a session for the target job itself closes the whole gap', ['TARGET'], [{ romeCode: 'TARGET', missing: 4, covered: 4 }], 1],
    ['OTHER lists b and c of the 4 missing', ['OTHER'], [{ romeCode: 'TARGET', missing: 4, covered: 2 }], 0.5],
    ['OTHER and NEIGHBOUR together bring b, c and d', ['OTHER', 'NEIGHBOUR'], [{ romeCode: 'TARGET', missing: 4, covered: 3 }], 0.75],
    ['FAR brings nothing missing', ['FAR'], [{ romeCode: 'TARGET', missing: 4, covered: 0 }], 0],
  ] as const)('%s', (_, romeCodes, gap, share) => {
    expect(gapClosing(session([...romeCodes]), person, competences)).toEqual(gap);
    expect(gapShare(gapClosing(session([...romeCodes]), person, competences))).toBe(share);
  });

  it('estimates no gap without the person’s competences, nor for a job whose competences are all held', () => {
    expect(gapClosing(session(['TARGET']), { targetRomeCodes: ['TARGET'], home }, competences)).toEqual([]);
    expect(gapClosing(session(['TARGET']), { ...person, competenceCodes: jobs.TARGET! }, competences)).toEqual([]);
  });

  it('says it in the reasons, after the jobs', () => {
    const e = evaluate(session(['OTHER']), { ...person, targetRomeCodes: ['TARGET', 'FAR'] }, '2026-11-25', () => null, competences);
    expect(e.reasons.slice(0, 2)).toEqual(['couvre 2 des 4 compétences qui vous manquent pour TARGET', 'à 0 km']);
  });

  it('finds the other jobs that cover at least half of a target’s gap', () => {
    expect(relatedJobs(person, Object.keys(jobs), competences)).toEqual(['OTHER']);
    expect(relatedJobs(person, Object.keys(jobs), competences, 0.25)).toEqual(['OTHER', 'NEIGHBOUR']);
  });

  it('recommends a session for another job when it closes at least half the gap, after the direct matches', () => {
    const candidates = [
      { ...session(['OTHER']), sessionId: 'other' },
      { ...session(['NEIGHBOUR']), sessionId: 'neighbour' },
      { ...session(['TARGET']), sessionId: 'target', startDate: '2027-06-01' },
    ];
    expect(recommend([candidates], person, '2026-11-25', 10, () => null, competences).map((e) => e.sessionId)).toEqual(['target', 'other']);
  });

  it('reads ROME 4.0 v460 like passport: N1103 lists 36 competences, N1101 33, 9 of them shared', () => {
    // Counted in unix_liens_rome_referentiels_v460_utf8.csv, rubriques 1 and 2.
    expect(jobCompetences('N1103')).toHaveLength(36);
    expect(jobCompetences('N1101')).toHaveLength(33);
    expect(jobCompetences('N1101').filter((c) => jobCompetences('N1103').includes(c))).toHaveLength(9);
    expect(jobCompetences('Z9999')).toEqual([]);
  });
});

describe('levels: LHEO dict-niveaux on the 2019 scale (domain/levels.ts)', () => {
  it.each([
    ['13', 3], // LHEO 2.3 (PEL-37): niveau 3 (CAP)
    ['16', 6],
    ['18', 8],
    ['11', 1],
    ['4', 3], // former nomenclature V (CAP), décret 2019-14 correspondence
    ['5', 4], // IV (bac)
    ['6', 5], // III (bac+2)
    ['8', 7], // I
    ['2', 1], // VI
    [' 14 ', 4], // spaces around the code
    ['0', null], // information non communiquée
    ['1', null], // sans niveau spécifique
    [null, null],
    ['99', null],
  ] as const)('code %s → level %s, in TypeScript and in SQL alike', (code, level) => {
    expect(levelOf(code)).toBe(level);
    const sqlite = new Database(':memory:');
    expect(sqlite.prepare(`SELECT ${levelSql('@code')} AS level`).get({ code })).toEqual({ level });
    sqlite.close();
  });
});

describe('entry level', () => {
  it('halves the score of a training asking more than the person’s level, and says so (Lucie, level 2, and HDF-F0002, entry 3)', () => {
    const lucie = { targetRomeCodes: ['N1103'], home, qualificationLevel: 2 };
    const open = evaluate({ ...base, entryLevel: null }, lucie, '2026-11-25', label);
    const asksMore = evaluate({ ...base, entryLevel: 3 }, lucie, '2026-11-25', label);
    expect(asksMore.score).toBeCloseTo(open.score / 2, 3);
    expect(asksMore.reasons).toContain("niveau d'entrée demandé 3 (le vôtre : 2)");
    expect(evaluate({ ...base, entryLevel: 2 }, lucie, '2026-11-25', label).score).toBe(open.score);
    expect(evaluate({ ...base, entryLevel: 5 }, { ...lucie, qualificationLevel: null }, '2026-11-25', label).score).toBe(open.score);
  });
});

describe('search words', () => {
  it.each([
    ["Développeur d'application", ['developpeur', 'application']],
    ['Œnologie', ['oenologie']],
    ['full-stack', ['full', 'stack']],
    ['  la  le de  ', []],
  ])('%s → %j', (query, words) => {
    expect(queryWords(query)).toEqual(words);
  });

  it.each([
    ['chat', 0],
    ['cuisine', 1],
    ['developpeurs', 2],
  ])('%s tolerates %d typos', (word, n) => {
    expect(allowedTypos(word)).toBe(n);
  });

  it.each([
    ['developeur', 'developpeur', 1],
    ['developpeurs', 'developpeur', 1],
    ['kitten', 'sitting', 3],
  ])('editDistance(%s, %s) = %d', (a, b, d) => {
    expect(editDistance(a, b, 3)).toBe(d);
  });

  it('finds typo variants in the vocabulary and builds the MATCH expression', () => {
    const variants = new Map([['developeur', typoVariants('developeur', ['developpeur', 'developpement', 'web'])]]);
    expect(variants.get('developeur')).toEqual(['developpeur']);
    expect(matchExpression(['developeur', 'web'], variants)).toBe('("developeur" OR "developpeur") AND "web"*');
  });
});

describe('validateFilters', () => {
  const ok: SearchInput = { query: 'x', filters: {}, page: 1, pageSize: 20, sort: null };
  it.each([
    [{}, null],
    [{ page: 0 }, 'page'],
    [{ pageSize: 101 }, 'pageSize'],
    [{ query: 'x'.repeat(201) }, 'query'],
    [{ filters: { regions: ['5'] } }, 'filters.regions'],
    [{ filters: { departements: ['2A', '971'] } }, null],
    [{ filters: { romeCodes: ['N110'] } }, 'filters.romeCodes'],
    [{ filters: { formacodes: ['3184'] } }, 'filters.formacodes'],
    [{ filters: { certificationCode: 'RNCP37674' } }, null],
    [{ filters: { certificationCode: '37674' } }, 'filters.certificationCode'],
    [{ filters: { minPrice: -1 } }, 'filters.minPrice'],
    [{ filters: { minPrice: 500, maxPrice: 100 } }, 'filters.minPrice'],
    [{ filters: { startsAfter: '2027-01-01', startsBefore: '2026-01-01' } }, 'filters.startsAfter'],
    [{ filters: { near: { latitude: 95, longitude: 0, radiusKm: 10 } } }, 'filters.near'],
    [{ filters: { near: { latitude: 45, longitude: 0, radiusKm: 0 } } }, 'filters.near.radiusKm'],
    [{ sort: { by: 'DISTANCE' } }, 'sort.from'],
    [{ sort: { by: 'DISTANCE', from: { latitude: 45, longitude: 4 } } }, null],
  ] as const)('%j → %s', (change, field) => {
    expect(validateFilters({ ...ok, ...change } as SearchInput)?.field ?? null).toBe(field);
  });
});
