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
}

export interface PersonFacts {
  targetRomeCodes: string[];
  home: Point | null;
}

export interface Evaluation {
  sessionId: string;
  score: number;
  reasons: string[];
  distanceKm: number | null;
}

/** Weights of the three criteria, each scored in [0, 1]; a direct job match always outranks a match through the certification only (0.6 > 0.6 × 0.3 + 0.25 + 0.15). */
const WEIGHTS = { match: 0.6, proximity: 0.25, timing: 0.15 };
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
 * Scores one session for a person. Without person facts (a session the person picked
 * themselves), only place and timing count and no job is claimed.
 */
export function evaluate(candidate: Candidate, person: PersonFacts | null, today: string, romeLabel: (code: string) => string | null): Evaluation {
  const reasons: string[] = [];
  let match = 0;
  if (person) {
    const { direct, viaCertification } = matchedJobs(candidate, person.targetRomeCodes);
    const job = (code: string) => `${code}${romeLabel(code) ? ` ${romeLabel(code)}` : ''}`;
    for (const code of direct) reasons.push(`prépare au métier ${job(code)}`);
    for (const code of viaCertification) reasons.push(`prépare une certification qui mène au métier ${job(code)}`);
    match = direct.length > 0 ? 1 : viaCertification.length > 0 ? CERTIFICATION_MATCH : 0;
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

  const score = round(WEIGHTS.match * match + WEIGHTS.proximity * proximity + WEIGHTS.timing * timing, 4);
  return { sessionId: candidate.sessionId, score, reasons, distanceKm };
}

/** The best `first` open sessions meeting the person's target jobs, best first. */
export function recommend(
  candidates: Candidate[],
  person: PersonFacts,
  today: string,
  first: number,
  romeLabel: (code: string) => string | null,
): Evaluation[] {
  return candidates
    .filter((c) => isOpen(c, today))
    .filter((c) => {
      const { direct, viaCertification } = matchedJobs(c, person.targetRomeCodes);
      return direct.length + viaCertification.length > 0;
    })
    .map((c) => evaluate(c, person, today, romeLabel))
    .sort((a, b) => b.score - a.score || a.sessionId.localeCompare(b.sessionId))
    .slice(0, first);
}
