import { requireAccess } from '@formations/schema/subgraph';
import { selectionShapeKey, type Selection } from '@pothos/plugin-federation';
import { builder } from './builder.ts';
import { CpfQuoteRef } from './cpf-quote.ts';
import { FundingPlanRef } from './funding-plan.ts';
import { FUNDING_REQUIREMENTS, planOf, type FundingRequirements } from './plans.ts';
import { TrainingOptionRef } from './refs.ts';
import { HolderFactsRef, SessionFactsRef, SessionRef } from './session.ts';

// The contract's @requires, verbatim. Built by hand because Pothos' typed selection string
// enumerates every field order of the shape, which is too deep for the compiler at this size.
const fundingRequirements: Selection<FundingRequirements> = {
  selection: FUNDING_REQUIREMENTS,
  [selectionShapeKey]: {} as FundingRequirements,
};

TrainingOptionRef.implement({
  externalFields: (t) => ({
    holder: t.field({ type: HolderFactsRef, nullable: true }),
    session: t.field({ type: SessionRef }),
    sessionFacts: t.field({ type: SessionFactsRef }),
    cpfQuote: t.field({ type: CpfQuoteRef, nullable: true }),
    // catalog's relevance, read by Person.fundableTrainings and provided back with its options.
    score: t.float(),
    reasons: t.stringList(),
    distanceKm: t.float({ nullable: true }),
  }),
  fields: (t) => ({
    personId: t.exposeID('personId', { description: 'The person considered.' }),
    sessionId: t.exposeID('sessionId', { description: 'The session considered.' }),
    fundingPlan: t.field({
      type: FundingPlanRef,
      nullable: true,
      description:
        "How this session would be paid for this person: the holder's CPF rights, dotations and automated top-ups in the legal order, and what remains. A simulation that reserves nothing; null when the price is unknown. Needs the holder's consent (scope funding).",
      requires: fundingRequirements,
      resolve: async (option, _args, ctx) => {
        // Loading before the (async) access check keeps every option's load in the same batch.
        const [, plan] = await Promise.all([
          // holder is null when passport failed upstream: no grant, so FORBIDDEN, not a crash.
          requireAccess(option.holder?.accessGrant, ctx.viewer, option.personId, 'funding'),
          planOf(ctx, option),
        ]);
        return plan;
      },
    }),
  }),
});
