// The pure rules, as scenarios. Sources: Code du travail L6323-8 II (passport and access),
// décret 2019-14 (levels), ROME 4.0 (competences and mobility).
import { describe, expect, it } from 'vitest';
import type { AccessScope, Viewer } from '@formations/schema/auth';
import { isLive, mayRead, scopesOf } from '../src/domain/access.ts';
import { consentProblems, normaliseScopes } from '../src/domain/consent.ts';
import { certificationKindOf, certificationProblems, experienceProblems, targetJobsProblems } from '../src/domain/declared-items.ts';
import { editableByHolder } from '../src/domain/provenance.ts';
import { qualificationLevel } from '../src/domain/qualification.ts';
import { foldForSearch, rankJobMatches, searchWords } from '../src/domain/search-text.ts';
import { rankMobility, skillsGap } from '../src/domain/skills-gap.ts';
import type { Consent } from '../src/domain/types.ts';

const now = new Date('2026-11-25T12:00:00Z');
const consent = (over: Partial<Consent>): Consent => ({
  id: 'c',
  personId: 'camille-martin',
  viewerSub: 'sophie-adviser',
  scopes: ['passport'],
  grantedAt: '2026-01-01T00:00:00Z',
  expiresAt: '2027-06-30T23:59:59Z',
  revokedAt: null,
  ...over,
});
const sophie: Viewer = { sub: 'sophie-adviser', role: 'adviser' };
const ALL: AccessScope[] = ['passport', 'rights', 'funding', 'recommendations'];

describe('scopesOf — L6323-8 II: the holder sees all, others what the holder consented to', () => {
  it.each<[string, Viewer | null, Consent[], AccessScope[]]>([
    ['the holder, without any consent', { sub: 'camille-martin', role: 'holder' }, [], ALL],
    ['an anonymous caller', null, [consent({})], []],
    ['an adviser with a live consent for two scopes', sophie, [consent({ scopes: ['rights', 'passport'] })], ['passport', 'rights']],
    ['an adviser with two live consents: their union', sophie, [consent({ scopes: ['funding'] }), consent({ scopes: ['passport'] })], ['passport', 'funding']],
    ['an adviser whose consent expired', sophie, [consent({ expiresAt: '2026-11-25T11:59:59Z' })], []],
    ['an adviser whose consent was revoked', sophie, [consent({ revokedAt: '2026-10-01T00:00:00Z' })], []],
    ['an adviser with a consent given to someone else', sophie, [consent({ viewerSub: 'paul-adviser' })], []],
    ['an adviser with a consent from another person', sophie, [consent({ personId: 'karim-benali' })], []],
    ['a holder-role caller reading someone else', { sub: 'karim-benali', role: 'holder' }, [], []],
    ['the right sub without the holder role', { sub: 'camille-martin', role: 'adviser' }, [], []],
  ])('%s', (_scenario, viewer, consents, expected) => {
    expect(scopesOf(viewer, 'camille-martin', consents, now)).toEqual(expected);
  });

  it('treats the expiry instant as already expired', () => {
    expect(isLive(consent({ expiresAt: now.toISOString() }), now)).toBe(false);
    expect(isLive(consent({ expiresAt: '2026-11-25T12:00:01Z' }), now)).toBe(true);
  });
});

describe('mayRead — the flat fields each consumer of the grant needs', () => {
  it.each<[AccessScope[], Parameters<typeof mayRead>[1], boolean]>([
    [['passport'], 'passport', true],
    [['passport'], 'employerSiret', true],
    [['rights'], 'status', true],
    [['rights'], 'hasDrivingLicence', true],
    [['rights'], 'employerSiret', false],
    [['rights'], 'passport', false],
    [['funding'], 'qualificationLevel', true],
    [['funding'], 'homeDepartement', true],
    [['funding'], 'homeLatitude', false],
    [['recommendations'], 'targetRomeCodes', true],
    [['recommendations'], 'competenceCodes', true],
    [['recommendations'], 'status', false],
    [[], 'status', false],
  ])('%j may read %s: %s', (scopes, field, expected) => {
    expect(mayRead(scopes, field)).toBe(expected);
  });
});

describe('consentProblems — a consent names someone else, scopes and a future expiry', () => {
  const valid = { holderId: 'karim-benali', viewerSub: 'sophie-adviser', scopes: ['passport'], expiresAt: '2027-01-01T00:00:00Z' };
  it.each<[string, Partial<typeof valid>, string[]]>([
    ['a valid request', {}, []],
    ['no viewer', { viewerSub: ' ' }, ['say whom you give access to']],
    ['the holder himself', { viewerSub: 'karim-benali' }, ['you always have access to your own passport']],
    ['no scope', { scopes: [] }, ['choose at least one scope']],
    ['an unknown scope', { scopes: ['nir'] }, ['unknown scope nir']],
    ['an expiry now', { expiresAt: now.toISOString() }, ['the expiry must be in the future']],
    ['an unreadable expiry', { expiresAt: 'soon' }, ['the expiry is not a valid date and time']],
  ])('%s', (_scenario, change, expected) => {
    expect(consentProblems({ ...valid, ...change }, now)).toEqual(expected);
  });

  it('keeps scopes once, in canonical order', () => {
    expect(normaliseScopes(['recommendations', 'passport', 'recommendations'])).toEqual(['passport', 'recommendations']);
  });
});

describe('qualificationLevel — décret 2019-14 levels', () => {
  it.each<[string, number, (number | null)[], number]>([
    ['Camille: CAP (level 3)', 3, [3], 3],
    ['Karim: BTS (level 5) and an RS without level', 4, [5, null], 5],
    ['Lucie: no certification, schooling to level 2', 2, [], 2],
    ['nothing known', 0, [], 0],
    ['only RS certifications', 0, [null, null], 0],
  ])('%s', (_scenario, education, levels, expected) => {
    expect(qualificationLevel(education, levels)).toBe(expected);
  });
});

