// The holder's own edits: DECLARED items can be added, changed and deleted; GUARANTEED ones
// belong to their issuer and are refused.
import { randomUUID } from 'node:crypto';
import { parisDate } from '@formations/schema/clock';
import { badUserInput, forbidden, notFound } from '@formations/schema/subgraph';
import { builder } from './builder.ts';
import { PersonCertificationRef } from './certification.ts';
import { ExperienceRef, PersonCompetenceRef } from './person-items.ts';
import { PersonRef, requireHolder, viewPerson } from './person.ts';
import type { PassportContext } from '../context.ts';
import type * as q from '../db/store.ts';
import { certificationKindOf, certificationProblems, experienceProblems, targetJobsProblems } from '../domain/declared-items.ts';
import { editableByHolder, GUARANTEED_REFUSAL } from '../domain/provenance.ts';
import type { Provenance } from '../domain/types.ts';

const today = (ctx: PassportContext) => parisDate(ctx.now());

function refuse(action: string, problems: string[]): void {
  if (problems.length > 0) throw badUserInput(`cannot ${action}: ${problems.join('; ')}`, { problems });
}

/** The holder's own item, if DECLARED; someone else's answers as unknown so ids cannot be probed. */
function ownDeclared<T extends { personId: string; provenance: Provenance }>(item: T | null, holderId: string, what: string): T {
  if (!item || item.personId !== holderId) throw notFound(`no such ${what} in your passport`);
  if (!editableByHolder(item.provenance)) throw forbidden(GUARANTEED_REFUSAL);
  return item;
}

/** The signed-in holder, whose passport must exist before anything is added to it. */
async function holderWithPassport(ctx: PassportContext): Promise<string> {
  const holderId = requireHolder(ctx);
  if (!(await ctx.store.personsByIds([holderId]))[0]) throw notFound('no passport for you yet');
  return holderId;
}

async function unknownJobs(ctx: PassportContext, romeCodes: readonly string[]): Promise<string[]> {
  const found = await ctx.store.jobsByCodes(romeCodes);
  return romeCodes.filter((_, i) => !found[i]).map((code) => `no ROME 4.0 job ${code}`);
}

const CertificationInput = builder.inputType('DeclaredCertificationInput', {
  description: 'A certification the holder declares (it will be DECLARED until the certifier sends it).',
  fields: (t) => ({
    code: t.string({ required: true, description: 'RNCP or RS number, e.g. "RNCP35340" or "RS6962".' }),
    title: t.string({ required: true, description: 'Title of the certification.' }),
    level: t.int({ description: 'Qualification level 1–8 for an RNCP certification; leave empty for an RS one.' }),
    obtainedOn: t.field({ type: 'Date', description: 'Date obtained, if known (not in the future).' }),
  }),
});

const ExperienceInput = builder.inputType('DeclaredExperienceInput', {
  description: 'A professional experience the holder declares.',
  fields: (t) => ({
    jobTitle: t.string({ required: true, description: 'Job title, in the holder’s words.' }),
    romeCode: t.string({ description: 'ROME 4.0 code of the job, if known (searchJobs finds it).' }),
    employer: t.string({ description: 'Employer.' }),
    startDate: t.field({ type: 'Date', required: true, description: 'First day (not in the future).' }),
    endDate: t.field({ type: 'Date', description: 'Last day; empty while it goes on.' }),
  }),
});

type CertificationArgs = { code: string; title: string; level?: number | null; obtainedOn?: string | null };
type ExperienceArgs = { jobTitle: string; romeCode?: string | null; employer?: string | null; startDate: string; endDate?: string | null };

function checkedCertification(ctx: PassportContext, input: CertificationArgs): q.NewCertification {
  const values = { code: input.code.trim().toUpperCase(), title: input.title.trim(), level: input.level ?? null, obtainedOn: input.obtainedOn ?? null };
  const kind = certificationKindOf(values.code);
  const problems = certificationProblems(values, today(ctx));
  if (!kind || problems.length > 0) throw badUserInput(`cannot save this certification: ${problems.join('; ')}`, { problems });
  return { ...values, kind };
}

async function checkedExperience(ctx: PassportContext, input: ExperienceArgs): Promise<q.NewExperience> {
  const values = {
    jobTitle: input.jobTitle.trim(),
    romeCode: input.romeCode ?? null,
    employer: input.employer ?? null,
    startDate: input.startDate,
    endDate: input.endDate ?? null,
  };
  refuse('save this experience', [...experienceProblems(values, today(ctx)), ...(values.romeCode ? await unknownJobs(ctx, [values.romeCode]) : [])]);
  return values;
}

