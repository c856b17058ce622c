// TrainingOption: a session considered for a person, with the score and the reasons.
// rights and abondements extend it with the CPF quote and the funding plan.
import { assertAccess } from '@formations/schema/auth';
import { asGraphQLAuthError, badUserInput } from '@formations/schema/subgraph';
import type { CatalogContext } from '../context.ts';
import type { SessionRow } from '../db/queries.ts';
import { sessionIdsForRome } from '../db/queries.ts';
import { evaluate, recommend, type Candidate, type PersonFacts } from '../domain/recommend.ts';
import { romeLabel } from '../domain/rome.ts';
import { builder } from './builder.ts';
import { codesOf, load } from './loaders.ts';
import { SessionRef, TrainingOptionRef, type TrainingOptionShape } from './refs.ts';

async function candidateOf(ctx: CatalogContext, session: SessionRow): Promise<Candidate> {
  const formation = await load.formation(ctx, session.formationId);
  const certificationCodes = formation?.certificationCode ? await load.certificationCodes(ctx, formation.certificationCode) : [];
  return {
    sessionId: session.id,
    startDate: session.debut,
    recruitment: session.etatRecrutement,
    modality: session.modalite,
    place: session.latitude !== null && session.longitude !== null ? { latitude: session.latitude, longitude: session.longitude } : null,
    trainingRomeCodes: await codesOf(ctx, session.formationId, 'ROME'),
    certificationRomeCodes: certificationCodes.filter((c) => c.kind === 'ROME').map((c) => c.code),
  };
}

async function candidates(ctx: CatalogContext, sessionIds: readonly string[]): Promise<Candidate[]> {
  const sessions = await Promise.all(sessionIds.map((id) => load.session(ctx, id)));
  return Promise.all(sessions.filter((s) => s !== null).map((s) => candidateOf(ctx, s)));
}

/** A session judged on its own (no person facts): place and timing only. */
async function optionWithoutPersonFacts(ctx: CatalogContext, personId: string, sessionId: string): Promise<TrainingOptionShape | null> {
  const session = await load.session(ctx, sessionId);
  if (!session) return null;
  return { personId, ...evaluate(await candidateOf(ctx, session), null, ctx.today, romeLabel) };
}

TrainingOptionRef.implement({
  description: 'A session considered for a person, with why it was chosen. The rights and abondements subgraphs add its CPF quote and funding plan.',
  fields: (t) => ({
    personId: t.exposeID('personId', { description: 'The person it is considered for.' }),
    sessionId: t.exposeID('sessionId', { description: 'The session considered.' }),
    person: t.field({ type: PersonRef, description: 'The person it is considered for.', resolve: (o) => ({ id: o.personId }) }),
    session: t.field({
      type: SessionRef,
      description: 'The session considered.',
      resolve: async (o, _, ctx) => {
        const session = await load.session(ctx, o.sessionId);
        if (!session) throw new Error(`session ${o.sessionId} missing`);
        return session;
      },
    }),
    score: t.exposeFloat('score', {
      description: 'How well it fits, 0 … 1: target job (60 %; a job met only through the certification counts 30 % of it), nearness (25 %, distance learning counts as near), how soon it starts (15 %).',
    }),
    reasons: t.exposeStringList('reasons', {
      description: 'Why, in words an adviser can repeat: "prépare au métier N1103 …", "à 12 km", "commence le 2026-01-12".',
    }),
    distanceKm: t.exposeFloat('distanceKm', { nullable: true, description: 'Distance from the person’s home in km; null for distance learning or unknown places.' }),
  }),
});

builder.asEntity(TrainingOptionRef, {
  key: builder.selection<{ personId: string; sessionId: string }>('personId sessionId'),
  resolveReference: ({ personId, sessionId }, ctx) => optionWithoutPersonFacts(ctx, personId, sessionId),
});

const MAX_RECOMMENDATIONS = 50;
const MAX_OPTIONS = 100;

export const PersonRef = builder.externalRef('Person', builder.selection<{ id: string }>('id'), (person) => person).implement({
  externalFields: (t) => ({
    accessGrant: t.string({ nullable: true }),
    targetRomeCodes: t.stringList(),
    competenceCodes: t.stringList(),
    homeLatitude: t.float({ nullable: true }),
    homeLongitude: t.float({ nullable: true }),
  }),
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The person id (owned by passport).' }),
    recommendedTrainings: t.field({
      type: [TrainingOptionRef],
      description:
        'Sessions that prepare for the person’s target jobs (by the training’s or its certification’s ROME codes), not started yet and open to recruitment, best first. FORBIDDEN without the person’s consent for recommendations.',
      args: { first: t.arg.int({ defaultValue: 5, description: `How many, 1 … ${MAX_RECOMMENDATIONS}.` }) },
      requires: builder.selection<{
        accessGrant?: string | null;
        targetRomeCodes?: string[];
        competenceCodes?: string[];
        homeLatitude?: number | null;
        homeLongitude?: number | null;
      }>('accessGrant targetRomeCodes competenceCodes homeLatitude homeLongitude'),
      resolve: async (person, { first }, ctx) => {
        await assertAccess(person.accessGrant, ctx.viewer, person.id, 'recommendations').catch(asGraphQLAuthError);
        const count = first ?? 5;
        if (!Number.isInteger(count) || count < 1 || count > MAX_RECOMMENDATIONS) throw badUserInput(`first must be between 1 and ${MAX_RECOMMENDATIONS}`);
        const targets = person.targetRomeCodes ?? [];
        if (targets.length === 0) return [];
        const facts: PersonFacts = {
          targetRomeCodes: targets,
          home: person.homeLatitude != null && person.homeLongitude != null ? { latitude: person.homeLatitude, longitude: person.homeLongitude } : null,
        };
        const ranked = recommend(await candidates(ctx, sessionIdsForRome(ctx.db.sqlite, targets)), facts, ctx.today, count, romeLabel);
        return ranked.map((r) => ({ personId: person.id, ...r }));
      },
    }),
    trainingOptions: t.field({
      type: [TrainingOptionRef],
      description:
        'The given sessions as options for the person (e.g. ones they picked), in the order asked; unknown ids are left out. Scored on timing only, since no target jobs are read. FORBIDDEN without the person’s consent for recommendations.',
      args: { sessionIds: t.arg.idList({ required: true, description: `Session ids, at most ${MAX_OPTIONS}.` }) },
      requires: builder.selection<{ accessGrant?: string | null }>('accessGrant'),
      resolve: async (person, { sessionIds }, ctx) => {
        await assertAccess(person.accessGrant, ctx.viewer, person.id, 'recommendations').catch(asGraphQLAuthError);
        if (sessionIds.length > MAX_OPTIONS) throw badUserInput(`at most ${MAX_OPTIONS} sessionIds`);
        const options = await Promise.all([...new Set(sessionIds.map(String))].map((id) => optionWithoutPersonFacts(ctx, person.id, id)));
        return options.filter((o) => o !== null);
      },
    }),
  }),
});
