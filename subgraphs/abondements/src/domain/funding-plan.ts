// The funding plan of one person × session: who pays what, in the legal order of spending the
// rights subgraph's quote gives. Identity kept by construction: cpfRights + Σ abondements + remainingCost = price.
// Everything a person reads here is French, with a machine code beside the words.
import { CPF_RIGHTS_CERTAINTY, dotationCertainty, topUpCertainty, type Certainty, type Holding } from './certainty.ts';
import { dotationRefusal } from './dotations.ts';
import { requestStatusOn, type FranceTravailRequest } from './france-travail-request.ts';
import { evaluateRule, type RuleDecision } from './matching.ts';
import { formatDay, formatEuros, percentOf } from './money.ts';
import { appliedSpendingOrder, TOP_UP_FUNDER_ORDER, type AppliedSpendingOrder } from './spending-order.ts';
import type { CpfQuote, Dotation, Funder, FunderKind, FundingRule, LawStatus, ParticipationExemptionCode, PersonFacts, SessionFacts } from './types.ts';

export type AbondementKind = 'DOTATION' | 'TOP_UP';
export type FundingLineKind = 'DOTATION' | 'CPF_RIGHTS' | 'TOP_UP' | 'HOLDER_PAYMENT' | 'PARTICIPATION';

export interface Abondement {
  kind: AbondementKind;
  funder: Funder;
  amount: number;
  rule: FundingRule | null;
  dotation: Dotation | null;
  franceTravailRequest: FranceTravailRequest | null;
  certainty: Certainty;
}

export type FundedRequest = FranceTravailRequest & { funder: Funder };

export interface FundingLine {
  kind: FundingLineKind;
  label: string;
  amount: number;
  funder: Funder | null;
  /** How sure the part is; null for what the holder pays. */
  certainty: Certainty | null;
}

export interface PlanParticipation {
  amount: number;
  /** The quote's confidence in the amount; null without a quote. */
  amountStatus: LawStatus | null;
  due: boolean;
  exemptionCode: ParticipationExemptionCode | null;
  exemptionReason: string | null;
  legalSource: string | null;
}

export const PLAN_NOTE_CODES = [
  'NO_CPF_QUOTE',
  'NOT_CPF_ELIGIBLE',
  'CPF_RIGHTS_CAPPED',
  'DOTATION_EXPIRED',
  'DOTATION_RESTRICTED',
  'DOTATION_SPENT',
  'DOTATION_INSUFFICIENT',
  'PARTICIPATION_AMOUNT_TO_CONFIRM',
  'FUNDER_REFUSED',
] as const;
export type PlanNoteCode = (typeof PLAN_NOTE_CODES)[number];

export interface PlanNote {
  code: PlanNoteCode;
  message: string;
}

export interface FundingPlan {
  personId: string;
  sessionId: string;
  date: string;
  price: number;
  spendingOrder: AppliedSpendingOrder;
  cpfRights: number;
  abondements: Abondement[];
  participation: PlanParticipation;
  remainingCost: number;
  lines: FundingLine[];
  ruleDecisions: RuleDecision[];
  /** Why parts are what they are (ineligibility, caps, unusable dotations…), for the adviser. */
  notes: PlanNote[];
}

export interface FundingPlanInput {
  person: PersonFacts;
  session: SessionFacts;
  quote: CpfQuote | null;
  /** Today in France: dates the plan when there is no quote, and decides tacit acceptances. */
  today: string;
  rules: FundingRule[];
  dotations: Dotation[];
  /** The holder's requests to funders; the latest of each funder on this session bounds its rule waiting for a decision, or tops up what remains. */
  franceTravailRequests: FundedRequest[];
  /** What abondements holds for this person (reservations granted, dotations spent), any session. */
  holdings: readonly Holding[];
}

const LAW_STATUS_WORDS: Record<LawStatus, string> = {
  IN_FORCE: 'en vigueur',
  REPORTED: 'signalé mais pas encore vérifié dans un texte en vigueur',
  DRAFT: 'seulement en projet',
};

