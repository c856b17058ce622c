// Which sessions to suggest to a person, and why. Pure: the caller gives the candidates,
// the person's facts and today's date.
import { haversineKm, type Point } from './geo.ts';

export interface Candidate {
  sessionId: string;
  startDate: string | null;
  recruitment: 'OPEN' | 'CLOSED' | 'SUSPENDED' | null;
  modality: 'PRESENTIEL' | 'DISTANCE' | 'MIXTE' | null;
  place: Point | null;
  /** ROME codes of the training itself (domaine-formation). */
  trainingRomeCodes: string[];
  /** ROME codes of the certification it prepares (France Compétences). */
  certificationRomeCodes: string[];
  /** Entry level the training asks (2019 nomenclature 3 … 8), from LHEO code-niveau-entree; null when not given. */
  entryLevel?: number | null;
}

export interface PersonFacts {
  targetRomeCodes: string[];
  home: Point | null;
  /** ROME 4.0 code_ogr of the competences held (passport); without them no gap is estimated. */
  competenceCodes?: string[];
  /** Qualification level of the person (passport, 0 none, 3 CAP … 8); null or absent when unknown. */
  qualificationLevel?: number | null;
}

/** The competences ROME 4.0 lists for a job (code_ogr), empty for an unknown code. */
export type JobCompetences = (romeCode: string) => readonly string[];

/** How much of the person's gap for one target job a session closes. */
export interface GapClosing {
  romeCode: string;
  /** Competences the job lists that the person lacks (passport's skillsGap.missing). */
  missing: number;
  /** Of those, the ones listed by a job the session prepares for. */
  covered: number;
}

export interface Evaluation {
  sessionId: string;
  score: number;
  reasons: string[];
  distanceKm: number | null;
  /** Per target job with something missing: how much of the gap the session closes. */
  gap: GapClosing[];
}

/** Weights of the four criteria, each scored in [0, 1]. */
export const WEIGHTS = { match: 0.4, gap: 0.2, proximity: 0.25, timing: 0.15 };
/** A session for another job enters the list when it covers at least this share of the gap of a target job. */
export const RELATED_JOB_MIN_SHARE = 0.5;
/** A training asking a higher entry level than the person's keeps this share of its score (LHEO does not say here whether the level is mandatory). */
export const ENTRY_LEVEL_PENALTY = 0.5;

/**
 * LHEO code-niveau-entree as a 2019 level: 2.3 codes 13 … 18 (niveau 3 … 8), 2.2 codes 4 … 8
 * of the old scale (V = CAP → 3, IV = bac → 4, III → 5, II → 6, I → 7); null for 0 or unknown codes.
 */
export function entryLevelOf(code: string | null): number | null {
  const n = code === null ? NaN : Number(code);
  if (n >= 13 && n <= 18) return n - 10;
  if (n >= 4 && n <= 8) return n - 1;
  return null;
}
/** A training met only through its certification's jobs is a weaker match. */
const CERTIFICATION_MATCH = 0.3;
const UNKNOWN_PLACE = 0.3;
const UNKNOWN_DATE = 0.2;
/** Distance at which proximity is worth half (km), and days at which timing is worth half. */
const HALF_DISTANCE_KM = 25;
const HALF_WAIT_DAYS = 60;

const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Open to the person today: not started yet (unknown date allowed) and recruitment not closed. */
export function isOpen(candidate: Candidate, today: string): boolean {
  const notStarted = candidate.startDate === null || candidate.startDate >= today;
  return notStarted && candidate.recruitment !== 'CLOSED' && candidate.recruitment !== 'SUSPENDED';
}

/** Target jobs the session prepares for, directly or through its certification. */
export function matchedJobs(candidate: Candidate, targets: string[]): { direct: string[]; viaCertification: string[] } {
  const direct = targets.filter((code) => candidate.trainingRomeCodes.includes(code));
  const viaCertification = targets.filter((code) => !direct.includes(code) && candidate.certificationRomeCodes.includes(code));
  return { direct, viaCertification };
}

