// Reads and writes of passport's database. Batch readers take many keys and answer in key
// order with ONE statement, so DataLoaders turn a request's lookups into one query per kind.
import { and, asc, desc, eq, inArray, like, sql, type Column } from 'drizzle-orm';
import type { AccessScope, Viewer } from '@formations/schema/auth';
import { inKeys, jsonKeys, preparedPerDatabase } from '@formations/schema/subgraph';
import type { PassportDatabase } from './client.ts';
import {
  accessLog,
  consents,
  experiences,
  personCertifications,
  personCompetences,
  persons,
  romeAppellations,
  romeCompetences,
  romeJobCompetences,
  romeJobs,
  romeMobility,
  targetJobs,
} from './schema.ts';
import type { Consent } from '../domain/types.ts';

export type PersonRow = typeof persons.$inferSelect;
export type CompetenceRow = typeof romeCompetences.$inferSelect;
export type JobRow = Omit<typeof romeJobs.$inferSelect, 'searchText'>;
export type PersonCompetenceRow = typeof personCompetences.$inferSelect & Omit<CompetenceRow, 'code'>;
export type CertificationRow = typeof personCertifications.$inferSelect;
export type ExperienceRow = typeof experiences.$inferSelect;
export type AccessLogRow = typeof accessLog.$inferSelect;

function byKey<K, T>(keys: readonly K[], rows: readonly T[], keyOf: (row: T) => K): T[][] {
  const grouped = new Map<K, T[]>();
  for (const row of rows) {
    const list = grouped.get(keyOf(row));
    if (list) list.push(row);
    else grouped.set(keyOf(row), [row]);
  }
  return keys.map((key) => grouped.get(key) ?? []);
}

// The reads every request makes are compiled once per connection (keys bound as one JSON array).
const personsByIdsQuery = preparedPerDatabase((db: PassportDatabase) => db.select().from(persons).where(inKeys(persons.id)).prepare());

export function personsByIds(db: PassportDatabase, ids: readonly string[]): (PersonRow | null)[] {
  const rows = personsByIdsQuery(db).all({ keys: jsonKeys(ids) });
  return byKey(ids, rows, (r) => r.id).map((found) => found[0] ?? null);
}

/** The consents `viewerSub` received from each of `personIds` (live or not). */
const consentsToViewerQuery = preparedPerDatabase((db: PassportDatabase) =>
  db
    .select()
    .from(consents)
    .where(and(eq(consents.viewerSub, sql.placeholder('viewerSub')), inKeys(consents.personId)))
    .prepare(),
);

export function consentsToViewer(db: PassportDatabase, viewerSub: string, personIds: readonly string[]): Consent[][] {
  const rows = consentsToViewerQuery(db).all({ viewerSub, keys: jsonKeys(personIds) });
  return byKey(personIds, rows, (r) => r.personId);
}

export function consentsOfPerson(db: PassportDatabase, personId: string): Consent[] {
  return db.select().from(consents).where(eq(consents.personId, personId)).orderBy(desc(consents.grantedAt)).all();
}

export function consentById(db: PassportDatabase, id: string): Consent | null {
  return db.select().from(consents).where(eq(consents.id, id)).get() ?? null;
}

export function insertConsent(db: PassportDatabase, consent: Consent): Consent {
  db.insert(consents).values(consent).run();
  return consent;
}

export function revokeConsent(db: PassportDatabase, id: string, at: string): Consent | null {
  db.update(consents)
    .set({ revokedAt: at })
    .where(and(eq(consents.id, id), sql`${consents.revokedAt} is null`))
    .run();
  return consentById(db, id);
}

/** One logged read of a person by someone other than the holder. */
export interface ReadEntry {
  personId: string;
  viewerSub: string;
  viewerRole: Viewer['role'];
  scopes: AccessScope[];
  readAt: string;
}

// Any number of reads in one statement: the rows come as one JSON array parameter.
const insertReadsStatement = preparedPerDatabase((db: PassportDatabase) =>
  db.$client.prepare(
    `insert into "access_log" ("person_id", "viewer_sub", "viewer_role", "scopes", "read_at")
     select json_extract(value, '$.personId'), json_extract(value, '$.viewerSub'), json_extract(value, '$.viewerRole'),
            json_extract(value, '$.scopes'), json_extract(value, '$.readAt')
       from json_each(?)`,
  ),
);

/** Writes the reads in one statement (all or none), one row each, in order. */
export function insertReads(db: PassportDatabase, entries: readonly ReadEntry[]): void {
  if (entries.length === 0) return;
  // scopes as the JSON text drizzle stores for the column (mode: 'json').
  insertReadsStatement(db).run(JSON.stringify(entries.map((e) => ({ ...e, scopes: JSON.stringify(e.scopes) }))));
}

export function logReads(db: PassportDatabase, viewer: Viewer, reads: readonly { personId: string; scopes: AccessScope[] }[], at: string): void {
  insertReads(
    db,
    reads.map((r) => ({ personId: r.personId, viewerSub: viewer.sub, viewerRole: viewer.role, scopes: r.scopes, readAt: at })),
  );
}

