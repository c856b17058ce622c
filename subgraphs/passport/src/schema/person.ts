import { accessGrantFor, type AccessScope } from '@formations/schema/auth';
import { forbidden, unauthenticated } from '@formations/schema/subgraph';
import { builder } from './builder.ts';
import { PersonCertificationRef } from './certification.ts';
import { CommuneRef } from './commune.ts';
import { HolderStatusEnum } from './enums.ts';
import { JobRef } from './job.ts';
import {
  certificationsOfPerson,
  competencesOfPerson,
  experiencesOfPerson,
  jobLoader,
  logRead,
  personLoader,
  scopesOnPerson,
  targetRomeCodesOfPerson,
} from './loaders.ts';
import { ExperienceRef, PersonCompetenceRef } from './person-items.ts';
import type { PassportContext } from '../context.ts';
import type { PersonRow } from '../db/store.ts';
import { mayRead, type RequiredField } from '../domain/access.ts';
import { qualificationLevel } from '../domain/qualification.ts';

/**
 * A person as the request's viewer sees it: what the viewer may read of it, and the row
 * (withheld from a viewer without any scope, to whom an unknown id and a known one look alike).
 */
export interface PersonView {
  id: string;
  row: PersonRow | null;
  scopes: AccessScope[];
}

/** Loads the person for the viewer; logs the read when the viewer is someone else with access. */
export async function viewPerson(ctx: PassportContext, id: string): Promise<PersonView | null> {
  const scopes = await scopesOnPerson(ctx, id);
  if (scopes.length === 0) return { id, row: null, scopes };
  const row = await personLoader(ctx).load(id);
  if (!row) return null;
  await logRead(ctx, id, scopes);
  return { id, row, scopes };
}

/** Throws FORBIDDEN unless the viewer may read `field`; entity resolution goes through it too. */
export function reveal(person: PersonView, field: RequiredField | 'passport'): PersonRow {
  if (!person.row || !mayRead(person.scopes, field)) {
    throw forbidden(field === 'passport' ? "not allowed to read this person's passport" : `not allowed to read ${field} of this person`);
  }
  return person.row;
}

export const PersonRef = builder.objectRef<PersonView>('Person');

