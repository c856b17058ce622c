// `npm run seed`: loads ROME 4.0 and the demo world into an empty database (a no-op otherwise),
// SQLite or PostgreSQL (PASSPORT_DATABASE_URL).
import { fileURLToPath } from 'node:url';
import { importRome4 } from '../rome4/import.ts';
import { openPassportStore } from './client.ts';
import { DEMO_CONSENTS, DEMO_PERSONS } from './demo-world.ts';
import type { PassportRows, PassportStore } from './store.ts';

/** The demo world as rows of passport's tables. */
export function demoRows(): PassportRows {
  return {
    persons: DEMO_PERSONS.map((p) => ({
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
    })),
    targetJobs: DEMO_PERSONS.flatMap((p) => p.targetRomeCodes.map((romeCode, i) => ({ personId: p.id, romeCode, rank: i + 1 }))),
    personCompetences: DEMO_PERSONS.flatMap((p) => p.competences.map((c) => ({ id: `${p.id}-competence-${c.code}`, personId: p.id, ...c }))),
    personCertifications: DEMO_PERSONS.flatMap((p) => p.certifications.map((c) => ({ id: `${p.id}-certification-${c.code}`, personId: p.id, ...c }))),
    experiences: DEMO_PERSONS.flatMap((p) => p.experiences.map((e, i) => ({ id: `${p.id}-experience-${i + 1}`, personId: p.id, ...e }))),
    consents: DEMO_CONSENTS,
  };
}

export async function seed(store: PassportStore): Promise<{ rome4: boolean; persons: boolean }> {
  const rome4 = await store.isEmpty('romeJobs');
  if (rome4) await importRome4(store);
  const demo = await store.isEmpty('persons');
  if (demo) await store.load(demoRows());
  // Databases seeded before birth dates were stored get the demo persons' ones (feed matching).
  await store.fillBirthDates(DEMO_PERSONS.map((p) => ({ personId: p.id, birthDate: p.birthDate })));
  return { rome4, persons: demo };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const store = await openPassportStore();
  try {
    const done = await seed(store);
    console.log(JSON.stringify({ level: 'info', msg: 'passport seeded', database: store.dialect, loaded: done }));
  } finally {
    await store.close();
  }
}