export function accessLogOf(db: PassportDatabase, personId: string, limit: number): AccessLogRow[] {
  return db.select().from(accessLog).where(eq(accessLog.personId, personId)).orderBy(desc(accessLog.readAt), desc(accessLog.id)).limit(limit).all();
}

const competenceColumns = {
  label: romeCompetences.label,
  category: romeCompetences.category,
  isMacro: romeCompetences.isMacro,
  macroCode: romeCompetences.macroCode,
};

const competencesOfPersonsQuery = preparedPerDatabase((db: PassportDatabase) =>
  db
    .select({
      id: personCompetences.id,
      personId: personCompetences.personId,
      code: personCompetences.code,
      provenance: personCompetences.provenance,
      ...competenceColumns,
    })
    .from(personCompetences)
    .innerJoin(romeCompetences, eq(romeCompetences.code, personCompetences.code))
    .where(inKeys(personCompetences.personId))
    .orderBy(asc(romeCompetences.category), asc(romeCompetences.label))
    .prepare(),
);

export function competencesOfPersons(db: PassportDatabase, personIds: readonly string[]): PersonCompetenceRow[][] {
  const rows = competencesOfPersonsQuery(db).all({ keys: jsonKeys(personIds) });
  return byKey(personIds, rows, (r) => r.personId);
}

const certificationsOfPersonsQuery = preparedPerDatabase((db: PassportDatabase) =>
  db.select().from(personCertifications).where(inKeys(personCertifications.personId)).orderBy(desc(personCertifications.obtainedOn)).prepare(),
);

export function certificationsOfPersons(db: PassportDatabase, personIds: readonly string[]): CertificationRow[][] {
  const rows = certificationsOfPersonsQuery(db).all({ keys: jsonKeys(personIds) });
  return byKey(personIds, rows, (r) => r.personId);
}

const experiencesOfPersonsQuery = preparedPerDatabase((db: PassportDatabase) =>
  db.select().from(experiences).where(inKeys(experiences.personId)).orderBy(desc(experiences.startDate)).prepare(),
);

export function experiencesOfPersons(db: PassportDatabase, personIds: readonly string[]): ExperienceRow[][] {
  const rows = experiencesOfPersonsQuery(db).all({ keys: jsonKeys(personIds) });
  return byKey(personIds, rows, (r) => r.personId);
}

const targetJobsOfPersonsQuery = preparedPerDatabase((db: PassportDatabase) =>
  db.select().from(targetJobs).where(inKeys(targetJobs.personId)).orderBy(asc(targetJobs.rank)).prepare(),
);

export function targetRomeCodesOfPersons(db: PassportDatabase, personIds: readonly string[]): string[][] {
  const rows = targetJobsOfPersonsQuery(db).all({ keys: jsonKeys(personIds) });
  return byKey(personIds, rows, (r) => r.personId).map((list) => list.map((r) => r.romeCode));
}

const jobsByCodesQuery = preparedPerDatabase((db: PassportDatabase) =>
  db.select({ code: romeJobs.code, label: romeJobs.label }).from(romeJobs).where(inKeys(romeJobs.code)).prepare(),
);

export function jobsByCodes(db: PassportDatabase, codes: readonly string[]): (JobRow | null)[] {
  const rows = jobsByCodesQuery(db).all({ keys: jsonKeys(codes) });
  return byKey(codes, rows, (r) => r.code).map((found) => found[0] ?? null);
}

export function competencesByCodes(db: PassportDatabase, codes: readonly string[]): (CompetenceRow | null)[] {
  const rows = db
    .select()
    .from(romeCompetences)
    .where(inArray(romeCompetences.code, [...codes]))
    .all();
  return byKey(codes, rows, (r) => r.code).map((found) => found[0] ?? null);
}

/** The competences ROME 4.0 lists for each job. */
export function requiredCompetencesOfJobs(db: PassportDatabase, romeCodes: readonly string[]): CompetenceRow[][] {
  const rows = db
    .select({ romeCode: romeJobCompetences.romeCode, code: romeCompetences.code, ...competenceColumns })
    .from(romeJobCompetences)
    .innerJoin(romeCompetences, eq(romeCompetences.code, romeJobCompetences.code))
    .where(inArray(romeJobCompetences.romeCode, [...romeCodes]))
    .orderBy(asc(romeCompetences.category), asc(romeCompetences.label))
    .all();
  return byKey(romeCodes, rows, (r) => r.romeCode).map((list) => list.map(({ romeCode: _, ...competence }) => competence));
}

export function appellationsOfJobs(db: PassportDatabase, romeCodes: readonly string[]): string[][] {
  const rows = db
    .select()
    .from(romeAppellations)
    .where(inArray(romeAppellations.romeCode, [...romeCodes]))
    .orderBy(asc(romeAppellations.label))
    .all();
  return byKey(romeCodes, rows, (r) => r.romeCode).map((list) => list.map((r) => r.label));
}

