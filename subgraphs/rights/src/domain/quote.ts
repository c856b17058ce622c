// What the holder's own rights can pay for one session on one date: eligibility of the kind of
// training, the spending cap of that kind, the participation forfaitaire or its exemption, and the
// order in which the dossier's money is spent (abondements takes it from here: one dated source).
import { formatDate, formatEuros } from './money.ts';
import type { LawStatus, Parameters } from './parameters.ts';
import { spendingOrderOn, type SpendingOrderCode, type SpendingStep } from './spending-order.ts';

export const HOLDER_STATUSES = ['JOB_SEEKER', 'EMPLOYEE', 'SELF_EMPLOYED'] as const;
export type HolderStatus = (typeof HOLDER_STATUSES)[number];
export const CPF_TRAINING_KINDS = ['RNCP', 'RNCP_BLOCK', 'RS', 'CLEA', 'BILAN_COMPETENCES', 'DRIVING_LICENCE_B', 'VAE', 'BUSINESS_CREATION', 'OTHER'] as const;
export type CpfTrainingKind = (typeof CPF_TRAINING_KINDS)[number];
/** Credits that, when they fund the dossier, exempt the holder from the participation. */
export type ExemptingCredit = 'C2P_CAREER_CHANGE' | 'ATMP';

export interface QuoteRequest {
  /** The day the dossier would be ordered: its rules, its balance. */
  date: string;
  /** A session that has started can no longer be ordered. */
  sessionStart?: string | null;
  price: number;
  /** The holder's rights on `date`. */
  balance: number;
  status: HolderStatus;
  hasDrivingLicence: boolean;
  kind: CpfTrainingKind;
  /** Kinds of funder topping up this dossier (EMPLOYER, OPCO…); none known when a session is only considered. */
  topUpFrom?: readonly string[];
  /** Kinds of funder whose dotation (money credited in advance) the dossier uses. */
  dotationFrom?: readonly string[];
  /** A third party co-funds the dossier (for the licence B condition). */
  coFunded?: boolean;
  fundedWith?: readonly ExemptingCredit[];
}

export type ParticipationExemption = 'NOT_IN_FORCE' | 'JOB_SEEKER' | 'EMPLOYER_TOP_UP' | 'OPCO_TOP_UP' | 'EMPLOYER_DOTATION' | 'C2P_CAREER_CHANGE' | 'ATMP';

export interface Participation {
  amount: number;
  due: boolean;
  exemptionCode: ParticipationExemption | null;
  exemptionReason: string | null;
  exemptWithTopUpFrom: string[];
  exemptWithDotationFrom: string[];
  /** DRAFT while a published draft would change the amount: the adviser says "montant à confirmer". */
  amountStatus: LawStatus;
  /** What is uncertain about the amount, in French; null when nothing is. */
  amountNote: string | null;
  legalSource: string;
}

export interface Quote {
  date: string;
  price: number;
  balance: number;
  eligible: boolean;
  ineligibilityReason: string | null;
  spendingCap: number | null;
  spendingCapSource: string | null;
  spendingCapStatus: LawStatus | null;
  spendingOrderCode: SpendingOrderCode;
  spendingSteps: SpendingStep[];
  spendingOrderSource: string;
  participation: Participation;
  /** What the holder's own rights pay: within the balance, the cap, and the price less the participation due. */
  coveredByRights: number;
}

const EXEMPTION_BY_TOP_UP: Partial<Record<string, ParticipationExemption>> = { EMPLOYER: 'EMPLOYER_TOP_UP', OPCO: 'OPCO_TOP_UP' };
const EXEMPTION_BY_DOTATION: Partial<Record<string, ParticipationExemption>> = { EMPLOYER: 'EMPLOYER_DOTATION' };
const REASONS: Record<ParticipationExemption, string> = {
  NOT_IN_FORCE: "aucune participation forfaitaire n'est due avant le 2 mai 2024 (décret n° 2024-394)",
  JOB_SEEKER: "demandeur d'emploi : exonéré de la participation forfaitaire (L6323-4)",
  EMPLOYER_TOP_UP: "abondement de l'employeur sur le dossier : exonéré de la participation forfaitaire (L6323-4)",
  OPCO_TOP_UP: "abondement de l'OPCO ou d'un accord d'entreprise, de groupe ou de branche : exonéré de la participation forfaitaire (L6323-4)",
  EMPLOYER_DOTATION: "dotation de l'employeur utilisée pour le dossier : exonéré de la participation forfaitaire (L6323-4, pratique de la Caisse des Dépôts)",
  C2P_CAREER_CHANGE: 'points du compte professionnel de prévention mobilisés pour une reconversion : exonéré de la participation forfaitaire (L6323-4)',
  ATMP: 'abondement accident du travail ou maladie professionnelle : exonéré de la participation forfaitaire (L6323-4, CSS L432-12)',
};

