// The funding plan of one person × session: who pays what, in the legal order of spending.
// Identity kept by construction: cpfRights + Σ abondements + remainingCost = price.
import { dotationRefusal } from './dotations.ts';
import { grantedAmountOn, type FranceTravailRequest } from './france-travail-request.ts';
import { evaluateRule, type RuleDecision } from './matching.ts';
import { formatEuros, percentOf } from './money.ts';
import { spendingOrderOn, type SpendingOrder } from './spending-order.ts';
import type { CpfQuote, Dotation, Funder, FundingRule, PersonFacts, SessionFacts } from './types.ts';

export type AbondementKind = 'DOTATION' | 'TOP_UP';
export type FundingLineKind = 'DOTATION' | 'CPF_RIGHTS' | 'TOP_UP' | 'HOLDER_PAYMENT' | 'PARTICIPATION';

export interface Abondement {
  kind: AbondementKind;
  funder: Funder;
  amount: number;
  rule: FundingRule | null;
  dotation: Dotation | null;
  franceTravailRequest: FranceTravailRequest | null;
}

export type FundedRequest = FranceTravailRequest & { funder: Funder };

export interface FundingLine {
  kind: FundingLineKind;
  label: string;
  amount: number;
  funder: Funder | null;
}

export interface PlanParticipation {
  amount: number;
  due: boolean;
  exemptionReason: string | null;
  legalSource: string | null;
}

export interface FundingPlan {
  personId: string;
  sessionId: string;
  date: string;
  price: number;
  spendingOrder: SpendingOrder;
  cpfRights: number;
  abondements: Abondement[];
  participation: PlanParticipation;
  remainingCost: number;
  lines: FundingLine[];
  ruleDecisions: RuleDecision[];
  /** Why parts are what they are (ineligibility, unusable dotations…), for the adviser. */
  notes: string[];
}

export interface FundingPlanInput {
  person: PersonFacts;
  session: SessionFacts;
  quote: CpfQuote | null;
  /** Today in France: dates the plan when there is no quote, and decides tacit acceptances. */
  today: string;
  rules: FundingRule[];
  dotations: Dotation[];
  /** The holder's France Travail requests; those accepted for this session top up what remains. */
  franceTravailRequests: FundedRequest[];
}

/** Targeted dotations first (décret 2025-1156), then the one whose deadline comes first. */
function dotationPriority(a: Dotation, b: Dotation): number {
  const targeted = Number(b.restrictedToCertifications.length > 0) - Number(a.restrictedToCertifications.length > 0);
  if (targeted !== 0) return targeted;
  return (a.deadline ?? '9999-12-31').localeCompare(b.deadline ?? '9999-12-31') || a.id.localeCompare(b.id);
}

/** Top-ups on the remaining cost close the gap, so they come after fixed and price-based ones. */
function topUpPriority(order: SpendingOrder) {
  const rank = (rule: FundingRule) => {
    const index = order.topUpFunderOrder.indexOf(rule.funder.kind);
    return index === -1 ? order.topUpFunderOrder.length : index;
  };
  return (a: FundingRule, b: FundingRule) =>
    Number(a.amount.kind === 'PERCENT_OF_REMAINING_COST') - Number(b.amount.kind === 'PERCENT_OF_REMAINING_COST') ||
    rank(a) - rank(b) ||
    a.id.localeCompare(b.id);
}

/** What a rule pays when `remaining` is still to fund: its amount, then its cap, its envelope and the remaining cost. */
export function topUpAmount(rule: FundingRule, price: number, remaining: number): number {
  const { kind, value, capPerDossier, rounding } = rule.amount;
  const computed = kind === 'FIXED' ? value : percentOf(kind === 'PERCENT_OF_PRICE' ? price : remaining, value, rounding);
  return Math.max(0, Math.min(computed, capPerDossier ?? computed, rule.envelopeRemaining, remaining));
}

interface Allocation {
  cpfRights: number;
  abondements: Abondement[];
  lines: FundingLine[];
  covered: number;
}