export function mobilityFrom(db: PassportDatabase, romeCodes: readonly string[]): { romeCode: string; targetRomeCode: string; rank: number }[] {
  if (romeCodes.length === 0) return [];
  return db
    .select()
    .from(romeMobility)
    .where(inArray(romeMobility.romeCode, [...romeCodes]))
    .orderBy(asc(romeMobility.rank))
    .all();
}

export interface JobCandidate extends JobRow {
  searchText: string;
  /** Matched by the job's own title rather than by one of its appellations. */
  byTitle: boolean;
}

/** Jobs whose title, or one of whose appellations, contains every word (folded, see foldForSearch). */
export function jobsMatching(db: PassportDatabase, words: readonly string[]): JobCandidate[] {
  if (words.length === 0) return [];
  const onJob = and(...words.map((w) => like(romeJobs.searchText, `%${w}%`)));
  const onAppellation = and(...words.map((w) => like(romeAppellations.searchText, `%${w}%`)));
  const byTitle = db.select({ code: romeJobs.code, label: romeJobs.label, searchText: romeJobs.searchText }).from(romeJobs).where(onJob).all();
  const titled = new Set(byTitle.map((j) => j.code));
  const byAppellation = db
    .selectDistinct({ code: romeJobs.code, label: romeJobs.label, searchText: romeJobs.searchText })
    .from(romeAppellations)
    .innerJoin(romeJobs, eq(romeJobs.code, romeAppellations.romeCode))
    .where(onAppellation)
    .all()
    .filter((j) => !titled.has(j.code));
  return [...byTitle.map((j) => ({ ...j, byTitle: true })), ...byAppellation.map((j) => ({ ...j, byTitle: false }))];
}

// The holder's edits. Each write touches only the holder's own DECLARED rows; callers check
// ownership and provenance first, the WHERE clauses make it hold regardless.

/** What the holder declares; validity, mention and issuer come only from certifiers' feeds. */
export type NewCertification = Omit<CertificationRow, 'id' | 'personId' | 'provenance' | 'validUntil' | 'mention' | 'issuerId' | 'issuerName'>;
export type NewExperience = Omit<ExperienceRow, 'id' | 'personId' | 'provenance'>;

const declared = (t: { id: Column; personId: Column; provenance: Column }, personId: string, id: string) =>
  and(eq(t.id, id), eq(t.personId, personId), eq(t.provenance, 'DECLARED'));

export function personCompetenceById(db: PassportDatabase, id: string) {
  return db.select().from(personCompetences).where(eq(personCompetences.id, id)).get() ?? null;
}

export function addCompetence(db: PassportDatabase, personId: string, id: string, code: string): void {
  db.insert(personCompetences).values({ id, personId, code, provenance: 'DECLARED' }).run();
}

export function deleteCompetence(db: PassportDatabase, personId: string, id: string): void {
  db.delete(personCompetences)
    .where(declared(personCompetences, personId, id))
    .run();
}

export function certificationById(db: PassportDatabase, id: string): CertificationRow | null {
  return db.select().from(personCertifications).where(eq(personCertifications.id, id)).get() ?? null;
}

export function addCertification(db: PassportDatabase, personId: string, id: string, values: NewCertification): CertificationRow {
  return db
    .insert(personCertifications)
    .values({ id, personId, provenance: 'DECLARED', ...values })
    .returning()
    .get();
}

export function updateCertification(db: PassportDatabase, personId: string, id: string, values: NewCertification): CertificationRow | null {
  return (
    db
      .update(personCertifications)
      .set(values)
      .where(declared(personCertifications, personId, id))
      .returning()
      .get() ?? null
  );
}

export function deleteCertification(db: PassportDatabase, personId: string, id: string): void {
  db.delete(personCertifications)
    .where(declared(personCertifications, personId, id))
    .run();
}

export function experienceById(db: PassportDatabase, id: string): ExperienceRow | null {
  return db.select().from(experiences).where(eq(experiences.id, id)).get() ?? null;
}

export function addExperience(db: PassportDatabase, personId: string, id: string, values: NewExperience): ExperienceRow {
  return db
    .insert(experiences)
    .values({ id, personId, provenance: 'DECLARED', ...values })
    .returning()
    .get();
}

export function updateExperience(db: PassportDatabase, personId: string, id: string, values: NewExperience): ExperienceRow | null {
  return (
    db
      .update(experiences)
      .set(values)
      .where(declared(experiences, personId, id))
      .returning()
      .get() ?? null
  );
}

export function deleteExperience(db: PassportDatabase, personId: string, id: string): void {
  db.delete(experiences)
    .where(declared(experiences, personId, id))
    .run();
}

export function setTargetJobs(db: PassportDatabase, personId: string, romeCodes: readonly string[]): void {
  db.transaction((tx) => {
    tx.delete(targetJobs).where(eq(targetJobs.personId, personId)).run();
    romeCodes.forEach((romeCode, i) =>
      tx
        .insert(targetJobs)
        .values({ personId, romeCode, rank: i + 1 })
        .run(),
    );
  });
}
