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

/** What the person lacks for each target job (those with something missing), in the order of the targets. */
type PersonGaps = { romeCode: string; missing: string[] }[];

function personGaps(person: PersonFacts, jobCompetences: JobCompetences): PersonGaps | null {
  if (!person.competenceCodes) return null;
  const held = new Set(person.competenceCodes);
  return person.targetRomeCodes
    .map((romeCode) => ({ romeCode, missing: jobCompetences(romeCode).filter((c) => !held.has(c)) }))
    .filter((g) => g.missing.length > 0);
}

function closing(romeCodes: readonly string[], gaps: PersonGaps | null, jobCompetences: JobCompetences): GapClosing[] {
  if (!gaps) return [];
  const brought = romeCodes.map((code) => jobSet(jobCompetences, code));
  return gaps.map(({ romeCode, missing }) => ({ romeCode, missing: missing.length, covered: missing.filter((c) => brought.some((set) => set.has(c))).length }));
}

/**
 * Estimates the competences a session brings as those ROME 4.0 lists for the jobs it prepares
 * for (its training's and its certification's ROME codes), and counts, for each target job,
 * how many of the competences the person lacks it covers.
 */
export function gapClosing(candidate: Candidate, person: PersonFacts, jobCompetences: JobCompetences): GapClosing[] {
  return closing([...candidate.trainingRomeCodes, ...candidate.certificationRomeCodes], personGaps(person, jobCompetences), jobCompetences);
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

/** How a session's jobs meet the person's: the same for every session of a training. */
interface JobFit {
  direct: string[];
  viaCertification: string[];
  gap: GapClosing[];
  /** The score's job part: match and share of the gap closed, weighted. */
  jobScore: number;
  /** Meets a target job, or closes at least RELATED_JOB_MIN_SHARE of the gap of one. */
  relevant: boolean;
}

function jobFit(candidate: Candidate, person: PersonFacts, gaps: PersonGaps | null, jobCompetences: JobCompetences): JobFit {
  const { direct, viaCertification } = matchedJobs(candidate, person.targetRomeCodes);
  const gap = closing([...candidate.trainingRomeCodes, ...candidate.certificationRomeCodes], gaps, jobCompetences);
  const match = direct.length > 0 ? 1 : viaCertification.length > 0 ? CERTIFICATION_MATCH : 0;
  return {
    direct,
    viaCertification,
    gap,
    jobScore: WEIGHTS.match * match + WEIGHTS.gap * gapShare(gap),
    relevant: direct.length + viaCertification.length > 0 || gap.some((g) => g.covered >= RELATED_JOB_MIN_SHARE * g.missing),
  };
}

const distanceOf = (candidate: Candidate, home: Point | null | undefined): number | null =>
  candidate.modality !== 'DISTANCE' && candidate.place && home ? round(haversineKm(home, candidate.place), 1) : null;

function proximityOf(candidate: Candidate, distanceKm: number | null): number {
  if (candidate.modality === 'DISTANCE') return 1;
  return distanceKm !== null ? 1 / (1 + distanceKm / HALF_DISTANCE_KM) : UNKNOWN_PLACE;
}

const timingOf = (wait: number | null): number => (wait === null ? UNKNOWN_DATE : wait >= 0 ? 1 / (1 + wait / HALF_WAIT_DAYS) : 0);

const penalised = (candidate: Candidate, level: number | null | undefined): boolean =>
  candidate.entryLevel != null && level != null && candidate.entryLevel > level;

function scoreOf(jobScore: number, proximity: number, timing: number, penalty: boolean): number {
  const score = jobScore + WEIGHTS.proximity * proximity + WEIGHTS.timing * timing;
  return round(penalty ? score * ENTRY_LEVEL_PENALTY : score, 4);
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
  const fit = person ? jobFit(candidate, person, personGaps(person, jobCompetences), jobCompetences) : null;
  if (fit) {
    const job = (code: string) => `${code}${romeLabel(code) ? ` ${romeLabel(code)}` : ''}`;
    for (const code of fit.direct) reasons.push(`prépare au métier ${job(code)}`);
    for (const code of fit.viaCertification) reasons.push(`prépare une certification qui mène au métier ${job(code)}`);
    for (const g of fit.gap) {
      if (g.covered > 0) reasons.push(`couvre ${g.covered} des ${g.missing} compétences qui vous manquent pour ${g.romeCode}`);
    }
  }

  const distanceKm = distanceOf(candidate, person?.home);
  if (candidate.modality === 'DISTANCE') reasons.push('à distance');
  else if (distanceKm !== null) reasons.push(`à ${Math.round(distanceKm)} km${candidate.modality === 'MIXTE' ? ' (en partie à distance)' : ''}`);

  const wait = candidate.startDate ? daysBetween(today, candidate.startDate) : null;
  if (wait === null) reasons.push('date de début non communiquée');
  else reasons.push(wait >= 0 ? `commence le ${candidate.startDate}` : `a commencé le ${candidate.startDate}`);
  if (candidate.recruitment === 'OPEN') reasons.push('recrutement ouvert');
  else if (candidate.recruitment === 'CLOSED') reasons.push('recrutement clos');
  else if (candidate.recruitment === 'SUSPENDED') reasons.push('recrutement suspendu');

  const penalty = penalised(candidate, person?.qualificationLevel);
  if (penalty) reasons.push(`niveau d'entrée demandé ${candidate.entryLevel} (le vôtre : ${person?.qualificationLevel})`);
  const score = scoreOf(fit?.jobScore ?? 0, proximityOf(candidate, distanceKm), timingOf(wait), penalty);
  return { sessionId: candidate.sessionId, score, reasons, distanceKm, gap: fit?.gap ?? [] };
}

/** Better first: higher score, then session id. */
const better = (a: { score: number; sessionId: string }, b: { score: number; sessionId: string }) =>
  b.score - a.score || (a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : 0);

/**
 * The best `first` open sessions for the person, best first: those meeting a target job
 * (directly or through the certification), and those covering at least RELATED_JOB_MIN_SHARE
 * of the gap of a target job.
 *
 * A national catalogue gives tens of thousands of candidates for a common job, so only the
 * numbers are computed for each: the job fit once per training (candidates of one training share
 * their code lists), the wait once per start date, and the reasons only for the ones kept.
 * The candidates come in groups, as the catalogue keeps them (one per training), in any order.
 */
export function recommend(
  candidates: readonly (readonly Candidate[])[],
  person: PersonFacts,
  today: string,
  first: number,
  romeLabel: (code: string) => string | null,
  jobCompetences: JobCompetences = () => [],
): Evaluation[] {
  if (first < 1) return [];
  const gaps = personGaps(person, jobCompetences);
  // Job fit per pair of code lists: by identity first (a training's sessions share its lists),
  // then by content (many trainings prepare for the same jobs).
  const fits = new Map<readonly string[], Map<readonly string[], JobFit>>();
  const fitsByCodes = new Map<string, JobFit>();
  const waits = new Map<string, number>();
  const home = person.home;
  const level = person.qualificationLevel;
  const kept: { score: number; sessionId: string; candidate: Candidate }[] = [];
  let worst = -Infinity;
  for (const group of candidates)
    for (const candidate of group) {
      if (!isOpen(candidate, today)) continue;
      let byCertification = fits.get(candidate.trainingRomeCodes);
      if (!byCertification) fits.set(candidate.trainingRomeCodes, (byCertification = new Map()));
      let fit = byCertification.get(candidate.certificationRomeCodes);
      if (!fit) {
        const codes = `${candidate.trainingRomeCodes.join(' ')}|${candidate.certificationRomeCodes.join(' ')}`;
        fit = fitsByCodes.get(codes);
        if (!fit) fitsByCodes.set(codes, (fit = jobFit(candidate, person, gaps, jobCompetences)));
        byCertification.set(candidate.certificationRomeCodes, fit);
      }
      if (!fit.relevant) continue;
      let wait: number | null = null;
      if (candidate.startDate) {
        wait = waits.get(candidate.startDate) ?? null;
        if (wait === null) waits.set(candidate.startDate, (wait = daysBetween(today, candidate.startDate)));
      }
      const timing = timingOf(wait);
      const penalty = penalised(candidate, level);
      // Nearness is worth at most 1: a session that could not beat the last kept even next door is not measured.
      if (kept.length >= first && scoreOf(fit.jobScore, 1, timing, penalty) < worst) continue;
      const score = scoreOf(fit.jobScore, proximityOf(candidate, distanceOf(candidate, home)), timing, penalty);
      if (kept.length >= first && score < worst) continue;
      kept.push({ score, sessionId: candidate.sessionId, candidate });
      // Keep at most `first`, trimmed in batches so the cost stays linear in the candidates.
      if (kept.length >= Math.max(2 * first, 64)) {
        kept.sort(better).length = first;
        worst = kept[first - 1]!.score;
      }
    }
  kept.sort(better);
  return kept.slice(0, first).map(({ candidate }) => evaluate(candidate, person, today, romeLabel, jobCompetences));
}
