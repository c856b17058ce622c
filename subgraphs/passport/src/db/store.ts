// What passport needs from a database, in one async interface for SQLite (the default) and
// PostgreSQL (PASSPORT_DATABASE_URL). The rules (who may read what, consents' checks, feed
// matching, the seed) are written once over it; each dialect module holds only its queries.
// Batch readers take many keys and answer in key order with ONE statement, so DataLoaders turn a
// request's lookups into one query per kind.
import type { AccessScope, Viewer } from '@formations/schema/auth';
import type { Consent } from '../domain/types.ts';
import type { accessLog, experiences, personCertifications, personCompetences, persons, romeCompetences, romeJobs, tables } from './schema.ts';

export type PersonRow = typeof persons.$inferSelect;
export type CompetenceRow = typeof romeCompetences.$inferSelect;
export type JobRow = Omit<typeof romeJobs.$inferSelect, 'searchText'>;
export type PersonCompetenceRow = typeof personCompetences.$inferSelect & Omit<CompetenceRow, 'code'>;
export type CertificationRow = typeof personCertifications.$inferSelect;
export type ExperienceRow = typeof experiences.$inferSelect;
export type AccessLogRow = typeof accessLog.$inferSelect;

/** What the holder declares; validity, mention and issuer come only from certifiers' feeds. */
export type NewCertification = Omit<CertificationRow, 'id' | 'personId' | 'provenance' | 'validUntil' | 'mention' | 'issuerId' | 'issuerName'>;
export type NewExperience = Omit<ExperienceRow, 'id' | 'personId' | 'provenance'>;
/** What a certifier's feed sets on a certification. */
export type FeedCertification = Omit<CertificationRow, 'id' | 'personId' | 'provenance'>;

/** Rows to load in one transaction (the seed, the ROME 4.0 import), by table. */
export type PassportRows = { [K in keyof typeof tables]?: (typeof tables)[K]['$inferInsert'][] };
/** The order rows are loaded in: a row's references first. */
export const LOAD_ORDER = [
  'romeJobs',
  'romeAppellations',
  'romeCompetences',
  'romeJobCompetences',
  'romeMobility',
  'persons',
  'targetJobs',
  'personCompetences',
  'personCertifications',
  'experiences',
  'consents',
  'accessLog',
] as const satisfies readonly (keyof typeof tables)[];

/** One logged read of a person by someone other than the holder. */
export interface ReadEntry {
  personId: string;
  viewerSub: string;
  viewerRole: Viewer['role'];
  scopes: AccessScope[];
  readAt: string;
}

export interface JobCandidate extends JobRow {
  searchText: string;
  /** Matched by the job's own title rather than by one of its appellations. */
  byTitle: boolean;
}

/** A certifier's feed, written in one transaction. */
export interface FeedTx {
  /** The persons born that day (feeds match holders on identity). */
  personsBornOn(birthDate: string): Promise<{ id: string; givenName: string; familyName: string }[]>;
  certificationById(id: string): Promise<CertificationRow | null>;
  addGuaranteedCertification(personId: string, id: string, values: FeedCertification): Promise<void>;
  correctCertification(id: string, values: FeedCertification): Promise<void>;
  /** Deletes the holder's DECLARED copies of a certification; returns how many. */
  deleteDeclaredCertifications(personId: string, code: string): Promise<number>;
}

export interface PassportStore {
  readonly dialect: 'sqlite' | 'postgresql';

  personsByIds(ids: readonly string[]): Promise<(PersonRow | null)[]>;
  /** The consents `viewerSub` received from each of `personIds` (live or not). */
  consentsToViewer(viewerSub: string, personIds: readonly string[]): Promise<Consent[][]>;
  /** Newest first. */
  consentsOfPerson(personId: string): Promise<Consent[]>;
  consentById(id: string): Promise<Consent | null>;
  insertConsent(consent: Consent): Promise<Consent>;
  /** Sets `revokedAt` unless already revoked (the first date stays); returns the consent. */
  revokeConsent(id: string, at: string): Promise<Consent | null>;

