import { builder } from './builder.ts';
import { CompetenceCategoryEnum, ProvenanceEnum } from './enums.ts';
import { JobRef } from './job.ts';
import { jobLoader } from './loaders.ts';
import type { ExperienceRow, PersonCompetenceRow } from '../db/store.ts';

export const PersonCompetenceRef = builder.objectRef<PersonCompetenceRow>('PersonCompetence').implement({
  description: 'A ROME 4.0 competence the person has, with where that fact comes from.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Identifier of this item of the passport.' }),
    code: t.exposeString('code', { description: 'ROME 4.0 code_ogr of the competence.' }),
    label: t.exposeString('label', { description: 'Label of the competence in ROME 4.0.' }),
    category: t.expose('category', { type: CompetenceCategoryEnum, description: 'Savoir-faire or savoir-être professionnel.' }),
    provenance: t.expose('provenance', {
      type: ProvenanceEnum,
      description: 'GUARANTEED when proven (certification, employer), DECLARED when the holder typed it in.',
    }),
  }),
});

export const ExperienceRef = builder.objectRef<ExperienceRow>('Experience').implement({
  description: 'A professional experience of the person.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Identifier of this item of the passport.' }),
    jobTitle: t.exposeString('jobTitle', { description: 'Job title as the person or the employer wrote it.' }),
    romeCode: t.exposeString('romeCode', { nullable: true, description: 'ROME 4.0 code of the job held, when known.' }),
    job: t.field({
      type: JobRef,
      nullable: true,
      description: 'The ROME 4.0 job held, when known.',
      resolve: (e, _args, ctx) => (e.romeCode ? jobLoader(ctx).load(e.romeCode) : null),
    }),
    employer: t.exposeString('employer', { nullable: true, description: 'Employer, as recorded.' }),
    startDate: t.expose('startDate', { type: 'Date', description: 'First day of the experience.' }),
    endDate: t.expose('endDate', { type: 'Date', nullable: true, description: 'Last day of the experience; null while it goes on.' }),
    provenance: t.expose('provenance', {
      type: ProvenanceEnum,
      description: 'GUARANTEED when the employer declared it (DSN), DECLARED when the holder typed it in.',
    }),
  }),
});
