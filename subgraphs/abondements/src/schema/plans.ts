// The funding plan of an option from the facts the supergraph brought (fundingPlan and
// Person.fundableTrainings both compute it).
import type { AbondementsContext } from '../context.ts';
import { FACTS } from '../domain/criteria.ts';
import { buildFundingPlan, type FundingPlan } from '../domain/funding-plan.ts';
import type { CpfQuote, Dotation, FundingRule } from '../domain/types.ts';
import { dotationsLoader, holdingsLoader, requestsLoader, rulesLoader } from './loaders.ts';
import type { HolderFacts, RequiredSession } from './session.ts';

export type FundingRequirements = {
  cpfQuote: CpfQuote | null;
  holder: HolderFacts | null;
  sessionFacts: RequiredSession | null;
};

/** The plan of one option from the facts the supergraph brought; rules, dotations and requests are loaded in one batch per request. */
export async function planOf(ctx: AbondementsContext, option: FundingRequirements & { personId: string; sessionId: string }): Promise<FundingPlan | null> {
  // Facts missing because another subgraph failed: no plan (the access check reports why).
  if (!option.holder || !option.sessionFacts) return null;
  const [rules, dotations, franceTravailRequests, holdings] = await Promise.all([
    rulesLoader(ctx).load('all'),
    dotationsLoader(ctx).load(option.personId),
    requestsLoader(ctx).load(option.personId),
    holdingsLoader(ctx).load(option.personId),
  ]);
  const { accessGrant: _grant, ...person } = option.holder;
  return buildFundingPlan({
    person: { id: option.personId, ...person },
    session: { id: option.sessionId, ...option.sessionFacts },
    quote: option.cpfQuote,
    today: ctx.clock.today(),
    rules,
    dotations,
    franceTravailRequests,
    holdings,
  });
}

/** The facts of one kind of domain/criteria.ts FACTS, as a selection: "price startDate …". */
const factSelection = (facts: object) => Object.keys(facts).join(' ');

/**
 * The selection fundingPlan @requires, for other selections that embed it: the whole CPF quote
 * (the plan follows its order, caps and participation), and the holder's and session's facts
 * declared in domain/criteria.ts (those the criteria read, and the price and start date).
 */
export const FUNDING_REQUIREMENTS = [
  'cpfQuote { date price balance eligible ineligibilityReason spendingCap spendingCapSource spendingCapStatus',
  'spendingOrderCode spendingSteps spendingOrderSource',
  'participation { amount amountStatus due exemptionReason exemptionCode exemptWithTopUpFrom exemptWithDotationFrom legalSource } }',
  `holder { accessGrant ${factSelection(FACTS.holder)} }`,
  `sessionFacts { ${factSelection(FACTS.sessionFacts)} }`,
].join(' ');
