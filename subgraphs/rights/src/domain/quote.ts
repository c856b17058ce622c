// What the holder's own rights can pay for one session on one date: eligibility of the kind of
// training, the spending cap of that kind, and the participation forfaitaire or its exemption.
import type { Parameters } from './parameters.ts';

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
  /** A third party co-funds the dossier (for the licence B condition). */
  coFunded?: boolean;
  fundedWith?: readonly ExemptingCredit[];
}

export interface Participation {
  amount: number;
  due: boolean;
  exemptionReason: string | null;
  exemptWithTopUpFrom: string[];
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
  participation: Participation;
  /** What the holder's own rights pay: within the balance, the cap, and the price less the participation due. */
  coveredByRights: number;
}

export function participation(request: QuoteRequest, params: Parameters): Participation {
  const { date } = request;
  const amount = params.at('participation.amount', date);
  const topUpKinds = params.find('participation.exemptWithTopUpFrom', date);
  const result = (due: boolean, exemptionReason: string | null, source = amount.source): Participation => ({
    amount: amount.value,
    due,
    exemptionReason,
    exemptWithTopUpFrom: topUpKinds?.value ?? [],
    legalSource: source,
  });
  if (amount.value === 0) return result(false, null);
  const jobSeekers = params.find('participation.exemptJobSeekers', date);
  if (jobSeekers?.value && request.status === 'JOB_SEEKER') return result(false, 'job seeker (L6323-4)', jobSeekers.source);
  const topUp = (request.topUpFrom ?? []).find((kind) => topUpKinds?.value.includes(kind));
  if (topUp && topUpKinds) return result(false, `top-up from the ${topUp.toLowerCase()} (L6323-4)`, topUpKinds.source);
  const c2p = params.find('participation.exemptC2pCareerChange', date);
  if (c2p?.value && request.fundedWith?.includes('C2P_CAREER_CHANGE')) return result(false, 'C2P points used for a career change (L6323-4)', c2p.source);
  const atmp = params.find('participation.exemptAtmpCredit', date);
  if (atmp?.value && request.fundedWith?.includes('ATMP')) return result(false, 'AT/MP credit (L6323-4, CSS L432-12)', atmp.source);
  return result(true, null);
}

function ineligibility(request: QuoteRequest, params: Parameters): string | null {
  const { date, kind } = request;
  if (request.sessionStart && request.sessionStart < date) return `the session started on ${request.sessionStart}: it can no longer be ordered`;
  const eligibleKinds = params.at('eligibility.kinds', date);
  if (!eligibleKinds.value.includes(kind)) return `this training leads to no certification the CPF funds (${eligibleKinds.source})`;
  if (kind !== 'DRIVING_LICENCE_B') return null;
  const noLicence = params.find('licenceB.requiresNoValidLicence', date);
  if (noLicence?.value && request.hasDrivingLicence) return `the holder already has a valid driving licence (${noLicence.source})`;
  const jobSeekerOrCoFunding = params.find('licenceB.requiresJobSeekerOrCoFunding', date);
  if (jobSeekerOrCoFunding?.value && request.status !== 'JOB_SEEKER' && !request.coFunded) {
    return `the light-vehicle licence is funded only for job seekers or with a third-party co-funding (${jobSeekerOrCoFunding.source})`;
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
  return {
    date: request.date,
    price: request.price,
    balance: request.balance,
    eligible: reason === null,
    ineligibilityReason: reason,
    spendingCap: cap?.value ?? null,
    spendingCapSource: cap?.source ?? null,
    participation: due,
    coveredByRights,
  };
}