  /** Writes the reads in one statement (all or none), one row each, in order. */
  insertReads(entries: readonly ReadEntry[]): Promise<void>;
  /** Newest first. */
  accessLogOf(personId: string, limit: number): Promise<AccessLogRow[]>;

  /** By category then label. */
  competencesOfPersons(personIds: readonly string[]): Promise<PersonCompetenceRow[][]>;
  /** Latest obtained first (no date last). */
  certificationsOfPersons(personIds: readonly string[]): Promise<CertificationRow[][]>;
  /** Latest started first. */
  experiencesOfPersons(personIds: readonly string[]): Promise<ExperienceRow[][]>;
  /** In the holder's order. */
  targetRomeCodesOfPersons(personIds: readonly string[]): Promise<string[][]>;

  jobsByCodes(codes: readonly string[]): Promise<(JobRow | null)[]>;
  competencesByCodes(codes: readonly string[]): Promise<(CompetenceRow | null)[]>;
  /** The competences ROME 4.0 lists for each job, by category then label. */
  requiredCompetencesOfJobs(romeCodes: readonly string[]): Promise<CompetenceRow[][]>;
  appellationsOfJobs(romeCodes: readonly string[]): Promise<string[][]>;
  mobilityFrom(romeCodes: readonly string[]): Promise<{ romeCode: string; targetRomeCode: string; rank: number }[]>;
  /** Jobs whose title, or one of whose appellations, contains every word (folded, see foldForSearch). */
  jobsMatching(words: readonly string[]): Promise<JobCandidate[]>;

  // The holder's edits. Each write touches only the holder's own DECLARED rows; callers check
  // ownership and provenance first, the WHERE clauses make it hold regardless.
  personCompetenceById(id: string): Promise<typeof personCompetences.$inferSelect | null>;
  addCompetence(personId: string, id: string, code: string): Promise<void>;
  deleteCompetence(personId: string, id: string): Promise<void>;
  certificationById(id: string): Promise<CertificationRow | null>;
  addCertification(personId: string, id: string, values: NewCertification): Promise<CertificationRow>;
  updateCertification(personId: string, id: string, values: NewCertification): Promise<CertificationRow | null>;
  deleteCertification(personId: string, id: string): Promise<void>;
  experienceById(id: string): Promise<ExperienceRow | null>;
  addExperience(personId: string, id: string, values: NewExperience): Promise<ExperienceRow>;
  updateExperience(personId: string, id: string, values: NewExperience): Promise<ExperienceRow | null>;
  deleteExperience(personId: string, id: string): Promise<void>;
  /** Replaces the holder's target jobs (in one transaction). */
  setTargetJobs(personId: string, romeCodes: readonly string[]): Promise<void>;

  /** Runs `work` in one transaction: all of it is written, or none. */
  feedTransaction<T>(work: (tx: FeedTx) => Promise<T>): Promise<T>;

  /** Whether the table has no row (the seed loads into empty tables only). */
  isEmpty(table: 'persons' | 'romeJobs'): Promise<boolean>;
  /** Loads the rows in one transaction, references first; a row whose key is already there is skipped (the extract lists a few links twice). */
  load(rows: PassportRows): Promise<void>;
  /** Sets these persons' birth dates where none is stored yet. */
  fillBirthDates(dates: readonly { personId: string; birthDate: string }[]): Promise<void>;

  /** For /health: reads the database (so a lost connection shows), cheaply at any size. */
  health(): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

/** The rows of each key, in key order (rows keep their query order within a key). */
export function byKey<K, T>(keys: readonly K[], rows: readonly T[], keyOf: (row: T) => K): T[][] {
  const grouped = new Map<K, T[]>();
  for (const row of rows) {
    const list = grouped.get(keyOf(row));
    if (list) list.push(row);
    else grouped.set(keyOf(row), [row]);
  }
  return keys.map((key) => grouped.get(key) ?? []);
}

export const firstOf = <T>(lists: T[][]): (T | null)[] => lists.map((found) => found[0] ?? null);