/** The participation exemption a funder's money gives, as the Caisse des Dépôts applies it (L6323-4). */
const EXEMPTION_BY_FUNDER: Record<AbondementKind, Partial<Record<FunderKind, ParticipationExemptionCode>>> = {
  TOP_UP: { EMPLOYER: 'EMPLOYER_TOP_UP', OPCO: 'OPCO_TOP_UP' },
  DOTATION: { EMPLOYER: 'EMPLOYER_DOTATION' },
};

const EXEMPTION_SOURCE = 'L6323-4 ; Caisse des Dépôts, « CPF : explication de la participation financière obligatoire », 3 mai 2024';

function exemptionBy(abondement: Abondement): Pick<PlanParticipation, 'exemptionCode' | 'exemptionReason'> {
  const what = `${abondement.kind === 'DOTATION' ? 'la dotation' : "l'abondement"} du financeur « ${abondement.funder.name} »`;
  const dotationPower = abondement.kind === 'DOTATION' ? " ; Caisse des Dépôts, mai 2025 : la dotation de l'employeur « a un pouvoir d'exonération »" : '';
  return {
    exemptionCode: EXEMPTION_BY_FUNDER[abondement.kind][abondement.funder.kind] ?? null,
    exemptionReason: `${what} exonère le titulaire de la participation forfaitaire (${EXEMPTION_SOURCE}${dotationPower})`,
  };
}

/** Targeted dotations first (décret 2025-1156), then the one whose deadline comes first. */
function dotationPriority(a: Dotation, b: Dotation): number {
  const targeted = Number(b.restrictedToCertifications.length > 0) - Number(a.restrictedToCertifications.length > 0);
  if (targeted !== 0) return targeted;
  return (a.deadline ?? '9999-12-31').localeCompare(b.deadline ?? '9999-12-31') || a.id.localeCompare(b.id);
}

