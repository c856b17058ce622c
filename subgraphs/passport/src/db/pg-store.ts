// Passport in PostgreSQL (PASSPORT_DATABASE_URL). Each write is one statement or one transaction
// (READ COMMITTED): a consent revoked is revoked for every replica's next read, and there is no
// read-modify-write a second writer could interleave with (revoking keeps the first date by its
// WHERE clause; the feed's writes are keyed by the result's id).
import { and, asc, count, desc, eq, inArray, isNull, like, sql, type Column } from 'drizzle-orm';
import type { OpenedPostgres } from '@formations/schema/subgraph';
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
  tables,
  targetJobs,
} from './schema-pg.ts';
import { byKey, firstOf, LOAD_ORDER, type FeedTx, type PassportStore } from './store.ts';

type Db = OpenedPostgres<typeof tables>['db'];
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

const keys = sql.placeholder('keys');
const anyKey = (column: Column) => sql`${column} = any(${keys})`;

const competenceColumns = {
  label: romeCompetences.label,
  category: romeCompetences.category,
  isMacro: romeCompetences.isMacro,
  macroCode: romeCompetences.macroCode,
};

const declared = (t: { id: Column; personId: Column; provenance: Column }, personId: string, id: string) =>
  and(eq(t.id, id), eq(t.personId, personId), eq(t.provenance, 'DECLARED'));

function feedTx(tx: Tx): FeedTx {
  return {
    personsBornOn: (birthDate) =>
      tx.select({ id: persons.id, givenName: persons.givenName, familyName: persons.familyName }).from(persons).where(eq(persons.birthDate, birthDate)),
    certificationById: async (id) => (await tx.select().from(personCertifications).where(eq(personCertifications.id, id)))[0] ?? null,
    addGuaranteedCertification: async (personId, id, values) => {
      await tx.insert(personCertifications).values({ id, personId, provenance: 'GUARANTEED', ...values });
    },
    correctCertification: async (id, values) => {
      await tx.update(personCertifications).set(values).where(eq(personCertifications.id, id));
    },
    deleteDeclaredCertifications: async (personId, code) =>
      (
        await tx
          .delete(personCertifications)
          .where(and(eq(personCertifications.personId, personId), eq(personCertifications.code, code), eq(personCertifications.provenance, 'DECLARED')))
      ).rowCount ?? 0,
  };
}