builder.mutationFields((t) => ({
  addCompetence: t.field({
    type: PersonCompetenceRef,
    description: 'The holder declares a ROME 4.0 competence (searchable on the job sheets). Holder only.',
    args: { code: t.arg.string({ required: true, description: 'ROME 4.0 code_ogr of the competence.' }) },
    resolve: async (_root, { code }, ctx) => {
      const holderId = await holderWithPassport(ctx);
      if (!(await ctx.store.competencesByCodes([code]))[0]) throw badUserInput(`no ROME 4.0 competence ${code}`);
      const held = (await ctx.store.competencesOfPersons([holderId]))[0] ?? [];
      if (held.some((c) => c.code === code)) throw badUserInput('this competence is already in your passport');
      const id = randomUUID();
      await ctx.store.addCompetence(holderId, id, code);
      const added = (await ctx.store.competencesOfPersons([holderId]))[0]?.find((c) => c.id === id);
      if (!added) throw new Error('competence not saved');
      return added;
    },
  }),
  deleteCompetence: t.id({
    description: 'The holder removes a competence they declared; answers its id. GUARANTEED ones are refused. Holder only.',
    args: { id: t.arg.id({ required: true, description: 'Identifier of the competence item.' }) },
    resolve: async (_root, { id }, ctx) => {
      const holderId = requireHolder(ctx);
      const item = ownDeclared(await ctx.store.personCompetenceById(String(id)), holderId, 'competence');
      await ctx.store.deleteCompetence(holderId, item.id);
      return item.id;
    },
  }),
  addCertification: t.field({
    type: PersonCertificationRef,
    description: 'The holder declares a certification. Holder only.',
    args: { input: t.arg({ type: CertificationInput, required: true, description: 'The certification as the holder declares it.' }) },
    resolve: async (_root, { input }, ctx) => {
      const holderId = await holderWithPassport(ctx);
      return ctx.store.addCertification(holderId, randomUUID(), checkedCertification(ctx, input));
    },
  }),
  updateCertification: t.field({
    type: PersonCertificationRef,
    description: 'The holder corrects a certification they declared. GUARANTEED ones are refused. Holder only.',
    args: {
      id: t.arg.id({ required: true, description: 'Identifier of the certification item.' }),
      input: t.arg({ type: CertificationInput, required: true, description: 'The corrected certification (replaces every field).' }),
    },
    resolve: async (_root, { id, input }, ctx) => {
      const holderId = requireHolder(ctx);
      const item = ownDeclared(await ctx.store.certificationById(String(id)), holderId, 'certification');
      const updated = await ctx.store.updateCertification(holderId, item.id, checkedCertification(ctx, input));
      if (!updated) throw notFound('no such certification in your passport');
      return updated;
    },
  }),
  deleteCertification: t.id({
    description: 'The holder removes a certification they declared; answers its id. GUARANTEED ones are refused. Holder only.',
    args: { id: t.arg.id({ required: true, description: 'Identifier of the certification item.' }) },
    resolve: async (_root, { id }, ctx) => {
      const holderId = requireHolder(ctx);
      const item = ownDeclared(await ctx.store.certificationById(String(id)), holderId, 'certification');
      await ctx.store.deleteCertification(holderId, item.id);
      return item.id;
    },
  }),
  addExperience: t.field({
    type: ExperienceRef,
    description: 'The holder declares a professional experience. Holder only.',
    args: { input: t.arg({ type: ExperienceInput, required: true, description: 'The experience as the holder declares it.' }) },
    resolve: async (_root, { input }, ctx) => {
      const holderId = await holderWithPassport(ctx);
      return ctx.store.addExperience(holderId, randomUUID(), await checkedExperience(ctx, input));
    },
  }),
  updateExperience: t.field({
    type: ExperienceRef,
    description: 'The holder corrects an experience they declared. GUARANTEED ones (from the DSN) are refused. Holder only.',
    args: {
      id: t.arg.id({ required: true, description: 'Identifier of the experience.' }),
      input: t.arg({ type: ExperienceInput, required: true, description: 'The corrected experience (replaces every field).' }),
    },
    resolve: async (_root, { id, input }, ctx) => {
      const holderId = requireHolder(ctx);
      const item = ownDeclared(await ctx.store.experienceById(String(id)), holderId, 'experience');
      const updated = await ctx.store.updateExperience(holderId, item.id, await checkedExperience(ctx, input));
      if (!updated) throw notFound('no such experience in your passport');
      return updated;
    },
  }),
  deleteExperience: t.id({
    description: 'The holder removes an experience they declared; answers its id. GUARANTEED ones are refused. Holder only.',
    args: { id: t.arg.id({ required: true, description: 'Identifier of the experience.' }) },
    resolve: async (_root, { id }, ctx) => {
      const holderId = requireHolder(ctx);
      const item = ownDeclared(await ctx.store.experienceById(String(id)), holderId, 'experience');
      await ctx.store.deleteExperience(holderId, item.id);
      return item.id;
    },
  }),
  setTargetJobs: t.field({
    type: PersonRef,
    description: 'The holder says which ROME 4.0 jobs they aim at, most wanted first (at most 5); recommendations follow them. Holder only.',
    args: { romeCodes: t.arg.stringList({ required: true, description: 'ROME codes, e.g. ["N1103", "N1101"].' }) },
    resolve: async (_root, { romeCodes }, ctx) => {
      const holderId = await holderWithPassport(ctx);
      refuse('set these target jobs', [...targetJobsProblems(romeCodes), ...(await unknownJobs(ctx, romeCodes))]);
      await ctx.store.setTargetJobs(holderId, romeCodes);
      const person = await viewPerson(ctx, holderId);
      if (!person) throw notFound('no passport for you yet');
      return person;
    },
  }),
}));