PersonRef.implement({
  description:
    'A person and their Passeport de compétences. Readable by the holder, and by someone the holder consented to, for the consented scopes, until the consent expires or is revoked.',
  fields: (t) => ({
    id: t.id({ description: 'Stable identifier of the person.', resolve: (p) => p.id }),
    givenName: t.string({ description: 'Given name.', resolve: (p) => reveal(p, 'passport').givenName }),
    familyName: t.string({ description: 'Family name.', resolve: (p) => reveal(p, 'passport').familyName }),
    status: t.field({
      type: HolderStatusEnum,
      description: 'Job seeker, employee or self-employed: decides CPF and funding rules.',
      resolve: (p) => reveal(p, 'status').status,
    }),
    qualificationLevel: t.int({
      nullable: true,
      description:
        'Qualification level (nomenclature 2019: 0 none, 3 CAP/BEP, 4 bac, 5 bac+2 … 8 doctorate): the highest of the certifications held and the education level declared at registration.',
      resolve: async (p, _args, ctx) => {
        const row = reveal(p, 'qualificationLevel');
        const certifications = await certificationsOfPerson(ctx).load(row.id);
        return qualificationLevel(
          row.educationLevel,
          certifications.map((c) => c.level),
        );
      },
    }),
    homeCommune: t.field({
      type: CommuneRef,
      nullable: true,
      description: 'The commune the person lives in.',
      resolve: (p) => {
        const r = reveal(p, 'passport');
        if (
          r.homeInseeCode === null ||
          r.homeName === null ||
          r.homePostalCode === null ||
          r.homeDepartement === null ||
          r.homeRegion === null ||
          r.homeLatitude === null ||
          r.homeLongitude === null
        )
          return null;
        return {
          inseeCode: r.homeInseeCode,
          name: r.homeName,
          postalCode: r.homePostalCode,
          departement: r.homeDepartement,
          region: r.homeRegion,
          latitude: r.homeLatitude,
          longitude: r.homeLongitude,
        };
      },
    }),
    homeDepartement: t.string({
      nullable: true,
      description: 'INSEE code of the département of the home, e.g. "85" (a flat copy for funding rules).',
      resolve: (p) => reveal(p, 'homeDepartement').homeDepartement,
    }),
    homeRegion: t.string({
      nullable: true,
      description: 'INSEE code of the région of the home, e.g. "52" (a flat copy for funding rules).',
      resolve: (p) => reveal(p, 'homeRegion').homeRegion,
    }),
    homeLatitude: t.float({
      nullable: true,
      description: 'Latitude of the home commune (for distances to training places).',
      resolve: (p) => reveal(p, 'homeLatitude').homeLatitude,
    }),
    homeLongitude: t.float({
      nullable: true,
      description: 'Longitude of the home commune (for distances to training places).',
      resolve: (p) => reveal(p, 'homeLongitude').homeLongitude,
    }),
    employerSiret: t.string({
      nullable: true,
      description: 'SIRET of the current employer (employees only).',
      resolve: (p) => reveal(p, 'employerSiret').employerSiret,
    }),
    employerIdcc: t.string({
      nullable: true,
      description: "IDCC of the employer's collective agreement, which designates the branch and its OPCO (employees only).",
      resolve: (p) => reveal(p, 'employerIdcc').employerIdcc,
    }),
    hasDrivingLicence: t.boolean({
      description: 'Whether the person already holds a driving licence B.',
      resolve: (p) => reveal(p, 'hasDrivingLicence').hasDrivingLicence,
    }),
    targetRomeCodes: t.stringList({
      description: 'ROME 4.0 codes of the jobs the person aims at, most wanted first.',
      resolve: (p, _args, ctx) => targetRomeCodesOfPerson(ctx).load(reveal(p, 'targetRomeCodes').id),
    }),
    competenceCodes: t.stringList({
      description: 'ROME 4.0 code_ogr of the competences the person has.',
      resolve: async (p, _args, ctx) => (await competencesOfPerson(ctx).load(reveal(p, 'competenceCodes').id)).map((c) => c.code),
    }),
    targetJobs: t.field({
      type: [JobRef],
      description: 'The ROME 4.0 jobs the person aims at, most wanted first.',
      resolve: async (p, _args, ctx) => {
        const codes = await targetRomeCodesOfPerson(ctx).load(reveal(p, 'passport').id);
        const jobs = await jobLoader(ctx).loadMany(codes);
        return jobs.flatMap((job) => (job && !(job instanceof Error) ? [job] : []));
      },
    }),
    competences: t.field({
      type: [PersonCompetenceRef],
      description: 'The competences the person has, savoir-faire first, each with its provenance.',
      resolve: (p, _args, ctx) => competencesOfPerson(ctx).load(reveal(p, 'passport').id),
    }),
    certifications: t.field({
      type: [PersonCertificationRef],
      description: 'The certifications the person holds, most recent first, each with its provenance (GUARANTEED or DECLARED).',
      resolve: (p, _args, ctx) => certificationsOfPerson(ctx).load(reveal(p, 'passport').id),
    }),
    experiences: t.field({
      type: [ExperienceRef],
      description: 'Professional experiences, most recent first, each with its provenance.',
      resolve: (p, _args, ctx) => experiencesOfPerson(ctx).load(reveal(p, 'passport').id),
    }),
    accessGrant: t.string({
      nullable: true,
      inaccessible: true,
      description:
        'Signed, short-lived grant saying which scopes the viewer may read of this person (all for the holder, the consented ones otherwise); null when none. Other subgraphs @require it.',
      resolve: (p, _args, ctx) => {
        if (!ctx.viewer || p.scopes.length === 0) return null;
        return accessGrantFor({ personId: p.id, viewerSub: ctx.viewer.sub, scopes: p.scopes });
      },
    }),
  }),
});

builder.asEntity(PersonRef, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: ({ id }, ctx) => viewPerson(ctx, id),
});

builder.queryFields((t) => ({
  person: t.field({
    type: PersonRef,
    nullable: true,
    description:
      "A person. FORBIDDEN unless you are the holder or hold one of the holder's live consents; each field then needs its scope (passport fields PASSPORT, cpfAccount RIGHTS, funding plans FUNDING, recommendations RECOMMENDATIONS), so a prescriber consented FUNDING only sees the funding.",
    args: { id: t.arg.id({ required: true, description: 'Identifier of the person.' }) },
    resolve: async (_root, { id }, ctx) => {
      if (!ctx.viewer) throw unauthenticated('sign in to read a person');
      const personId = String(id);
      if ((await scopesOnPerson(ctx, personId)).length === 0) throw forbidden('not allowed to read this person');
      return viewPerson(ctx, personId);
    },
  }),
  me: t.field({
    type: PersonRef,
    nullable: true,
    description: 'Your own passport, when you sign in as a holder; null for professionals (advisers, funders…).',
    resolve: (_root, _args, ctx) => {
      if (!ctx.viewer) throw unauthenticated('sign in to read your passport');
      return ctx.viewer.role === 'holder' ? viewPerson(ctx, ctx.viewer.sub) : null;
    },
  }),
}));

/** The holder's own person, for the holder-only fields and mutations. */
export function requireHolder(ctx: PassportContext, personId?: string): string {
  if (!ctx.viewer) throw unauthenticated('sign in as the holder');
  if (ctx.viewer.role !== 'holder' || (personId !== undefined && ctx.viewer.sub !== personId)) {
    throw forbidden('only the holder may do this');
  }
  return ctx.viewer.sub;
}