export function participation(request: QuoteRequest, params: Parameters): Participation {
  const { date } = request;
  const amount = params.at('participation.amount', date);
  const draft = params.pendingDraft('participation.amount', date);
  const topUpKinds = params.find('participation.exemptWithTopUpFrom', date);
  const dotationKinds = params.find('participation.exemptWithDotationFrom', date);
  const result = (exemptionCode: ParticipationExemption | null, source = amount.source): Participation => ({
    amount: amount.value,
    due: exemptionCode === null,
    exemptionCode,
    exemptionReason: exemptionCode && REASONS[exemptionCode],
    exemptWithTopUpFrom: topUpKinds?.value ?? [],
    exemptWithDotationFrom: dotationKinds?.value ?? [],
    amountStatus: draft ? 'draft' : amount.status,
    amountNote: draft
      ? `montant à confirmer : ${formatEuros(amount.value)} en vigueur ; ${draft.source} : ${formatEuros(draft.value)}`
      : amount.status === 'in force'
        ? null
        : `montant rapporté, à confirmer (${amount.source})`,
    legalSource: source,
  });
  if (amount.value === 0) return result('NOT_IN_FORCE');
  const jobSeekers = params.find('participation.exemptJobSeekers', date);
  if (jobSeekers?.value && request.status === 'JOB_SEEKER') return result('JOB_SEEKER', jobSeekers.source);
  const topUp = (request.topUpFrom ?? []).find((kind) => topUpKinds?.value.includes(kind) && EXEMPTION_BY_TOP_UP[kind]);
  if (topUp && topUpKinds) return result(EXEMPTION_BY_TOP_UP[topUp]!, topUpKinds.source);
  const dotation = (request.dotationFrom ?? []).find((kind) => dotationKinds?.value.includes(kind) && EXEMPTION_BY_DOTATION[kind]);
  if (dotation && dotationKinds) return result(EXEMPTION_BY_DOTATION[dotation]!, dotationKinds.source);
  const c2p = params.find('participation.exemptC2pCareerChange', date);
  if (c2p?.value && request.fundedWith?.includes('C2P_CAREER_CHANGE')) return result('C2P_CAREER_CHANGE', c2p.source);
  const atmp = params.find('participation.exemptAtmpCredit', date);
  if (atmp?.value && request.fundedWith?.includes('ATMP')) return result('ATMP', atmp.source);
  return result(null);
}

function ineligibility(request: QuoteRequest, params: Parameters): string | null {
  const { date, kind } = request;
  if (request.sessionStart && request.sessionStart < date) {
    return `la session a commencé le ${formatDate(request.sessionStart)} : elle ne peut plus être commandée (conditions générales de Mon Compte Formation)`;
  }
  const eligibleKinds = params.at('eligibility.kinds', date);
  if (!eligibleKinds.value.includes(kind)) return `cette formation ne mène à aucune certification que le CPF finance (${eligibleKinds.source})`;
  if (kind !== 'DRIVING_LICENCE_B') return null;
  const noLicence = params.find('licenceB.requiresNoValidLicence', date);
  if (noLicence?.value && request.hasDrivingLicence) return `le titulaire a déjà un permis de conduire en cours de validité (${noLicence.source})`;
  const jobSeekerOrCoFunding = params.find('licenceB.requiresJobSeekerOrCoFunding', date);
  if (jobSeekerOrCoFunding?.value && request.status !== 'JOB_SEEKER' && !request.coFunded) {
    return `le permis de conduire des véhicules légers n'est financé que pour un demandeur d'emploi ou avec un cofinancement par un tiers (${jobSeekerOrCoFunding.source})`;
  }
  return null;
}

const CAP_OF = {
  RS: 'spendingCap.RS',
  BILAN_COMPETENCES: 'spendingCap.BILAN_COMPETENCES',
  DRIVING_LICENCE_B: 'spendingCap.DRIVING_LICENCE_B',
} as const;

export function quote(request: QuoteRequest, params: Parameters): Quote {
  const capId = CAP_OF[request.kind as keyof typeof CAP_OF] as (typeof CAP_OF)[keyof typeof CAP_OF] | undefined;
  const cap = capId ? params.find(capId, request.date) : undefined;
  const due = participation(request, params);
  const reason = ineligibility(request, params);
  const payable = request.price - (due.due ? due.amount : 0);
  const coveredByRights = reason ? 0 : Math.max(0, Math.min(request.balance, cap?.value ?? Infinity, payable));
  const order = spendingOrderOn(request.date, params);
  return {
    date: request.date,
    price: request.price,
    balance: request.balance,
    eligible: reason === null,
    ineligibilityReason: reason,
    spendingCap: cap?.value ?? null,
    spendingCapSource: cap?.source ?? null,
    spendingCapStatus: cap?.status ?? null,
    spendingOrderCode: order.code,
    spendingSteps: order.steps,
    spendingOrderSource: order.source,
    participation: due,
    coveredByRights,
  };
}