describe('foldForSearch — job labels match without accents, case or punctuation', () => {
  it.each([
    ['Aide-soignant / Aide-soignante', 'aide soignant aide soignante'],
    ['Électricien', 'electricien'],
    ["Chef d'équipe  œnologie", 'chef d equipe oenologie'],
    ['  ', ''],
  ])('%s → %s', (label, folded) => {
    expect(foldForSearch(label)).toBe(folded);
  });

  it('ranks title matches, then titles starting with the first word, then shorter titles', () => {
    const job = (code: string, label: string, byTitle = true) => ({ code, searchText: foldForSearch(label), byTitle });
    const ranked = rankJobMatches(
      ['preparateur', 'commandes'],
      [
        job('N4120', 'Chauffeur-livreur préparateur / Chauffeuse-livreuse préparatrice de commandes'),
        job('X0001', 'Préparateur de commandes', false),
        job('N1103', 'Préparateur / Préparatrice de commandes'),
        job('N1199', 'Préparateur / Préparatrice de commandes en entrepôt frigorifique'),
      ],
    );
    expect(ranked.map((j) => j.code)).toEqual(['N1103', 'N1199', 'N4120', 'X0001']);
  });

  it('splits a query into words', () => {
    expect(searchWords('  Aide-Soignant ')).toEqual(['aide', 'soignant']);
    expect(searchWords('--')).toEqual([]);
  });
});

describe('skillsGap and rankMobility — ROME 4.0 links', () => {
  const required = [{ code: '300490' }, { code: '122623' }, { code: '300259' }, { code: '484039' }];

  it('splits the job’s competences into held and missing', () => {
    const gap = skillsGap(new Set(['300490', '300259', '999']), required);
    expect(gap.held.map((c) => c.code)).toEqual(['300490', '300259']);
    expect(gap.missing.map((c) => c.code)).toEqual(['122623', '484039']);
    expect(gap.coverage).toBe(0.5);
  });

  it('counts a job listing no competence as covered', () => {
    expect(skillsGap(new Set(), []).coverage).toBe(1);
  });

  it('ranks the smallest gap first, then France Travail’s order', () => {
    const ranked = rankMobility([
      { romeCode: 'N1105', rank: 2, missingCount: 8 },
      { romeCode: 'N1101', rank: 1, missingCount: 20 },
      { romeCode: 'D1507', rank: 6, missingCount: 8 },
      { romeCode: 'N1110', rank: 3, missingCount: 3 },
    ]);
    expect(ranked.map((m) => m.romeCode)).toEqual(['N1110', 'N1105', 'D1507', 'N1101']);
  });
});

describe('editableByHolder — guaranteed items belong to their issuer', () => {
  it.each([
    ['DECLARED', true],
    ['GUARANTEED', false],
  ] as const)('%s: %s', (provenance, expected) => {
    expect(editableByHolder(provenance)).toBe(expected);
  });
});

describe('declared items — what a holder may type in', () => {
  const today = '2026-11-25';

  it.each([
    ['RNCP35340', 'RNCP'],
    ['RS6962', 'RS'],
    ['rncp35340', null],
    ['CACES R489', null],
    ['RNCP', null],
  ])('%s is of kind %s', (code, kind) => {
    expect(certificationKindOf(code)).toBe(kind);
  });

  it.each<[string, Parameters<typeof certificationProblems>[0], string[]]>([
    ['a BTS at level 5', { code: 'RNCP35340', title: 'BTS SIO', level: 5, obtainedOn: '2017-07-05' }, []],
    ['an RS without level', { code: 'RS6962', title: 'Python', level: null, obtainedOn: null }, []],
    ['an RS with a level', { code: 'RS6962', title: 'Python', level: 4, obtainedOn: null }, ['RS certifications have no qualification level']],
    ['a level 9', { code: 'RNCP1', title: 'x', level: 9, obtainedOn: null }, ['the level must be between 1 and 8']],
    [
      'no title, obtained tomorrow',
      { code: 'RNCP1', title: ' ', level: null, obtainedOn: '2026-11-26' },
      ['give the title of the certification', 'the date obtained cannot be in the future'],
    ],
  ])('certification: %s', (_scenario, certification, expected) => {
    expect(certificationProblems(certification, today)).toEqual(expected);
  });

  it.each<[string, Parameters<typeof experienceProblems>[0], string[]]>([
    ['a job going on', { jobTitle: 'ASH', startDate: '2019-02-01', endDate: null }, []],
    ['a one-day job', { jobTitle: 'Inventaire', startDate: '2025-01-02', endDate: '2025-01-02' }, []],
    ['an end before the start', { jobTitle: 'x', startDate: '2025-01-02', endDate: '2025-01-01' }, ['the end date cannot be before the start date']],
    ['a start tomorrow', { jobTitle: 'x', startDate: '2026-11-26', endDate: null }, ['the start date cannot be in the future']],
  ])('experience: %s', (_scenario, experience, expected) => {
    expect(experienceProblems(experience, today)).toEqual(expected);
  });

  it.each<[string[], string[]]>([
    [['N1103', 'N1101'], []],
    [[], []],
    [['N1103', 'N1103'], ['each job once']],
    [['A', 'B', 'C', 'D', 'E', 'F'], ['aim at 5 jobs at most']],
  ])('target jobs %j', (codes, expected) => {
    expect(targetJobsProblems(codes)).toEqual(expected);
  });
});
