import { builder } from './builder.ts';
import { CompetenceCategoryEnum } from './enums.ts';
import { appellationsOfJob, jobLoader, requiredCompetencesOfJob } from './loaders.ts';
import type { CompetenceRow, JobRow } from '../db/store.ts';

export const CompetenceRef = builder.objectRef<Pick<CompetenceRow, 'code' | 'label' | 'category' | 'isMacro'>>('Competence').implement({
  description: 'A competence of the ROME 4.0 referential (France Travail).',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'ROME 4.0 code_ogr of the competence, e.g. "300490".' }),
    label: t.exposeString('label', { description: 'Label of the competence, e.g. "Faire preuve de rigueur et de précision".' }),
    category: t.expose('category', { type: CompetenceCategoryEnum, description: 'Savoir-faire or savoir-être professionnel.' }),
    isMacro: t.exposeBoolean('isMacro', { description: 'True for a macro-competence, which groups several finer competences.' }),
  }),
});

export const JobRef = builder.objectRef<JobRow>('Job').implement({
  description: 'A job sheet (fiche métier) of ROME 4.0, identified by its ROME code.',
  fields: (t) => ({
    romeCode: t.string({ description: 'ROME code of the job, e.g. "J1501".', resolve: (job) => job.code }),
    label: t.exposeString('label', { description: 'Title of the job sheet, e.g. "Aide-soignant / Aide-soignante".' }),
    appellations: t.stringList({
      description: 'The other names of the job (appellations), as people search for it.',
      resolve: (job, _args, ctx) => appellationsOfJob(ctx).load(job.code),
    }),
    competences: t.field({
      type: [CompetenceRef],
      description: 'The competences ROME 4.0 lists for this job (savoir-faire and savoir-être professionnel).',
      resolve: (job, _args, ctx) => requiredCompetencesOfJob(ctx).load(job.code),
    }),
  }),
});

builder.asEntity(JobRef, {
  key: builder.selection<{ romeCode: string }>('romeCode'),
  resolveReference: ({ romeCode }, ctx) => jobLoader(ctx).load(romeCode),
});
