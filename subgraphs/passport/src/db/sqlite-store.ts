// Passport in one SQLite file (the default). The driver is synchronous: within the process the
// store's operations take turns, so that a transaction's awaits never let another request's
// statements in on the same connection; writes that span statements run in IMMEDIATE transactions.
import { and, asc, count, desc, eq, inArray, isNull, like, sql, type Column } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { inKeys, jsonKeys, preparedPerDatabase, sqliteTurns, type OpenedDatabase } from '@formations/schema/subgraph';
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
} from './schema.ts';
import { byKey, firstOf, LOAD_ORDER, type FeedTx, type PassportStore, type ReadEntry } from './store.ts';

type Db = OpenedDatabase<typeof tables>['db'];

const competenceColumns = {
  label: romeCompetences.label,
  category: romeCompetences.category,
  isMacro: romeCompetences.isMacro,
  macroCode: romeCompetences.macroCode,
};

// The reads every request makes are compiled once per connection (keys bound as one JSON array).
const personsByIdsQuery = preparedPerDatabase((db: Db) => db.select().from(persons).where(inKeys(persons.id)).prepare());
const consentsToViewerQuery = preparedPerDatabase((db: Db) =>
  db
    .select()
    .from(consents)
    .where(and(eq(consents.viewerSub, sql.placeholder('viewerSub')), inKeys(consents.personId)))
    .prepare(),
);
const competencesOfPersonsQuery = preparedPerDatabase((db: Db) =>
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
const certificationsOfPersonsQuery = preparedPerDatabase((db: Db) =>
  db.select().from(personCertifications).where(inKeys(personCertifications.personId)).orderBy(desc(personCertifications.obtainedOn)).prepare(),
);
const experiencesOfPersonsQuery = preparedPerDatabase((db: Db) =>
  db.select().from(experiences).where(inKeys(experiences.personId)).orderBy(desc(experiences.startDate)).prepare(),
);
const targetJobsOfPersonsQuery = preparedPerDatabase((db: Db) =>
  db.select().from(targetJobs).where(inKeys(targetJobs.personId)).orderBy(asc(targetJobs.rank)).prepare(),
);
const jobsByCodesQuery = preparedPerDatabase((db: Db) =>
  db.select({ code: romeJobs.code, label: romeJobs.label }).from(romeJobs).where(inKeys(romeJobs.code)).prepare(),
);
// Any number of reads in one statement: the rows come as one JSON array parameter.
const insertReadsStatement = preparedPerDatabase((db: Db) =>
  db.$client.prepare(
    `insert into "access_log" ("person_id", "viewer_sub", "viewer_role", "scopes", "read_at")
     select json_extract(value, '$.personId'), json_extract(value, '$.viewerSub'), json_extract(value, '$.viewerRole'),
            json_extract(value, '$.scopes'), json_extract(value, '$.readAt')
       from json_each(?)`,
  ),
);

const declared = (t: { id: Column; personId: Column; provenance: Column }, personId: string, id: string) =>
  and(eq(t.id, id), eq(t.personId, personId), eq(t.provenance, 'DECLARED'));

/** Inserts in chunks: SQLite limits the number of bound parameters per statement. */
function insertAll<T>(rows: readonly T[], insert: (chunk: T[]) => void, size = 400): void {
  for (let i = 0; i < rows.length; i += size) insert(rows.slice(i, i + size));
}

export function sqliteStore({ db, sqlite }: OpenedDatabase<typeof tables>): PassportStore {
  const { exclusive, immediate } = sqliteTurns(sqlite);
  const consentById = (id: string) => db.select().from(consents).where(eq(consents.id, id)).get() ?? null;
  const certificationById = (id: string) => db.select().from(personCertifications).where(eq(personCertifications.id, id)).get() ?? null;
  const experienceById = (id: string) => db.select().from(experiences).where(eq(experiences.id, id)).get() ?? null;
  const insertReads = (entries: readonly ReadEntry[]) => {
    if (entries.length === 0) return;
    // scopes as the JSON text drizzle stores for the column (mode: 'json').
    insertReadsStatement(db).run(JSON.stringify(entries.map((e) => ({ ...e, scopes: JSON.stringify(e.scopes) }))));
  };

  const feedTx: FeedTx = {
    personsBornOn: async (birthDate) =>
      db.select({ id: persons.id, givenName: persons.givenName, familyName: persons.familyName }).from(persons).where(eq(persons.birthDate, birthDate)).all(),
    certificationById: async (id) => certificationById(id),
    addGuaranteedCertification: async (personId, id, values) => {
      db.insert(personCertifications)
        .values({ id, personId, provenance: 'GUARANTEED', ...values })
        .run();
    },
    correctCertification: async (id, values) => {
      db.update(personCertifications).set(values).where(eq(personCertifications.id, id)).run();
    },
    deleteDeclaredCertifications: async (personId, code) =>
      db
        .delete(personCertifications)
        .where(and(eq(personCertifications.personId, personId), eq(personCertifications.code, code), eq(personCertifications.provenance, 'DECLARED')))
        .run().changes,
  };

  return {
    dialect: 'sqlite',
    personsByIds: (ids) => exclusive(() => firstOf(byKey(ids, personsByIdsQuery(db).all({ keys: jsonKeys(ids) }), (r) => r.id))),
    consentsToViewer: (viewerSub, personIds) =>
      exclusive(() => byKey(personIds, consentsToViewerQuery(db).all({ viewerSub, keys: jsonKeys(personIds) }), (r) => r.personId)),
    consentsOfPerson: (personId) => exclusive(() => db.select().from(consents).where(eq(consents.personId, personId)).orderBy(desc(consents.grantedAt)).all()),
    consentById: (id) => exclusive(() => consentById(id)),
    insertConsent: (consent) =>
      exclusive(() => {
        db.insert(consents).values(consent).run();
        return consent;
      }),
    revokeConsent: (id, at) =>
      exclusive(() => {
        db.update(consents)
          .set({ revokedAt: at })
          .where(and(eq(consents.id, id), isNull(consents.revokedAt)))
          .run();
        return consentById(id);
      }),

    insertReads: (entries) => exclusive(() => insertReads(entries)),
    accessLogOf: (personId, limit) =>
      exclusive(() =>
        db.select().from(accessLog).where(eq(accessLog.personId, personId)).orderBy(desc(accessLog.readAt), desc(accessLog.id)).limit(limit).all(),
      ),

    competencesOfPersons: (personIds) => exclusive(() => byKey(personIds, competencesOfPersonsQuery(db).all({ keys: jsonKeys(personIds) }), (r) => r.personId)),
    certificationsOfPersons: (personIds) =>
      exclusive(() => byKey(personIds, certificationsOfPersonsQuery(db).all({ keys: jsonKeys(personIds) }), (r) => r.personId)),
    experiencesOfPersons: (personIds) => exclusive(() => byKey(personIds, experiencesOfPersonsQuery(db).all({ keys: jsonKeys(personIds) }), (r) => r.personId)),
    targetRomeCodesOfPersons: (personIds) =>
      exclusive(() =>
        byKey(personIds, targetJobsOfPersonsQuery(db).all({ keys: jsonKeys(personIds) }), (r) => r.personId).map((list) => list.map((r) => r.romeCode)),
      ),

    jobsByCodes: (codes) => exclusive(() => firstOf(byKey(codes, jobsByCodesQuery(db).all({ keys: jsonKeys(codes) }), (r) => r.code))),
    competencesByCodes: (codes) =>
      exclusive(() =>
        firstOf(
          byKey(
            codes,
            db
              .select()
              .from(romeCompetences)
              .where(inArray(romeCompetences.code, [...codes]))
              .all(),
            (r) => r.code,
          ),
        ),
      ),
    requiredCompetencesOfJobs: (romeCodes) =>
      exclusive(() => {
        const rows = db
          .select({ romeCode: romeJobCompetences.romeCode, code: romeCompetences.code, ...competenceColumns })
          .from(romeJobCompetences)
          .innerJoin(romeCompetences, eq(romeCompetences.code, romeJobCompetences.code))
          .where(inArray(romeJobCompetences.romeCode, [...romeCodes]))
          .orderBy(asc(romeCompetences.category), asc(romeCompetences.label))
          .all();
        return byKey(romeCodes, rows, (r) => r.romeCode).map((list) => list.map(({ romeCode: _, ...competence }) => competence));
      }),
    appellationsOfJobs: (romeCodes) =>
      exclusive(() => {
        const rows = db
          .select()
          .from(romeAppellations)
          .where(inArray(romeAppellations.romeCode, [...romeCodes]))
          .orderBy(asc(romeAppellations.label))
          .all();
        return byKey(romeCodes, rows, (r) => r.romeCode).map((list) => list.map((r) => r.label));
      }),
    mobilityFrom: (romeCodes) =>
      exclusive(() =>
        romeCodes.length === 0
          ? []
          : db
              .select()
              .from(romeMobility)
              .where(inArray(romeMobility.romeCode, [...romeCodes]))
              .orderBy(asc(romeMobility.rank), asc(romeMobility.romeCode), asc(romeMobility.targetRomeCode))
              .all(),
      ),
    jobsMatching: (words) =>
      exclusive(() => {
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
      }),

    personCompetenceById: (id) => exclusive(() => db.select().from(personCompetences).where(eq(personCompetences.id, id)).get() ?? null),
    addCompetence: (personId, id, code) =>
      exclusive(() => {
        db.insert(personCompetences).values({ id, personId, code, provenance: 'DECLARED' }).run();
      }),
    deleteCompetence: (personId, id) =>
      exclusive(() => {
        db.delete(personCompetences)
          .where(declared(personCompetences, personId, id))
          .run();
      }),
    certificationById: (id) => exclusive(() => certificationById(id)),
    addCertification: (personId, id, values) =>
      exclusive(() =>
        db
          .insert(personCertifications)
          .values({ id, personId, provenance: 'DECLARED', ...values })
          .returning()
          .get(),
      ),
    updateCertification: (personId, id, values) =>
      exclusive(
        () =>
          db
            .update(personCertifications)
            .set(values)
            .where(declared(personCertifications, personId, id))
            .returning()
            .get() ?? null,
      ),
    deleteCertification: (personId, id) =>
      exclusive(() => {
        db.delete(personCertifications)
          .where(declared(personCertifications, personId, id))
          .run();
      }),
    experienceById: (id) => exclusive(() => experienceById(id)),
    addExperience: (personId, id, values) =>
      exclusive(() =>
        db
          .insert(experiences)
          .values({ id, personId, provenance: 'DECLARED', ...values })
          .returning()
          .get(),
      ),
    updateExperience: (personId, id, values) =>
      exclusive(
        () =>
          db
            .update(experiences)
            .set(values)
            .where(declared(experiences, personId, id))
            .returning()
            .get() ?? null,
      ),
    deleteExperience: (personId, id) =>
      exclusive(() => {
        db.delete(experiences)
          .where(declared(experiences, personId, id))
          .run();
      }),
    setTargetJobs: (personId, romeCodes) =>
      exclusive(() =>
        db.transaction((tx) => {
          tx.delete(targetJobs).where(eq(targetJobs.personId, personId)).run();
          romeCodes.forEach((romeCode, i) =>
            tx
              .insert(targetJobs)
              .values({ personId, romeCode, rank: i + 1 })
              .run(),
          );
        }),
      ),

    feedTransaction: (work) => immediate(() => work(feedTx)),

    isEmpty: (table) => exclusive(() => !db.select({ one: sql`1` }).from(tables[table]).limit(1).get()),
    load: (rows) =>
      exclusive(() =>
        db.transaction((tx) => {
          const put = <T extends SQLiteTable>(table: T, list: T['$inferInsert'][] | undefined) =>
            insertAll(list ?? [], (chunk) => tx.insert(table).values(chunk).onConflictDoNothing().run());
          // The extract lists a few links twice: those are skipped.
          for (const name of LOAD_ORDER) put(tables[name], rows[name]);
        }),
      ),
    fillBirthDates: (dates) =>
      exclusive(() => {
        for (const { personId, birthDate } of dates) {
          db.update(persons)
            .set({ birthDate })
            .where(and(eq(persons.id, personId), isNull(persons.birthDate)))
            .run();
        }
      }),

    // count(*) reads a whole index (a national table: millions of rows); the largest rowid reads
    // one page and is the count as long as persons are not deleted (passport never deletes one).
    health: () =>
      exclusive(() => ({
        database: 'sqlite',
        personsEstimate: (sqlite.prepare('SELECT coalesce(max(rowid), 0) AS n FROM persons').get() as { n: number }).n,
        romeJobs: db.select({ n: count() }).from(romeJobs).get()?.n ?? 0,
      })),
    close: () => exclusive(() => void sqlite.close()),
  };
}