/**
 * The competences each job lists, as sets, per referential: built once, since gap closing and
 * related jobs ask for the same jobs for every candidate of every request.
 */
const jobSets = new WeakMap<JobCompetences, Map<string, ReadonlySet<string>>>();

function jobSet(jobCompetences: JobCompetences, code: string): ReadonlySet<string> {
  let sets = jobSets.get(jobCompetences);
  if (!sets) jobSets.set(jobCompetences, (sets = new Map()));
  let set = sets.get(code);
  if (!set) sets.set(code, (set = new Set(jobCompetences(code))));
  return set;
}

/**
 * Estimates the competences a session brings as those ROME 4.0 lists for the jobs it prepares
 * for (its training's and its certification's ROME codes), and counts, for each target job,
 * how many of the competences the person lacks it covers.
 */
export function gapClosing(candidate: Candidate, person: PersonFacts, jobCompetences: JobCompetences): GapClosing[] {
  if (!person.competenceCodes) return [];
  const held = new Set(person.competenceCodes);
  const brought = [...candidate.trainingRomeCodes, ...candidate.certificationRomeCodes].map((code) => jobSet(jobCompetences, code));
  return person.targetRomeCodes.flatMap((romeCode) => {
    const missing = jobCompetences(romeCode).filter((c) => !held.has(c));
    return missing.length === 0 ? [] : [{ romeCode, missing: missing.length, covered: missing.filter((c) => brought.some((set) => set.has(c))).length }];
  });
}

/** Share of the person's whole gap (all target jobs, a competence missing for two jobs counted twice) a session closes, 0 … 1. */
export function gapShare(gap: readonly GapClosing[]): number {
  const missing = gap.reduce((n, g) => n + g.missing, 0);
  return missing === 0 ? 0 : gap.reduce((n, g) => n + g.covered, 0) / missing;
}

/** For each competence, the positions in `allJobs` of the jobs that list it: built once per referential. */
const competenceIndexes = new WeakMap<readonly string[], WeakMap<JobCompetences, Map<string, number[]>>>();

function competenceIndex(allJobs: readonly string[], jobCompetences: JobCompetences): Map<string, number[]> {
  let byReferential = competenceIndexes.get(allJobs);
  if (!byReferential) competenceIndexes.set(allJobs, (byReferential = new WeakMap()));
  let index = byReferential.get(jobCompetences);
  if (!index) {
    index = new Map();
    allJobs.forEach((job, position) => {
      for (const competence of jobSet(jobCompetences, job)) {
        const jobs = index!.get(competence);
        if (jobs) jobs.push(position);
        else index!.set(competence, [position]);
      }
    });
    byReferential.set(jobCompetences, index);
  }
  return index;
}

/**
 * Other jobs whose competences cover at least `minShare` of what the person lacks for one of
 * the target jobs: sessions preparing for them close much of the gap without naming the job.
 * Counted from the competences missing (through an index competence → jobs), not by going
 * through every job of the referential.
 */
export function relatedJobs(person: PersonFacts, allJobs: readonly string[], jobCompetences: JobCompetences, minShare = RELATED_JOB_MIN_SHARE): string[] {
  if (!person.competenceCodes) return [];
  const held = new Set(person.competenceCodes);
  const gaps = person.targetRomeCodes.map((code) => jobCompetences(code).filter((c) => !held.has(c))).filter((m) => m.length > 0);
  if (gaps.length === 0) return [];
  const index = competenceIndex(allJobs, jobCompetences);
  const related = new Uint8Array(allJobs.length);
  const covered = new Uint32Array(allJobs.length);
  for (const missing of gaps) {
    const needed = minShare * missing.length;
    if (needed <= 0) return allJobs.filter((job) => !person.targetRomeCodes.includes(job));
    covered.fill(0);
    for (const competence of missing) {
      for (const position of index.get(competence) ?? []) {
        if (++covered[position]! >= needed) related[position] = 1;
      }
    }
  }
  return allJobs.filter((job, position) => related[position] === 1 && !person.targetRomeCodes.includes(job));
}

/**
 * Scores one session for a person. Without person facts (a session the person picked
 * themselves), only place and timing count and no job is claimed.
 */
