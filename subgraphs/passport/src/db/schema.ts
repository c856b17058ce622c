// Passport's tables: people and their passport items, consents, the read log, and the ROME 4.0
// referential (jobs, appellations, competences, links, mobility) imported at seed time.
import { index, integer, primaryKey, real, sqliteTable, text, unique } from 'drizzle-orm/sqlite-core';
import type { AccessScope } from '@formations/schema/auth';
import type { CertificationKind, CompetenceCategory, HolderStatus, Provenance } from '../domain/types.ts';

export const persons = sqliteTable(
  'persons',
  {
    id: text('id').primaryKey(),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    /** Sensitive identifier (numéro de sécurité sociale): stored for matching feeds, never served. */
    nir: text('nir'),
    /** Birth date (YYYY-MM-DD), to match certifiers' feeds on identity; never served. */
    birthDate: text('birth_date'),
    status: text('status').$type<HolderStatus>().notNull(),
    /** Highest level of education completed (nomenclature 2019, 0–8), as declared at registration. */
    educationLevel: integer('education_level').notNull().default(0),
    homeInseeCode: text('home_insee_code'),
    homeName: text('home_name'),
    homePostalCode: text('home_postal_code'),
    homeDepartement: text('home_departement'),
    homeRegion: text('home_region'),
    homeLatitude: real('home_latitude'),
    homeLongitude: real('home_longitude'),
    employerSiret: text('employer_siret'),
    employerIdcc: text('employer_idcc'),
    hasDrivingLicence: integer('has_driving_licence', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('persons_birth_date').on(t.birthDate)],
);

export const targetJobs = sqliteTable(
  'target_jobs',
  {
    personId: text('person_id')
      .notNull()
      .references(() => persons.id),
    romeCode: text('rome_code')
      .notNull()
      .references(() => romeJobs.code),
    rank: integer('rank').notNull(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.romeCode] })],
);

export const personCompetences = sqliteTable(
  'person_competences',
  {
    id: text('id').primaryKey(),
    personId: text('person_id')
      .notNull()
      .references(() => persons.id),
    code: text('code')
      .notNull()
      .references(() => romeCompetences.code),
    provenance: text('provenance').$type<Provenance>().notNull(),
  },
  (t) => [unique('person_competence').on(t.personId, t.code)],
);

export const personCertifications = sqliteTable(
  'person_certifications',
  {
    id: text('id').primaryKey(),
    personId: text('person_id')
      .notNull()
      .references(() => persons.id),
    /** RNCP12345 or RS1234, the code of catalog's Certification. */
    code: text('code').notNull(),
    kind: text('kind').$type<CertificationKind>().notNull(),
    title: text('title').notNull(),
    /** Qualification level (3 CAP … 8 doctorate); null for RS certifications, which have none. */
    level: integer('level'),
    obtainedOn: text('obtained_on'),
    provenance: text('provenance').$type<Provenance>().notNull(),
    /** Last day the certification is valid (some RS habilitations expire); null: no end. */
    validUntil: text('valid_until'),
    /** Mention obtained (e.g. "BIEN"), as the certifier sent it. */
    mention: text('mention'),
    /** The certifier who sent it (feed's certificateur): an id (SIRET or CDC client id) and a name. */
    issuerId: text('issuer_id'),
    issuerName: text('issuer_name'),
  },
  (t) => [index('person_certifications_person').on(t.personId)],
);

export const experiences = sqliteTable(
  'experiences',
  {
    id: text('id').primaryKey(),
    personId: text('person_id')
      .notNull()
      .references(() => persons.id),
    jobTitle: text('job_title').notNull(),
    romeCode: text('rome_code').references(() => romeJobs.code),
    employer: text('employer'),
    startDate: text('start_date').notNull(),
    endDate: text('end_date'),
    provenance: text('provenance').$type<Provenance>().notNull(),
  },
  (t) => [index('experiences_person').on(t.personId)],
);

export const consents = sqliteTable(
  'consents',
  {
    id: text('id').primaryKey(),
    personId: text('person_id')
      .notNull()
      .references(() => persons.id),
    viewerSub: text('viewer_sub').notNull(),
    scopes: text('scopes', { mode: 'json' }).$type<AccessScope[]>().notNull(),
    grantedAt: text('granted_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    revokedAt: text('revoked_at'),
  },
  // By viewer (may this adviser read these persons?) and by holder (their consents, newest first).
  (t) => [index('consents_viewer').on(t.viewerSub, t.personId), index('consents_person').on(t.personId, t.grantedAt)],
);

export const accessLog = sqliteTable(
  'access_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    personId: text('person_id')
      .notNull()
      .references(() => persons.id),
    viewerSub: text('viewer_sub').notNull(),
    viewerRole: text('viewer_role').notNull(),
    scopes: text('scopes', { mode: 'json' }).$type<AccessScope[]>().notNull(),
    readAt: text('read_at').notNull(),
  },
  (t) => [index('access_log_person').on(t.personId, t.readAt)],
);

export const romeJobs = sqliteTable('rome_jobs', {
  code: text('code').primaryKey(),
  label: text('label').notNull(),
  /** Label folded for accent- and case-insensitive search. */
  searchText: text('search_text').notNull(),
});

export const romeAppellations = sqliteTable(
  'rome_appellations',
  {
    code: text('code').primaryKey(),
    romeCode: text('rome_code')
      .notNull()
      .references(() => romeJobs.code),
    label: text('label').notNull(),
    searchText: text('search_text').notNull(),
  },
  (t) => [index('rome_appellations_job').on(t.romeCode)],
);

export const romeCompetences = sqliteTable('rome_competences', {
  code: text('code').primaryKey(),
  label: text('label').notNull(),
  category: text('category').$type<CompetenceCategory>().notNull(),
  isMacro: integer('is_macro', { mode: 'boolean' }).notNull(),
  macroCode: text('macro_code'),
});

export const romeJobCompetences = sqliteTable(
  'rome_job_competences',
  {
    romeCode: text('rome_code')
      .notNull()
      .references(() => romeJobs.code),
    code: text('code')
      .notNull()
      .references(() => romeCompetences.code),
  },
  (t) => [primaryKey({ columns: [t.romeCode, t.code] })],
);

export const romeMobility = sqliteTable(
  'rome_mobility',
  {
    romeCode: text('rome_code')
      .notNull()
      .references(() => romeJobs.code),
    targetRomeCode: text('target_rome_code')
      .notNull()
      .references(() => romeJobs.code),
    rank: integer('rank').notNull(),
  },
  (t) => [primaryKey({ columns: [t.romeCode, t.targetRomeCode] })],
);

export const tables = {
  persons,
  targetJobs,
  personCompetences,
  personCertifications,
  experiences,
  consents,
  accessLog,
  romeJobs,
  romeAppellations,
  romeCompetences,
  romeJobCompetences,
  romeMobility,
};
