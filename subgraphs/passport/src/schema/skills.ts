// Jobs: search by label, the gap between a person and a job, and where the person can move.
import { badUserInput, notFound } from '@formations/schema/subgraph';
import { builder } from './builder.ts';
import { CompetenceRef, JobRef } from './job.ts';
import { competencesOfPerson, experiencesOfPerson, jobLoader, requiredCompetencesOfJob } from './loaders.ts';
import { PersonRef, reveal } from './person.ts';
import type { PassportContext } from '../context.ts';
import type * as q from '../db/store.ts';
import { rankJobMatches, searchWords } from '../domain/search-text.ts';
import { rankMobility, skillsGap, type SkillsGap } from '../domain/skills-gap.ts';

interface GapShape extends SkillsGap<q.CompetenceRow> {
  job: q.JobRow;
}

const SkillsGapRef = builder.objectRef<GapShape>('SkillsGap').implement({
  description: 'What a person already has and still lacks of the competences ROME 4.0 lists for a job (same code_ogr = held).',
  fields: (t) => ({
    job: t.field({ type: JobRef, description: 'The job compared with.', resolve: (g) => g.job }),
    held: t.field({ type: [CompetenceRef], description: 'Competences of the job the person already has.', resolve: (g) => g.held }),
    missing: t.field({
      type: [CompetenceRef],
      description: 'Competences of the job the person still lacks: what a training should bring.',
      resolve: (g) => g.missing,
    }),
    coverage: t.exposeFloat('coverage', { description: 'Share of the job’s competences already held, from 0 to 1 (held ÷ listed).' }),
  }),
});

interface MobilityShape {
  fromRomeCode: string;
  rank: number;
  gap: GapShape;
}

const MobilityOptionRef = builder.objectRef<MobilityShape>('MobilityOption').implement({
  description: 'A job ROME 4.0 lists as a move from a job the person held, with the competences still to acquire.',
  fields: (t) => ({
    job: t.field({ type: JobRef, description: 'The job one can move to.', resolve: (m) => m.gap.job }),
    fromRomeCode: t.exposeString('fromRomeCode', { description: 'ROME code of the job held that this move starts from.' }),
    rank: t.exposeInt('rank', { description: 'France Travail’s order of this move among those from the job held (1 = the closest).' }),
    missingCount: t.int({ description: 'How many of the job’s competences the person still lacks.', resolve: (m) => m.gap.missing.length }),
    gap: t.field({ type: SkillsGapRef, description: 'The detail: competences held and missing.', resolve: (m) => m.gap }),
  }),
});

async function gapFor(ctx: PassportContext, personId: string, job: q.JobRow): Promise<GapShape> {
  const [held, required] = await Promise.all([competencesOfPerson(ctx).load(personId), requiredCompetencesOfJob(ctx).load(job.code)]);
  return { job, ...skillsGap(new Set(held.map((c) => c.code)), required) };
}

builder.objectFields(PersonRef, (t) => ({
  skillsGap: t.field({
    type: SkillsGapRef,
    description: 'The competences the person has and lacks for a ROME 4.0 job.',
    args: { romeCode: t.arg.string({ required: true, description: 'ROME code of the job, e.g. "N1103".' }) },
    resolve: async (p, { romeCode }, ctx) => {
      const personId = reveal(p, 'passport').id;
      const job = await jobLoader(ctx).load(romeCode);
      if (!job) throw notFound(`no ROME 4.0 job ${romeCode}`);
      return gapFor(ctx, personId, job);
    },
  }),
  mobility: t.field({
    type: [MobilityOptionRef],
    description: 'Jobs reachable from the jobs the person held (ROME 4.0 mobility), the fewest competences to acquire first.',
    args: { first: t.arg.int({ required: true, defaultValue: 10, description: 'How many jobs, at most (1–50).' }) },
    resolve: async (p, { first }, ctx) => {
      const personId = reveal(p, 'passport').id;
      if (first < 1 || first > 50) throw badUserInput('first must be between 1 and 50');
      const held = [...new Set((await experiencesOfPerson(ctx).load(personId)).flatMap((e) => (e.romeCode ? [e.romeCode] : [])))];
      // A job reachable from several jobs held keeps its closest move.
      const moves = new Map<string, { fromRomeCode: string; rank: number }>();
      for (const m of await ctx.store.mobilityFrom(held)) {
        if (held.includes(m.targetRomeCode) || moves.has(m.targetRomeCode)) continue;
        moves.set(m.targetRomeCode, { fromRomeCode: m.romeCode, rank: m.rank });
      }
      const options = await Promise.all(
        [...moves].map(async ([target, move]) => {
          const job = await jobLoader(ctx).load(target);
          return job ? { ...move, romeCode: target, gap: await gapFor(ctx, personId, job) } : null;
        }),
      );
      const found = options.flatMap((o) => (o ? [{ ...o, missingCount: o.gap.missing.length }] : []));
      return rankMobility(found).slice(0, first);
    },
  }),
}));

builder.queryFields((t) => ({
  searchJobs: t.field({
    type: [JobRef],
    description:
      'ROME 4.0 jobs whose title or one of whose appellations contains every word of the text, ignoring accents, case and punctuation ("aide-soignant" finds J1501). Best first: matched by title, title starting with the first word, shorter title.',
    args: {
      text: t.arg.string({ required: true, description: 'Words of the job title, e.g. "preparateur commandes".' }),
      first: t.arg.int({ required: true, defaultValue: 20, description: 'How many jobs, at most (1–100).' }),
    },
    resolve: async (_root, { text, first }, ctx) => {
      if (first < 1 || first > 100) throw badUserInput('first must be between 1 and 100');
      const words = searchWords(text);
      if (words.length === 0) throw badUserInput('type at least one letter or digit to search');
      return rankJobMatches(words, await ctx.store.jobsMatching(words)).slice(0, first);
    },
  }),
}));