/** Top-ups on the remaining cost close the gap, so they come after fixed and price-based ones. */
function topUpPriority(a: FundingRule, b: FundingRule): number {
  const rank = (rule: FundingRule) => {
    const index = TOP_UP_FUNDER_ORDER.indexOf(rule.funder.kind);
    return index === -1 ? TOP_UP_FUNDER_ORDER.length : index;
  };
  return (
    Number(a.amount.kind === 'PERCENT_OF_REMAINING_COST') - Number(b.amount.kind === 'PERCENT_OF_REMAINING_COST') ||
    rank(a) - rank(b) ||
    a.id.localeCompare(b.id)
  );
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

/**
 * What a request to a funder stands for on `today`: the amount granted (or asked, when silence
 * accepted it), the amount asked while the funder has still to decide, nothing once refused.
 */
export function requestAmountOn(request: FranceTravailRequest, today: string): number {
  const status = requestStatusOn(request, today);
  if (status === 'ACCEPTED') return request.amountGranted ?? 0;
  if (status === 'OPEN' || status === 'ACCEPTED_TACITLY') return request.amountRequested;
  return 0;
}

function allocate(
  input: FundingPlanInput,
  order: AppliedSpendingOrder,
  price: number,
  coverable: number,
  usable: {
    dotations: Dotation[];
    rules: FundingRule[];
    requests: FundedRequest[];
    holdings: Holding[];
    cpfLimit: number;
  },
): Allocation {
  let remaining = coverable;
  let cpfRights = 0;
  const abondements: Abondement[] = [];
  const lines: FundingLine[] = [];
  const add = (abondement: Abondement, label: string) => {
    remaining -= abondement.amount;
    abondements.push(abondement);
    lines.push({ kind: abondement.kind, label, amount: abondement.amount, funder: abondement.funder, certainty: abondement.certainty });
  };
  const holdings = usable.holdings;
  const heldHere = (match: (h: Holding) => boolean) => holdings.filter(match).reduce((sum, h) => sum + h.amount, 0);
  for (const step of order.steps) {
    if (step === 'ACQUIRED_RIGHTS') {
      cpfRights = Math.min(usable.cpfLimit, remaining);
      remaining -= cpfRights;
      if (cpfRights > 0)
        lines.push({
          kind: 'CPF_RIGHTS',
          label: 'droits acquis du titulaire sur son CPF (L6323-11)',
          amount: cpfRights,
          funder: null,
          certainty: CPF_RIGHTS_CERTAINTY,
        });
    } else if (step === 'SUPPLEMENTARY_RIGHTS') {
      for (const dotation of usable.dotations) {
        // What this session already spent of it is still its own.
        const spentHere = heldHere((h) => h.kind === 'DOTATION_USE' && h.dotationId === dotation.id);
        const amount = Math.min(dotation.amount - dotation.spent + spentHere, remaining);
        if (amount <= 0) continue;
        add(
          {
            kind: 'DOTATION',
            funder: dotation.funder,
            amount,
            rule: null,
            dotation,
            franceTravailRequest: null,
            certainty: dotationCertainty(dotation, holdings),
          },
          `dotation du financeur « ${dotation.funder.name} » (droits supplémentaires, L6323-4 III)`,
        );
      }
    } else {
      const funded = new Set<string>();
      const answered = new Set<FundedRequest>();
      for (const rule of usable.rules) {
        // One rule per funder and dossier: the first in order wins.
        if (funded.has(rule.funder.id)) continue;
        // A rule waiting for its funder's decision is bounded by the request made on this session, if any.
        const request = rule.granting === 'FUNDER_DECISION' ? (usable.requests.find((r) => r.funderId === rule.funder.id) ?? null) : null;
        if (request) answered.add(request);
        const bound = request ? requestAmountOn(request, input.today) : Infinity;
        const amount = Math.min(topUpAmount(rule, price, remaining), bound);
        if (amount <= 0) continue;
        funded.add(rule.funder.id);
        add(
          {
            kind: 'TOP_UP',
            funder: rule.funder,
            amount,
            rule,
            dotation: null,
            franceTravailRequest: request,
            certainty: topUpCertainty({ funder: rule.funder, rule, request, holdings, today: input.today }),
          },
          `${rule.funder.name} : ${rule.label} (abondement complémentaire, L6323-4 II)`,
        );
      }
      // A request answered case by case comes after the automated rules: it covers what they leave.
      for (const request of usable.requests) {
        if (answered.has(request)) continue;
        const amount = Math.min(requestAmountOn(request, input.today), remaining);
        if (amount <= 0) continue;
        funded.add(request.funderId);
        add(
          {
            kind: 'TOP_UP',
            funder: request.funder,
            amount,
            rule: null,
            dotation: null,
            franceTravailRequest: request,
            certainty: topUpCertainty({ funder: request.funder, rule: null, request, holdings, today: input.today }),
          },
          `${request.funder.name} : demande du ${formatDay(request.submittedOn)} (abondement complémentaire, L6323-4 II)`,
        );
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
  const order = appliedSpendingOrder(quote);
  const notes: PlanNote[] = [];

  const holdings = input.holdings.filter((h) => h.sessionId === session.id);
  // What this session already holds in a rule's envelope is still its own.
  const reservedHere = (ruleId: string) => holdings.reduce((sum, h) => sum + (h.kind === 'RESERVATION' && h.ruleId === ruleId ? h.amount : 0), 0);
  const ruleDecisions = input.rules.map((rule) =>
    evaluateRule({ ...rule, envelopeRemaining: rule.envelopeRemaining + reservedHere(rule.id) }, { person, session, quote, date }),
  );
  const rules = ruleDecisions
    .filter((d) => d.applies)
    .map((d) => d.rule)
    .sort(topUpPriority);
  // A withdrawn request asks nothing: as if never made.
  const requests = input.franceTravailRequests.filter((r) => r.personId === person.id && r.sessionId === session.id && r.status !== 'WITHDRAWN');
  const latestByFunder = new Map(requests.map((r) => [r.funderId, r]));
  for (const request of latestByFunder.values()) {
    if (requestStatusOn(request, input.today) !== 'REFUSED') continue;
    const why = request.decisionReason ? ` (motif : ${request.decisionReason})` : '';
    notes.push({
      code: 'FUNDER_REFUSED',
      message: `${request.funder.name} a refusé le ${formatDay(request.decidedOn ?? input.today)} la demande d'abondement du ${formatDay(request.submittedOn)}${why} : sa part n'est pas comptée.`,
    });
  }

  let cpfLimit = 0;
  let dotations: Dotation[] = [];
  if (!quote) {
    notes.push({
      code: 'NO_CPF_QUOTE',
      message:
        "Pas de devis CPF pour cette session : ni les droits CPF ni les dotations ne sont mobilisés, seuls les abondements complémentaires s'appliquent.",
    });
  } else if (!quote.eligible) {
    notes.push({
      code: 'NOT_CPF_ELIGIBLE',
      message: `Formation non éligible au CPF : ${quote.ineligibilityReason ?? 'raison non précisée'}. Ni les droits CPF ni les dotations ne sont mobilisés.`,
    });
  } else {
    cpfLimit = Math.min(quote.balance, quote.spendingCap ?? quote.balance);
    if (quote.spendingCap !== null && quote.spendingCap < quote.balance) {
      const status =
        quote.spendingCapStatus && quote.spendingCapStatus !== 'IN_FORCE' ? ` ; ce plafond est ${LAW_STATUS_WORDS[quote.spendingCapStatus]} : à confirmer` : '';
      notes.push({
        code: 'CPF_RIGHTS_CAPPED',
        message: `Les droits CPF sont plafonnés à ${formatEuros(quote.spendingCap)} pour ce type de formation (${quote.spendingCapSource ?? 'texte non précisé'})${status}.`,
      });
    }
    for (const dotation of input.dotations) {
      // Spent on this very session, it is not spent for it.
      const spentHere = holdings.filter((h) => h.kind === 'DOTATION_USE' && h.dotationId === dotation.id).reduce((sum, h) => sum + h.amount, 0);
      const refusal = dotationRefusal({ ...dotation, spent: dotation.spent - spentHere }, session.certificationCode, date, 1);
      if (refusal)
        notes.push({
          code: refusal.code,
          message: `La dotation du financeur « ${dotation.funder.name} » n'est pas utilisée : ${refusal.message} (L6323-4 III).`,
        });
      else dotations.push(dotation);
    }
    dotations = dotations.sort(dotationPriority);
  }

  const quoted = quote?.participation;
  const participationAmount = Math.min(quoted?.amount ?? 0, price);
  const plan = (due: boolean) =>
    allocate(input, order, price, price - (due ? participationAmount : 0), { dotations, rules, requests: [...latestByFunder.values()], holdings, cpfLimit });

  let participation: PlanParticipation = quoted
    ? {
        amount: quoted.amount,
        amountStatus: quoted.amountStatus,
        due: quoted.due,
        exemptionCode: quoted.exemptionCode,
        exemptionReason: quoted.exemptionReason,
        legalSource: quoted.legalSource,
      }
    : {
        amount: 0,
        amountStatus: null,
        due: false,
        exemptionCode: null,
        exemptionReason: 'pas de dossier CPF sans devis : la participation forfaitaire ne porte que sur un dossier CPF (L6323-4)',
        legalSource: null,
      };
  let allocation = plan(participation.due && participationAmount > 0);
  if (participation.due && quoted) {
    // The employer's (or OPCO's) money in the dossier waives the participation: a top-up, or a dotation (quote's lists).
    const exempting = allocation.abondements.find((a) =>
      (a.kind === 'TOP_UP' ? quoted.exemptWithTopUpFrom : quoted.exemptWithDotationFrom).includes(a.funder.kind),
    );
    if (exempting) {
      participation = { ...participation, due: false, ...exemptionBy(exempting) };
      allocation = plan(false);
    }
  }
  const toConfirm = participation.due && participationAmount > 0 && quoted && quoted.amountStatus !== 'IN_FORCE';
  if (toConfirm) {
    notes.push({
      code: 'PARTICIPATION_AMOUNT_TO_CONFIRM',
      message: `Montant de la participation forfaitaire à confirmer : ${formatEuros(quoted.amount)} (${quoted.legalSource}) est ${LAW_STATUS_WORDS[quoted.amountStatus]}.`,
    });
  }

  const holderPayment = price - allocation.covered - (participation.due ? participationAmount : 0);
  const lines = [...allocation.lines];
  if (holderPayment > 0)
    lines.push({ kind: 'HOLDER_PAYMENT', label: 'paiement du titulaire (reste à charge)', amount: holderPayment, funder: null, certainty: null });
  if (participation.due && participationAmount > 0) {
    const label = `participation forfaitaire (${participation.legalSource ?? 'L6323-4'})${toConfirm ? ', montant à confirmer' : ''}`;
    lines.push({ kind: 'PARTICIPATION', label, amount: participationAmount, funder: null, certainty: null });
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
