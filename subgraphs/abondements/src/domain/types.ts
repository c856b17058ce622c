// The words of co-funding, shared by the rules, the plan and the GraphQL layer.

export const HOLDER_STATUSES = ['JOB_SEEKER', 'EMPLOYEE', 'SELF_EMPLOYED'] as const;
export type HolderStatus = (typeof HOLDER_STATUSES)[number];

/** Who pays a top-up (L6323-4 II lists them). */
export const FUNDER_KINDS = [
  'EMPLOYER',
  'OPCO',
  'FRANCE_TRAVAIL',
  'REGION',
  'STATE',
  'AGEFIPH',
  'CNAM_ATMP',
  'FAF',
  'CHAMBRE_DE_METIERS',
  'LOCAL_AUTHORITY',
  'OTHER',
] as const;
export type FunderKind = (typeof FUNDER_KINDS)[number];

export const AMOUNT_KINDS = ['FIXED', 'PERCENT_OF_PRICE', 'PERCENT_OF_REMAINING_COST'] as const;
export type AmountKind = (typeof AMOUNT_KINDS)[number];

export const ROUNDINGS = ['DOWN', 'HALF_UP', 'UP'] as const;
export type Rounding = (typeof ROUNDINGS)[number];

export const RECORD_STATUSES = ['ACTIVE', 'SUSPENDED'] as const;
export type RecordStatus = (typeof RECORD_STATUSES)[number];

/**
 * How a rule's top-up is granted: proposed automatically at purchase when the criteria match
 * (automated conventions, abondements.md flow 2), or only once the funder has decided on the
 * dossier (France Travail's review on request, flow 1).
 */
export const TOP_UP_GRANTINGS = ['AUTOMATIC', 'FUNDER_DECISION'] as const;
export type TopUpGranting = (typeof TOP_UP_GRANTINGS)[number];

// Words of the rights subgraph's quote, declared identically in both subgraphs (see docs/federation-contract.md).

/** The legal order of spending that applies on the quote date (rights holds it as dated data). */
export const SPENDING_ORDER_CODES = ['ARRETE_2020', 'DECRET_2025_1156'] as const;
export type SpendingOrderCode = (typeof SPENDING_ORDER_CODES)[number];

/** The steps of that order; the holder's own payment always comes after them. */
export const SPENDING_STEPS = ['SUPPLEMENTARY_RIGHTS', 'ACQUIRED_RIGHTS', 'COMPLEMENTARY_TOP_UPS'] as const;
export type SpendingStep = (typeof SPENDING_STEPS)[number];

/** How sure a legal parameter is: in force, reported by a secondary source, or a draft. */
export const LAW_STATUSES = ['IN_FORCE', 'REPORTED', 'DRAFT'] as const;
export type LawStatus = (typeof LAW_STATUSES)[number];

export const PARTICIPATION_EXEMPTION_CODES = [
  'NOT_IN_FORCE',
  'JOB_SEEKER',
  'EMPLOYER_TOP_UP',
  'OPCO_TOP_UP',
  'EMPLOYER_DOTATION',
  'C2P_CAREER_CHANGE',
  'ATMP',
] as const;
export type ParticipationExemptionCode = (typeof PARTICIPATION_EXEMPTION_CODES)[number];

// What a rule asks (RuleCriteria) and the facts it reads (PersonFacts, SessionFacts) are
// derived from the tables of ./criteria.ts.
import type { RuleCriteria } from './criteria.ts';
export type { PersonFacts, RuleCriteria, SessionFacts } from './criteria.ts';

/** How a rule computes its top-up. `value` is cents for FIXED, basis points (5000 = 50 %) otherwise. */
export interface RuleAmount {
  kind: AmountKind;
  value: number;
  capPerDossier: number | null;
  rounding: Rounding;
}

export interface Funder {
  id: string;
  name: string;
  kind: FunderKind;
  /** How the funder is known outside this API: SIRET, INSEE région code… */
  identifier: string;
}

export interface FundingRule {
  id: string;
  label: string;
  funder: Funder;
  conventionId: string;
  status: RecordStatus;
  conventionStatus: RecordStatus;
  validFrom: string;
  validTo: string | null;
  criteria: RuleCriteria;
  amount: RuleAmount;
  granting: TopUpGranting;
  /** What the rule's envelope can still pay. */
  envelopeRemaining: number;
}

export interface ParticipationForfaitaire {
  amount: number;
  /** REPORTED or DRAFT: the amount is not confirmed by a text in force. */
  amountStatus: LawStatus;
  due: boolean;
  exemptionReason: string | null;
  exemptionCode: ParticipationExemptionCode | null;
  /** Funder kinds whose top-up on the dossier exempts the holder. */
  exemptWithTopUpFrom: string[];
  /** Funder kinds whose dotation spent on the dossier exempts the holder. */
  exemptWithDotationFrom: string[];
  legalSource: string;
}

/** The rights subgraph's answer for this person × session. */
export interface CpfQuote {
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
  participation: ParticipationForfaitaire;
}

export interface Dotation {
  id: string;
  funder: Funder;
  personId: string;
  amount: number;
  spent: number;
  /** Empty: usable for any eligible training. */
  restrictedToCertifications: string[];
  deadline: string | null;
  refundIfUnused: boolean;
  grantedOn: string;
}