function allocate(input: FundingPlanInput, order: SpendingOrder, price: number, coverable: number, usable: {
  dotations: Dotation[];
  rules: FundingRule[];
  requests: FundedRequest[];
  cpfLimit: number;
}): Allocation {
  let remaining = coverable;
  let cpfRights = 0;
  const abondements: Abondement[] = [];
  const lines: FundingLine[] = [];
  for (const step of order.steps) {
    if (step === 'CPF_RIGHTS') {
      cpfRights = Math.min(usable.cpfLimit, remaining);
      remaining -= cpfRights;
      if (cpfRights > 0) lines.push({ kind: 'CPF_RIGHTS', label: "the holder's acquired CPF rights", amount: cpfRights, funder: null });
    } else if (step === 'DOTATIONS') {
      for (const dotation of usable.dotations) {
        const amount = Math.min(dotation.amount - dotation.spent, remaining);
        if (amount <= 0) continue;
        remaining -= amount;
        abondements.push({ kind: 'DOTATION', funder: dotation.funder, amount, rule: null, dotation, franceTravailRequest: null });
        lines.push({ kind: 'DOTATION', label: `dotation from ${dotation.funder.name}`, amount, funder: dotation.funder });
      }
    } else {
      const funded = new Set<string>();
      for (const rule of usable.rules) {
        // One rule per funder and dossier: the first in order wins.
        if (funded.has(rule.funder.id)) continue;
        const amount = topUpAmount(rule, price, remaining);
        if (amount <= 0) continue;
        funded.add(rule.funder.id);
        remaining -= amount;
        abondements.push({ kind: 'TOP_UP', funder: rule.funder, amount, rule, dotation: null, franceTravailRequest: null });
        lines.push({ kind: 'TOP_UP', label: `${rule.funder.name}: ${rule.label}`, amount, funder: rule.funder });
      }
      // A request answered case by case comes after the automated rules: it covers what they leave.
      for (const request of usable.requests) {
        const amount = Math.min(grantedAmountOn(request, input.today), remaining);
        if (amount <= 0) continue;
        remaining -= amount;
        abondements.push({ kind: 'TOP_UP', funder: request.funder, amount, rule: null, dotation: null, franceTravailRequest: request });
        lines.push({ kind: 'TOP_UP', label: `${request.funder.name}: request of ${request.submittedOn}`, amount, funder: request.funder });
      }
    }
  }
  return { cpfRights, abondements, lines, covered: coverable - remaining };
}

/** The plan, or null when the price of the session is not known. */
export function buildFundingPlan(input: FundingPlanInput): FundingPlan | null {
  const { person, session, quote } = input;
  const price = quote?.price ?? session.price;
  if (price === null) return null;
  const date = quote?.date ?? input.today;
  const order = spendingOrderOn(date);
  const notes: string[] = [];

  const ruleDecisions = input.rules.map((rule) => evaluateRule(rule, { person, session, quote, date }));
  const rules = ruleDecisions.filter((d) => d.applies).map((d) => d.rule).sort(topUpPriority(order));
  const requests = input.franceTravailRequests.filter((r) => r.personId === person.id && r.sessionId === session.id);

  let cpfLimit = 0;
  let dotations: Dotation[] = [];
  if (!quote) {
    notes.push('No CPF quote is available for this session: CPF rights and dotations are not used.');
  } else if (!quote.eligible) {
    notes.push(`Not eligible to the CPF: ${quote.ineligibilityReason ?? 'no reason given'}. CPF rights and dotations are not used.`);
  } else {
    cpfLimit = Math.min(quote.balance, quote.spendingCap ?? quote.balance);
    if (quote.spendingCap !== null && quote.spendingCap < quote.balance) {
      notes.push(`CPF rights are capped at ${formatEuros(quote.spendingCap)} for this kind of training (${quote.spendingCapSource ?? 'D6323-1 A'}).`);
    }
    for (const dotation of input.dotations) {
      const refusal = dotationRefusal(dotation, session.certificationCode, date, 1);
      if (refusal) notes.push(`The dotation from ${dotation.funder.name} is not used: ${refusal}.`);
      else dotations.push(dotation);
    }
    dotations = dotations.sort(dotationPriority);
  }

  const quoted = quote?.participation;
  const participationAmount = Math.min(quoted?.amount ?? 0, price);
  const plan = (due: boolean) => allocate(input, order, price, price - (due ? participationAmount : 0), { dotations, rules, requests, cpfLimit });

  let participation: PlanParticipation = {
    amount: quoted?.amount ?? 0,
    due: quoted?.due ?? false,
    exemptionReason: quoted ? quoted.exemptionReason : 'no CPF dossier without a quote',
    legalSource: quoted?.legalSource ?? null,
  };
  let allocation = plan(participation.due && participationAmount > 0);
  if (participation.due && quoted) {
    const exempting = allocation.abondements.find((a) => a.kind === 'TOP_UP' && quoted.exemptWithTopUpFrom.includes(a.funder.kind));
    if (exempting) {
      participation = { ...participation, due: false, exemptionReason: `top-up from ${exempting.funder.name} (${exempting.funder.kind})` };
      allocation = plan(false);
    }
  }

  const holderPayment = price - allocation.covered - (participation.due ? participationAmount : 0);
  const lines = [...allocation.lines];
  if (holderPayment > 0) lines.push({ kind: 'HOLDER_PAYMENT', label: "the holder's own payment (reste à charge)", amount: holderPayment, funder: null });
  if (participation.due && participationAmount > 0) {
    lines.push({ kind: 'PARTICIPATION', label: `participation forfaitaire (${participation.legalSource ?? 'L6323-4'})`, amount: participationAmount, funder: null });
  }

  return {
    personId: person.id,
    sessionId: session.id,
    date,
    price,
    spendingOrder: order,
    cpfRights: allocation.cpfRights,
    abondements: allocation.abondements,
    participation,
    remainingCost: price - allocation.covered,
    lines,
    ruleDecisions,
    notes,
  };
}