export function evaluate(
  candidate: Candidate,
  person: PersonFacts | null,
  today: string,
  romeLabel: (code: string) => string | null,
  jobCompetences: JobCompetences = () => [],
): Evaluation {
  const reasons: string[] = [];
  let match = 0;
  let gap: GapClosing[] = [];
  if (person) {
    const { direct, viaCertification } = matchedJobs(candidate, person.targetRomeCodes);
    const job = (code: string) => `${code}${romeLabel(code) ? ` ${romeLabel(code)}` : ''}`;
    for (const code of direct) reasons.push(`prépare au métier ${job(code)}`);
    for (const code of viaCertification) reasons.push(`prépare une certification qui mène au métier ${job(code)}`);
    match = direct.length > 0 ? 1 : viaCertification.length > 0 ? CERTIFICATION_MATCH : 0;
    gap = gapClosing(candidate, person, jobCompetences);
    for (const g of gap) {
      if (g.covered > 0) reasons.push(`couvre ${g.covered} des ${g.missing} compétences qui vous manquent pour ${g.romeCode}`);
    }
  }

  let distanceKm: number | null = null;
  let proximity: number;
  if (candidate.modality === 'DISTANCE') {
    proximity = 1;
    reasons.push('à distance');
  } else if (candidate.place && person?.home) {
    distanceKm = round(haversineKm(person.home, candidate.place), 1);
    proximity = 1 / (1 + distanceKm / HALF_DISTANCE_KM);
    reasons.push(`à ${Math.round(distanceKm)} km${candidate.modality === 'MIXTE' ? ' (en partie à distance)' : ''}`);
  } else {
    proximity = UNKNOWN_PLACE;
  }

  let timing: number;
  if (candidate.startDate) {
    const wait = daysBetween(today, candidate.startDate);
    timing = wait >= 0 ? 1 / (1 + wait / HALF_WAIT_DAYS) : 0;
    reasons.push(wait >= 0 ? `commence le ${candidate.startDate}` : `a commencé le ${candidate.startDate}`);
  } else {
    timing = UNKNOWN_DATE;
    reasons.push('date de début non communiquée');
  }
  if (candidate.recruitment === 'OPEN') reasons.push('recrutement ouvert');
  else if (candidate.recruitment === 'CLOSED') reasons.push('recrutement clos');
  else if (candidate.recruitment === 'SUSPENDED') reasons.push('recrutement suspendu');

  let score = WEIGHTS.match * match + WEIGHTS.gap * gapShare(gap) + WEIGHTS.proximity * proximity + WEIGHTS.timing * timing;
  const level = person?.qualificationLevel;
  if (candidate.entryLevel != null && level != null && candidate.entryLevel > level) {
    score *= ENTRY_LEVEL_PENALTY;
    reasons.push(`niveau d'entrée demandé ${candidate.entryLevel} (le vôtre : ${level})`);
  }
  score = round(score, 4);
  return { sessionId: candidate.sessionId, score, reasons, distanceKm, gap };
}

/**
 * The best `first` open sessions for the person, best first: those meeting a target job
 * (directly or through the certification), and those covering at least RELATED_JOB_MIN_SHARE
 * of the gap of a target job.
 */
export function recommend(
  candidates: Candidate[],
  person: PersonFacts,
  today: string,
  first: number,
  romeLabel: (code: string) => string | null,
  jobCompetences: JobCompetences = () => [],
): Evaluation[] {
  return candidates
    .filter((c) => isOpen(c, today))
    .map((c) => ({ c, e: evaluate(c, person, today, romeLabel, jobCompetences) }))
    .filter(({ c, e }) => {
      const { direct, viaCertification } = matchedJobs(c, person.targetRomeCodes);
      return direct.length + viaCertification.length > 0 || e.gap.some((g) => g.covered >= RELATED_JOB_MIN_SHARE * g.missing);
    })
    .map(({ e }) => e)
    .sort((a, b) => b.score - a.score || a.sessionId.localeCompare(b.sessionId))
    .slice(0, first);
}
