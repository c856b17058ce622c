import { GraphQLError } from 'graphql';
import { assertAccess } from '@formations/schema/auth';
import { selectionShapeKey, type Selection } from '@pothos/plugin-federation';
import { asGraphQLAuthError, badUserInput } from '@formations/schema/subgraph';
import { rankByRelevanceAndCost } from '../domain/ranking.ts';
import { builder } from './builder.ts';
import { DotationType } from './dotation.ts';
import { HolderStatusEnum } from './enums.ts';
import { FranceTravailRequestType, requestsLoader } from './france-travail-request.ts';
import { FUNDING_REQUIREMENTS, dotationsLoader, planOf, type FundingRequirements } from './plans.ts';
import { TrainingOptionRef } from './refs.ts';

export { dotationsLoader };

type Candidate = FundingRequirements & { personId: string; sessionId: string; score: number; reasons: string[]; distanceKm: number | null };
type FundableRequirements = { accessGrant: string | null; recommendationCandidates: Candidate[] | null };

// Built by hand, like fundingPlan's: the typed selection string is too deep for the compiler.
const fundableRequirements: Selection<FundableRequirements> = {
  selection: `accessGrant recommendationCandidates { personId sessionId score reasons distanceKm ${FUNDING_REQUIREMENTS} }`,
  [selectionShapeKey]: {} as FundableRequirements,
};

const MAX_FUNDABLE = 30;
/** The options come back with catalog's relevance and reasons, so the gateway need not ask catalog again. */
const ProvidedTrainingOption = TrainingOptionRef.provides<{ score: number; reasons: string[]; distanceKm: number | null }>('score reasons distanceKm');

export const PersonRef = builder.externalRef('Person', builder.selection<{ id: string }>('id')).implement({
  externalFields: (t) => ({
    accessGrant: t.string({ nullable: true }),
    status: t.field({ type: HolderStatusEnum }),
    qualificationLevel: t.int({ nullable: true }),
    homeRegion: t.string({ nullable: true }),
    homeDepartement: t.string({ nullable: true }),
    employerSiret: t.string({ nullable: true }),
    employerIdcc: t.string({ nullable: true }),
    recommendationCandidates: t.field({ type: [TrainingOptionRef], nullable: true }),
  }),
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Identifier of the person (passport).' }),
    dotations: t.field({
      type: [DotationType],
      // Nullable: if abondements fails, the person's other fields still arrive.
      nullable: true,
      description:
        "Supplementary rights funders credited to this person's CPF account (employer dotations…), spent before the holder's own rights under décret 2025-1156 (in force 5 Dec 2025). Needs the holder's consent (scope funding).",
      requires: builder.selection<{ accessGrant?: string | null }>('accessGrant'),
      resolve: async (person, _args, ctx) => {
        // Loading before the (async) access check keeps every person's load in the same batch.
        const [, dotations] = await Promise.all([
          assertAccess(person.accessGrant, ctx.viewer, person.id, 'funding').catch(asGraphQLAuthError),
          dotationsLoader(ctx).load(person.id),
        ]);
        return dotations;
      },
    }),
    fundableTrainings: t.field({
      type: [ProvidedTrainingOption],
      // Nullable: if abondements fails, the person's other fields still arrive.
      nullable: true,
      description:
        "The person's recommended sessions (catalog's Person.recommendedTrainings: target job, gap closed, nearness, start) re-ranked with what each would cost them under its funding plan, 70 % relevance and 30 % affordability (1 when nothing remains to pay, ½ at 1,000 €). With maxRemainingCost, only the sessions whose plan leaves at most that to pay; sessions of unknown price are then left out. Chosen among catalog's 30 most relevant sessions. Each option's score and reasons are catalog's; its fundingPlan gives the money. Needs the holder's consent for recommendations and funding.",
      args: {
        first: t.arg.int({ required: true, defaultValue: 5, description: `How many, 1 … ${MAX_FUNDABLE}.` }),
        maxRemainingCost: t.arg({ type: 'Cents', description: 'At most this left for the person to pay (FundingPlan.remainingCost), in cents.' }),
      },
      requires: fundableRequirements,
      resolve: async (person, { first, maxRemainingCost }, ctx) => {
        if (first < 1 || first > MAX_FUNDABLE) throw badUserInput(`first doit être compris entre 1 et ${MAX_FUNDABLE}`);
        if (maxRemainingCost != null && maxRemainingCost < 0) throw badUserInput('maxRemainingCost ne peut pas être négatif');
        const candidates = person.recommendationCandidates;
        // No candidates means catalog failed upstream; an empty list would wrongly say "nothing fundable".
        if (!candidates) throw new GraphQLError("les recommandations sont indisponibles (catalog n'a pas répondu)", { extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'catalog' } });
        // Loading before the (async) access checks keeps every plan's load in the same batch.
        const [, , plans] = await Promise.all([
          assertAccess(person.accessGrant, ctx.viewer, person.id, 'recommendations').catch(asGraphQLAuthError),
          assertAccess(person.accessGrant, ctx.viewer, person.id, 'funding').catch(asGraphQLAuthError),
          Promise.all(candidates.map((c) => planOf(ctx, c))),
        ]);
        const options = candidates.map((c, i) => ({ ...c, relevance: c.score, remainingCost: plans[i]?.remainingCost ?? null }));
        return rankByRelevanceAndCost(options, first, maxRemainingCost ?? null).map(({ option }) => ({
          personId: option.personId,
          sessionId: option.sessionId,
          score: option.score,
          reasons: option.reasons,
          distanceKm: option.distanceKm,
        }));
      },
    }),
    franceTravailRequests: t.field({
      type: [FranceTravailRequestType],
      // Nullable: if abondements fails, the person's other fields still arrive.
      nullable: true,
      description: "The job seeker's requests to France Travail, oldest first, with their status today. Needs the holder's consent (scope funding).",
      requires: builder.selection<{ accessGrant?: string | null }>('accessGrant'),
      resolve: async (person, _args, ctx) => {
        const [, requests] = await Promise.all([
          assertAccess(person.accessGrant, ctx.viewer, person.id, 'funding').catch(asGraphQLAuthError),
          requestsLoader(ctx).load(person.id),
        ]);
        return requests;
      },
    }),
  }),
});
