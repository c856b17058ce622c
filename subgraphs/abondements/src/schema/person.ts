import { GraphQLError } from 'graphql';
import { selectionShapeKey, type Selection } from '@pothos/plugin-federation';
import { badUserInput, requireAccess } from '@formations/schema/subgraph';
import { rankByRelevanceAndCost } from '../domain/ranking.ts';
import { builder } from './builder.ts';
import { DotationRef } from './dotation.ts';
import { FranceTravailRequestRef } from './france-travail-request.ts';
import { dotationsLoader, requestsLoader } from './loaders.ts';
import { FUNDING_REQUIREMENTS, planOf, type FundingRequirements } from './plans.ts';
import { FundingPlanRef } from './funding-plan.ts';
import { TrainingOptionRef } from './refs.ts';
import { ProvidedSessionRef, SESSION_CARD, type SessionCard } from './session.ts';
import type { FundingPlan } from '../domain/funding-plan.ts';

export { dotationsLoader };

type Candidate = FundingRequirements & {
  personId: string;
  sessionId: string;
  score: number;
  reasons: string[];
  distanceKm: number | null;
  session: SessionCard;
};
type FundableRequirements = { accessGrant: string | null; recommendationCandidates: Candidate[] | null };

// Built by hand, like fundingPlan's: the typed selection string is too deep for the compiler.
// The session's card comes along so that the answer needs nothing more from catalog.
const fundableRequirements: Selection<FundableRequirements> = {
  selection: `accessGrant recommendationCandidates { personId sessionId score reasons distanceKm ${FUNDING_REQUIREMENTS} session { id ${SESSION_CARD} } }`,
  [selectionShapeKey]: {} as FundableRequirements,
};

const MAX_FUNDABLE = 30;

interface FundableTraining {
  personId: string;
  sessionId: string;
  score: number;
  reasons: string[];
  distanceKm: number | null;
  session: SessionCard;
  plan: FundingPlan | null;
}

// A value type, not a TrainingOption: its plan is the one computed to rank it (not asked for
// again), and its session card is provided, so the flagship ends here.
const FundableTrainingRef = builder.objectRef<FundableTraining>('FundableTraining').implement({
  description: "A recommended session with the funding plan it was ranked by: catalog's relevance and reasons, and the money.",
  fields: (t) => ({
    personId: t.exposeID('personId', { description: 'The person considered.' }),
    sessionId: t.exposeID('sessionId', { description: 'The session considered.' }),
    score: t.exposeFloat('score', { description: "catalog's relevance, 0 … 1 (TrainingOption.score)." }),
    reasons: t.exposeStringList('reasons', { description: 'Why catalog chose it, in words an adviser can repeat (TrainingOption.reasons).' }),
    distanceKm: t.exposeFloat('distanceKm', { nullable: true, description: 'Distance from home in km; null for distance learning or unknown places.' }),
    session: t.field({ type: ProvidedSessionRef, description: 'The session; its price, dates and training come with it.', resolve: (f) => f.session }),
    fundingPlan: t.field({
      type: FundingPlanRef,
      nullable: true,
      description: 'How it would be paid (as TrainingOption.fundingPlan): the plan it was ranked by. Null when the price is unknown.',
      resolve: (f) => f.plan,
    }),
  }),
});

export const PersonRef = builder.externalRef('Person', builder.selection<{ id: string }>('id')).implement({
  externalFields: (t) => ({
    accessGrant: t.string({ nullable: true }),
    recommendationCandidates: t.field({ type: [TrainingOptionRef], nullable: true }),
  }),
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Identifier of the person (passport).' }),
    dotations: t.field({
      type: [DotationRef],
      // Nullable: if abondements fails, the person's other fields still arrive.
      nullable: true,
      description:
        "Supplementary rights funders credited to this person's CPF account (employer dotations…), spent before the holder's own rights under décret 2025-1156 (in force 5 Dec 2025). Needs the holder's consent (scope funding).",
      requires: builder.selection<{ accessGrant?: string | null }>('accessGrant'),
      resolve: async (person, _args, ctx) => {
        // Loading before the (async) access check keeps every person's load in the same batch.
        const [, dotations] = await Promise.all([requireAccess(person.accessGrant, ctx.viewer, person.id, 'funding'), dotationsLoader(ctx).load(person.id)]);
        return dotations;
      },
    }),
    fundableTrainings: t.field({
      type: [FundableTrainingRef],
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
        if (!candidates)
          throw new GraphQLError("les recommandations sont indisponibles (catalog n'a pas répondu)", {
            extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'catalog' },
          });
        // Loading before the (async) access checks keeps every plan's load in the same batch.
        const [, , plans] = await Promise.all([
          requireAccess(person.accessGrant, ctx.viewer, person.id, 'recommendations'),
          requireAccess(person.accessGrant, ctx.viewer, person.id, 'funding'),
          Promise.all(candidates.map((c) => planOf(ctx, c))),
        ]);
        const options = candidates.map((c, i) => ({ ...c, relevance: c.score, plan: plans[i] ?? null, remainingCost: plans[i]?.remainingCost ?? null }));
        return rankByRelevanceAndCost(options, first, maxRemainingCost ?? null).map(({ option }) => ({
          personId: option.personId,
          sessionId: option.sessionId,
          score: option.score,
          reasons: option.reasons,
          distanceKm: option.distanceKm,
          session: option.session,
          plan: option.plan,
        }));
      },
    }),
    franceTravailRequests: t.field({
      type: [FranceTravailRequestRef],
      // Nullable: if abondements fails, the person's other fields still arrive.
      nullable: true,
      description: "The job seeker's requests to France Travail, oldest first, with their status today. Needs the holder's consent (scope funding).",
      requires: builder.selection<{ accessGrant?: string | null }>('accessGrant'),
      resolve: async (person, _args, ctx) => {
        const [, requests] = await Promise.all([requireAccess(person.accessGrant, ctx.viewer, person.id, 'funding'), requestsLoader(ctx).load(person.id)]);
        return requests;
      },
    }),
  }),
});
