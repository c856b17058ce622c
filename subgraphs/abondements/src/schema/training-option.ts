import { selectionShapeKey, type Selection } from '@pothos/plugin-federation';
import { assertAccess } from '@formations/schema/auth';
import { asGraphQLAuthError, loader } from '@formations/schema/subgraph';
import { frenchDate } from '../clock.ts';
import { allRules } from '../db/queries.ts';
import { buildFundingPlan } from '../domain/funding-plan.ts';
import type { CpfQuote, FundingRule, PersonFacts } from '../domain/types.ts';
import type { AbondementsContext } from '../context.ts';
import { builder } from './builder.ts';
import { CpfQuoteType } from './cpf-quote.ts';
import { FundingPlanType } from './funding-plan.ts';
import { requestsLoader } from './france-travail-request.ts';
import { PersonRef, dotationsLoader } from './person.ts';
import { SessionRef, type RequiredSession } from './session.ts';

/** Every rule, read once per request however many plans it computes. */
const rulesLoader = (ctx: AbondementsContext) =>
  loader<'all', FundingRule[]>(ctx, 'allRules', (keys) => {
    const rules = allRules(ctx.db);
    return keys.map(() => rules);
  });

type FundingRequirements = {
  cpfQuote: CpfQuote | null;
  person: Omit<PersonFacts, 'id'> & { accessGrant: string | null };
  session: RequiredSession;
};

// The contract's @requires, verbatim. Built by hand because Pothos' typed selection string
// enumerates every field order of the shape, which is too deep for the compiler at this size.
const fundingRequirements: Selection<FundingRequirements> = {
  selection: [
    'cpfQuote { date price balance eligible ineligibilityReason spendingCap',
    'participation { amount due exemptionReason exemptWithTopUpFrom legalSource } }',
    'person { accessGrant status qualificationLevel homeRegion homeDepartement employerSiret employerIdcc }',
    'session { price startDate region formacodes romeCodes certificationCode }',
  ].join(' '),
  [selectionShapeKey]: {} as FundingRequirements,
};

builder.externalRef('TrainingOption', builder.selection<{ personId: string; sessionId: string }>('personId sessionId')).implement({
  externalFields: (t) => ({
    person: t.field({ type: PersonRef }),
    session: t.field({ type: SessionRef }),
    cpfQuote: t.field({ type: CpfQuoteType, nullable: true }),
  }),
  fields: (t) => ({
    personId: t.exposeID('personId', { description: 'The person considered.' }),
    sessionId: t.exposeID('sessionId', { description: 'The session considered.' }),
    fundingPlan: t.field({
      type: FundingPlanType,
      nullable: true,
      description:
        "How this session would be paid for this person: the holder's CPF rights, dotations and automated top-ups in the legal order, and what remains. A simulation that reserves nothing; null when the price is unknown. Needs the holder's consent (scope funding).",
      requires: fundingRequirements,
      resolve: async (option, _args, ctx) => {
        // Loading before the (async) access check keeps every option's load in the same batch.
        const [, rules, dotations, franceTravailRequests] = await Promise.all([
          assertAccess(option.person.accessGrant, ctx.viewer, option.personId, 'funding').catch(asGraphQLAuthError),
          rulesLoader(ctx).load('all'),
          dotationsLoader(ctx).load(option.personId),
          requestsLoader(ctx).load(option.personId),
        ]);
        const { accessGrant: _grant, ...person } = option.person;
        return buildFundingPlan({
          person: { id: option.personId, ...person },
          session: { id: option.sessionId, ...option.session },
          quote: option.cpfQuote,
          today: frenchDate(ctx.clock.now()),
          rules,
          dotations,
          franceTravailRequests,
        });
      },
    }),
  }),
});