export function pgStore({ db, close }: OpenedPostgres<typeof tables>): PassportStore {
  // The reads every request makes are named prepared statements (parsed once per connection),
  // the keys bound as one array.
  const personsQuery = db.select().from(persons).where(anyKey(persons.id)).prepare('passport_persons');
  const consentsToViewerQuery = db
    .select()
    .from(consents)
    .where(and(eq(consents.viewerSub, sql.placeholder('viewerSub')), anyKey(consents.personId)))
    .prepare('passport_consents_to_viewer');
  const competencesQuery = db
    .select({
      id: personCompetences.id,
      personId: personCompetences.personId,
      code: personCompetences.code,
      provenance: personCompetences.provenance,
      ...competenceColumns,
    })
    .from(personCompetences)
    .innerJoin(romeCompetences, eq(romeCompetences.code, personCompetences.code))
    .where(anyKey(personCompetences.personId))
    .orderBy(asc(romeCompetences.category), asc(romeCompetences.label))
    .prepare('passport_competences_of');
  // NULLS LAST: SQLite's order (NULL is its smallest value), so both answer alike.
  const certificationsQuery = db
    .select()
    .from(personCertifications)
    .where(anyKey(personCertifications.personId))
    .orderBy(sql`${personCertifications.obtainedOn} desc nulls last`)
    .prepare('passport_certifications_of');
  const experiencesQuery = db
    .select()
    .from(experiences)
    .where(anyKey(experiences.personId))
    .orderBy(desc(experiences.startDate))
    .prepare('passport_experiences_of');
  const targetsQuery = db.select().from(targetJobs).where(anyKey(targetJobs.personId)).orderBy(asc(targetJobs.rank)).prepare('passport_targets_of');
  const jobsQuery = db.select({ code: romeJobs.code, label: romeJobs.label }).from(romeJobs).where(anyKey(romeJobs.code)).prepare('passport_jobs');

  const one = async <T>(rows: Promise<T[]>) => (await rows)[0] ?? null;
  const consentById = (id: string) => one(db.select().from(consents).where(eq(consents.id, id)));

  return {
    dialect: 'postgresql',
    personsByIds: async (ids) => firstOf(byKey(ids, await personsQuery.execute({ keys: [...ids] }), (r) => r.id)),
    consentsToViewer: async (viewerSub, personIds) =>
      byKey(personIds, await consentsToViewerQuery.execute({ viewerSub, keys: [...personIds] }), (r) => r.personId),
    consentsOfPerson: (personId) => db.select().from(consents).where(eq(consents.personId, personId)).orderBy(desc(consents.grantedAt)),
    consentById,
    insertConsent: async (consent) => {
      await db.insert(consents).values(consent);
      return consent;
    },
    revokeConsent: async (id, at) => {
      await db
        .update(consents)
        .set({ revokedAt: at })
        .where(and(eq(consents.id, id), isNull(consents.revokedAt)));
      return consentById(id);
    },

    insertReads: async (entries) => {
      if (entries.length > 0) await db.insert(accessLog).values([...entries]);
    },
    accessLogOf: (personId, limit) =>
      db.select().from(accessLog).where(eq(accessLog.personId, personId)).orderBy(desc(accessLog.readAt), desc(accessLog.id)).limit(limit),

    competencesOfPersons: async (personIds) => byKey(personIds, await competencesQuery.execute({ keys: [...personIds] }), (r) => r.personId),
    certificationsOfPersons: async (personIds) => byKey(personIds, await certificationsQuery.execute({ keys: [...personIds] }), (r) => r.personId),
    experiencesOfPersons: async (personIds) => byKey(personIds, await experiencesQuery.execute({ keys: [...personIds] }), (r) => r.personId),
    targetRomeCodesOfPersons: async (personIds) =>
      byKey(personIds, await targetsQuery.execute({ keys: [...personIds] }), (r) => r.personId).map((list) => list.map((r) => r.romeCode)),

    jobsByCodes: async (codes) => firstOf(byKey(codes, await jobsQuery.execute({ keys: [...codes] }), (r) => r.code)),
    competencesByCodes: async (codes) =>
      firstOf(
        byKey(
          codes,
          await db
            .select()
            .from(romeCompetences)
            .where(inArray(romeCompetences.code, [...codes])),
          (r) => r.code,
        ),
      ),
    requiredCompetencesOfJobs: async (romeCodes) => {
      const rows = await db
        .select({ romeCode: romeJobCompetences.romeCode, code: romeCompetences.code, ...competenceColumns })
        .from(romeJobCompetences)
        .innerJoin(romeCompetences, eq(romeCompetences.code, romeJobCompetences.code))
        .where(inArray(romeJobCompetences.romeCode, [...romeCodes]))
        .orderBy(asc(romeCompetences.category), asc(romeCompetences.label));
      return byKey(romeCodes, rows, (r) => r.romeCode).map((list) => list.map(({ romeCode: _, ...competence }) => competence));
    },
    appellationsOfJobs: async (romeCodes) => {
      const rows = await db
        .select()
        .from(romeAppellations)
        .where(inArray(romeAppellations.romeCode, [...romeCodes]))
        .orderBy(asc(romeAppellations.label));
      return byKey(romeCodes, rows, (r) => r.romeCode).map((list) => list.map((r) => r.label));
    },
    mobilityFrom: async (romeCodes) =>
      romeCodes.length === 0
        ? []
        : db
            .select()
            .from(romeMobility)
            .where(inArray(romeMobility.romeCode, [...romeCodes]))
            .orderBy(asc(romeMobility.rank), asc(romeMobility.romeCode), asc(romeMobility.targetRomeCode)),
    jobsMatching: async (words) => {
      if (words.length === 0) return [];
      const onJob = and(...words.map((w) => like(romeJobs.searchText, `%${w}%`)));
      const onAppellation = and(...words.map((w) => like(romeAppellations.searchText, `%${w}%`)));
      const byTitle = await db.select({ code: romeJobs.code, label: romeJobs.label, searchText: romeJobs.searchText }).from(romeJobs).where(onJob);
      const titled = new Set(byTitle.map((j) => j.code));
      const byAppellation = (
        await db
          .selectDistinct({ code: romeJobs.code, label: romeJobs.label, searchText: romeJobs.searchText })
          .from(romeAppellations)
          .innerJoin(romeJobs, eq(romeJobs.code, romeAppellations.romeCode))
          .where(onAppellation)
      ).filter((j) => !titled.has(j.code));
      return [...byTitle.map((j) => ({ ...j, byTitle: true })), ...byAppellation.map((j) => ({ ...j, byTitle: false }))];
    },

    personCompetenceById: (id) => one(db.select().from(personCompetences).where(eq(personCompetences.id, id))),
    addCompetence: async (personId, id, code) => {
      await db.insert(personCompetences).values({ id, personId, code, provenance: 'DECLARED' });
    },
    deleteCompetence: async (personId, id) => {
      await db.delete(personCompetences).where(declared(personCompetences, personId, id));
    },
    certificationById: (id) => one(db.select().from(personCertifications).where(eq(personCertifications.id, id))),
    addCertification: async (personId, id, values) =>
      (
        await db
          .insert(personCertifications)
          .values({ id, personId, provenance: 'DECLARED', ...values })
          .returning()
      )[0]!,
    updateCertification: (personId, id, values) =>
      one(
        db
          .update(personCertifications)
          .set(values)
          .where(declared(personCertifications, personId, id))
          .returning(),
      ),
    deleteCertification: async (personId, id) => {
      await db.delete(personCertifications).where(declared(personCertifications, personId, id));
    },
    experienceById: (id) => one(db.select().from(experiences).where(eq(experiences.id, id))),
    addExperience: async (personId, id, values) =>
      (
        await db
          .insert(experiences)
          .values({ id, personId, provenance: 'DECLARED', ...values })
          .returning()
      )[0]!,
    updateExperience: (personId, id, values) =>
      one(
        db
          .update(experiences)
          .set(values)
          .where(declared(experiences, personId, id))
          .returning(),
      ),
    deleteExperience: async (personId, id) => {
      await db.delete(experiences).where(declared(experiences, personId, id));
    },
    setTargetJobs: (personId, romeCodes) =>
      db.transaction(async (tx) => {
        await tx.delete(targetJobs).where(eq(targetJobs.personId, personId));
        if (romeCodes.length > 0) await tx.insert(targetJobs).values(romeCodes.map((romeCode, i) => ({ personId, romeCode, rank: i + 1 })));
      }),

    feedTransaction: (work) => db.transaction((tx) => work(feedTx(tx))),

    isEmpty: async (table) => (await db.select({ one: sql`1` }).from(tables[table]).limit(1)).length === 0,
    load: (rows) =>
      db.transaction(async (tx) => {
        for (const name of LOAD_ORDER) {
          const list = rows[name];
          // 1,000 rows a statement stays well under PostgreSQL's 65,535 bound parameters.
          for (let i = 0; list && i < list.length; i += 1000)
            await tx
              .insert(tables[name])
              .values(list.slice(i, i + 1000))
              .onConflictDoNothing();
        }
      }),
    fillBirthDates: async (dates) => {
      for (const { personId, birthDate } of dates) {
        await db
          .update(persons)
          .set({ birthDate })
          .where(and(eq(persons.id, personId), isNull(persons.birthDate)));
      }
    },

    // count(*) would scan a national table: the planner's estimate (-1 before the first ANALYZE,
    // shown as 0) is enough here. The ROME referential is small (hundreds of jobs): counted.
    health: async () => {
      const { rows } = await db.$client.query<{ estimate: number }>("SELECT reltuples::float8 AS estimate FROM pg_class WHERE oid = 'persons'::regclass");
      return {
        database: 'postgresql',
        personsEstimate: Math.max(0, Math.round(rows[0]!.estimate)),
        romeJobs: (await db.select({ n: count() }).from(romeJobs))[0]?.n ?? 0,
      };
    },
    close,
  };
}
