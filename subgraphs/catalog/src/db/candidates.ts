// Recommendation candidates: the sessions preparing for a job, through their training's ROME
// codes or their certification's. A common job has tens of thousands of sessions in a national
// catalogue, which cost far more to read than to rank, so they are kept in memory per ROME code
// and per set of codes asked (a person's) until the catalogue changes (an import), within a bound.
import type Database from 'better-sqlite3';
import { levelOf } from '../domain/levels.ts';
import type { Candidate } from '../domain/recommend.ts';
import { catalogVersion } from './version.ts';

/** The sessions of one training; they share its code lists (the ranking judges jobs once per list). */
type TrainingCandidates = Candidate[] & { formationId: number };

/**
 * Trainings kept at most, over every code and set of codes (a training has a few sessions of
 * about 160 bytes each); the least recently asked go first.
 */
export const MAX_KEPT_TRAININGS = 200_000;

type FormationColumns = [id: number, niveauEntree: string | null, trainingRomeCodes: string, certificationRomeCodes: string];
type SessionColumns = [
  formationId: number,
  id: string,
  debut: string | null,
  etatRecrutement: Candidate['recruitment'],
  modalite: Candidate['modality'],
  latitude: number | null,
  longitude: number | null,
];

class CandidatesByRome {
  private readonly versionNow: () => string;
  private version: string | undefined;
  /** By ROME code, and by set of codes (sorted, space-separated). */
  private readonly byCodes = new Map<string, TrainingCandidates[]>();
  private kept = 0;
  private readonly formations: Database.Statement;
  private readonly sessions: Database.Statement;

  constructor(sqlite: Database.Database) {
    this.versionNow = catalogVersion(sqlite);
    // Driven by the (kind, code) indexes, so the cost follows the matches, not the catalogue.
    this.formations = sqlite
      .prepare(
        `SELECT f.id, f.niveau_entree,
                (SELECT json_group_array(code) FROM (SELECT c.code FROM formation_codes c WHERE c.formation_id = f.id AND c.kind = 'ROME' ORDER BY c.position)),
                (SELECT json_group_array(code) FROM (SELECT c.code FROM certification_codes c WHERE c.certification_code = f.certification_code AND c.kind = 'ROME' ORDER BY c.code))
           FROM formations f
          WHERE f.id IN (SELECT c.formation_id FROM formation_codes c WHERE c.kind = 'ROME' AND c.code = @code
                         UNION
                         SELECT f2.id FROM certification_codes c JOIN formations f2 ON f2.certification_code = c.certification_code
                          WHERE c.kind = 'ROME' AND c.code = @code)`,
      )
      .raw(true);
    this.sessions = sqlite
      .prepare(
        `SELECT s.formation_id, s.id, s.debut, s.etat_recrutement, s.modalite, s.latitude, s.longitude
           FROM sessions s WHERE s.formation_id IN (SELECT value FROM json_each(?)) ORDER BY s.formation_id`,
      )
      .raw(true);
  }

  /** Every session preparing for one of the codes, once each, grouped by training. */
  candidates(romeCodes: readonly string[]): readonly (readonly Candidate[])[] {
    const version = this.versionNow();
    if (version !== this.version) {
      this.byCodes.clear();
      this.kept = 0;
      this.version = version;
    }
    const codes = [...new Set(romeCodes)].sort();
    // A person's codes (target and related jobs) stay the same from one request to the next.
    const key = codes.join(' ');
    const known = this.recall(key);
    if (known) return known;
    if (codes.length === 1) return this.keep(key, this.read(codes[0]!));
    const seen = new Set<number>();
    const merged: TrainingCandidates[] = [];
    for (const code of codes) {
      for (const training of this.recall(code) ?? this.keep(code, this.read(code))) {
        if (seen.has(training.formationId)) continue;
        seen.add(training.formationId);
        merged.push(training);
      }
    }
    return this.keep(key, merged);
  }

  private recall(key: string): TrainingCandidates[] | undefined {
    const known = this.byCodes.get(key);
    if (known) {
      // Most recently asked last: eviction takes the first.
      this.byCodes.delete(key);
      this.byCodes.set(key, known);
    }
    return known;
  }

  private keep(key: string, trainings: TrainingCandidates[]): TrainingCandidates[] {
    this.byCodes.set(key, trainings);
    this.kept += trainings.length;
    for (const [oldest, dropped] of this.byCodes) {
      if (this.kept <= MAX_KEPT_TRAININGS || oldest === key) break;
      this.byCodes.delete(oldest);
      this.kept -= dropped.length;
    }
    return trainings;
  }

  private read(code: string): TrainingCandidates[] {
    const facts = new Map<number, Pick<Candidate, 'trainingRomeCodes' | 'certificationRomeCodes' | 'entryLevel'>>();
    for (const [id, niveauEntree, training, certification] of this.formations.all({ code }) as FormationColumns[]) {
      facts.set(id, {
        trainingRomeCodes: JSON.parse(training) as string[],
        certificationRomeCodes: JSON.parse(certification) as string[],
        entryLevel: levelOf(niveauEntree),
      });
    }
    if (facts.size === 0) return [];
    const trainings: TrainingCandidates[] = [];
    let current: TrainingCandidates | undefined;
    for (const [formationId, id, debut, recruitment, modality, latitude, longitude] of this.sessions.all(
      JSON.stringify([...facts.keys()]),
    ) as SessionColumns[]) {
      if (current?.formationId !== formationId) trainings.push((current = Object.assign([], { formationId })));
      current.push({
        sessionId: id,
        startDate: debut,
        recruitment,
        modality,
        place: latitude !== null && longitude !== null ? { latitude, longitude } : null,
        ...facts.get(formationId)!,
      });
    }
    return trainings;
  }
}

const caches = new WeakMap<Database.Database, CandidatesByRome>();

/**
 * The sessions whose training, or whose certification, prepares for one of the ROME codes, with
 * what the ranking needs, grouped by training. Shared between requests: read-only.
 */
export function recommendationCandidates(sqlite: Database.Database, romeCodes: readonly string[]): readonly (readonly Candidate[])[] {
  let cache = caches.get(sqlite);
  if (!cache) caches.set(sqlite, (cache = new CandidatesByRome(sqlite)));
  return cache.candidates(romeCodes);
}
