// The passport exported: Open Badges 3.0 credentials and a printable CV page. Same access as the
// passport itself (the holder, or a viewer with a live consent holding the passport scope); the
// birth date and the NIR are never part of either.
import { parisDate } from '@formations/schema/clock';
import { builder } from './builder.ts';
import { certificationsOfPerson, competencesOfPerson, experiencesOfPerson, jobLoader, targetRomeCodesOfPerson } from './loaders.ts';
import { PersonRef, reveal } from './person.ts';
import type { PassportContext } from '../context.ts';
import type { JobRow, PersonRow } from '../db/store.ts';
import { cvHtml } from '../export/cv-html.ts';
import { openBadgeCredentials, type OpenBadgeCredential } from '../export/open-badges.ts';

interface ExportShape {
  credentials: OpenBadgeCredential[];
  generatedAt: string;
}

const PassportExportRef = builder.objectRef<ExportShape>('PassportExport').implement({
  description: 'The passport in exchange formats.',
  fields: (t) => ({
    openBadges: t.string({
      description:
        'The certifications as Open Badges 3.0 credentials (W3C VC 2.0 JSON-LD): a JSON array, one OpenBadgeCredential per certification, most recent first. Unsigned (no proof): provenance (GUARANTEED by the certifier, or DECLARED by the holder) is given as evidence.',
      resolve: (e) => JSON.stringify(e.credentials),
    }),
    credentialCount: t.int({ description: 'How many credentials openBadges holds.', resolve: (e) => e.credentials.length }),
    signed: t.boolean({ description: 'Whether the credentials carry a proof. Always false for now: see openBadges.', resolve: () => false }),
    generatedAt: t.field({ type: 'DateTime', description: 'When the export was produced.', resolve: (e) => e.generatedAt }),
  }),
});

async function jobsOf(ctx: PassportContext, codes: readonly string[]): Promise<JobRow[]> {
  const jobs = await jobLoader(ctx).loadMany(codes);
  return jobs.flatMap((job) => (job && !(job instanceof Error) ? [job] : []));
}

const holderOf = (row: PersonRow) => ({ id: row.id, givenName: row.givenName, familyName: row.familyName });

builder.objectFields(PersonRef, (t) => ({
  passportExport: t.field({
    type: PassportExportRef,
    description: 'The passport as Open Badges 3.0 / Europass credentials. Same readers as the passport.',
    resolve: async (p, _args, ctx) => {
      const row = reveal(p, 'passport');
      const now = ctx.now();
      return { credentials: openBadgeCredentials(holderOf(row), await certificationsOfPerson(ctx).load(row.id), now), generatedAt: now.toISOString() };
    },
  }),
  cvHtml: t.string({
    description:
      'The passport as a printable CV page (French): a complete, self-contained HTML document with print CSS, no script and no external resource, every value escaped; each item marked garanti or déclaré. Same readers as the passport.',
    resolve: async (p, _args, ctx) => {
      const row = reveal(p, 'passport');
      const [certifications, experiences, competences, targetCodes] = await Promise.all([
        certificationsOfPerson(ctx).load(row.id),
        experiencesOfPerson(ctx).load(row.id),
        competencesOfPerson(ctx).load(row.id),
        targetRomeCodesOfPerson(ctx).load(row.id),
      ]);
      const experienceJobs = await jobsOf(ctx, [...new Set(experiences.flatMap((e) => (e.romeCode ? [e.romeCode] : [])))]);
      return cvHtml({
        givenName: row.givenName,
        familyName: row.familyName,
        homeName: row.homeName,
        homePostalCode: row.homePostalCode,
        targetJobs: await jobsOf(ctx, targetCodes),
        certifications,
        experiences,
        competences,
        jobLabels: new Map(experienceJobs.map((j) => [j.code, j.label])),
        generatedOn: parisDate(ctx.now()),
      });
    },
  }),
}));
