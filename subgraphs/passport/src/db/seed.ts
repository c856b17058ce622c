// `npm run seed`: loads ROME 4.0 and the demo world into an empty database (a no-op otherwise).
import { and, count, eq, isNull } from 'drizzle-orm';
import { fileURLToPath } from 'node:url';
import { importRome4 } from '../rome4/import.ts';
import { openPassportDatabase, type PassportDatabase } from './client.ts';
import { DEMO_CONSENTS, DEMO_PERSONS } from './demo-world.ts';
import { consents, experiences, personCertifications, personCompetences, persons, romeJobs, targetJobs } from './schema.ts';

const isEmpty = (db: PassportDatabase, table: typeof persons | typeof romeJobs) => (db.select({ n: count() }).from(table).get()?.n ?? 0) === 0;

export function seed(db: PassportDatabase): { rome4: boolean; persons: boolean } {
  const rome4 = isEmpty(db, romeJobs);
  if (rome4) importRome4(db);
  const demo = isEmpty(db, persons);
  if (demo) {
    db.transaction((tx) => {
      for (const p of DEMO_PERSONS) {
        tx.insert(persons)
          .values({
            id: p.id,
            givenName: p.givenName,
            familyName: p.familyName,
            nir: p.nir,
            birthDate: p.birthDate,
            status: p.status,
            educationLevel: p.educationLevel,
            homeInseeCode: p.home.inseeCode,
            homeName: p.home.name,
            homePostalCode: p.home.postalCode,
            homeDepartement: p.home.departement,
            homeRegion: p.home.region,
            homeLatitude: p.home.latitude,
            homeLongitude: p.home.longitude,
            employerSiret: p.employerSiret,
            employerIdcc: p.employerIdcc,
            hasDrivingLicence: p.hasDrivingLicence,
          })
          .run();
        p.targetRomeCodes.forEach((romeCode, i) =>
          tx
            .insert(targetJobs)
            .values({ personId: p.id, romeCode, rank: i + 1 })
            .run(),
        );
        p.competences.forEach((c) =>
          tx
            .insert(personCompetences)
            .values({ id: `${p.id}-competence-${c.code}`, personId: p.id, ...c })
            .run(),
        );
        p.certifications.forEach((c) =>
          tx
            .insert(personCertifications)
            .values({ id: `${p.id}-certification-${c.code}`, personId: p.id, ...c })
            .run(),
        );
        p.experiences.forEach((e, i) =>
          tx
            .insert(experiences)
            .values({ id: `${p.id}-experience-${i + 1}`, personId: p.id, ...e })
            .run(),
        );
      }
      for (const c of DEMO_CONSENTS) tx.insert(consents).values(c).run();
    });
  }
  // Databases seeded before birth dates were stored get the demo persons' ones (feed matching).
  for (const p of DEMO_PERSONS) {
    db.update(persons)
      .set({ birthDate: p.birthDate })
      .where(and(eq(persons.id, p.id), isNull(persons.birthDate)))
      .run();
  }
  return { rome4, persons: demo };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { db, sqlite } = openPassportDatabase();
  const done = seed(db);
  sqlite.close();
  console.log(JSON.stringify({ level: 'info', msg: 'passport seeded', loaded: done }));
}
