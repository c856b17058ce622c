// Does a funder's rule apply to this person × session? Every criterion says yes or no in
// words an adviser can repeat, so a refusal can be explained, not just observed.
import { formatEuros } from './money.ts';
import type { CpfQuote, FundingRule, PersonFacts, RuleCriteria, SessionFacts } from './types.ts';

export const CRITERIA = [
  'STATUS',
  'VALIDITY',
  'HOLDER_STATUS',
  'RESIDENCE_REGION',
  'RESIDENCE_DEPARTEMENT',
  'BRANCH',
  'EMPLOYER',
  'CPF_BALANCE',
  'QUALIFICATION_LEVEL',
  'CERTIFICATION',
  'FORMACODE',
  'NSF',
  'ROME',
  'TRAINING_REGION',
  'PRICE',
  'ENVELOPE',
] as const;
export type Criterion = (typeof CRITERIA)[number];

export interface CriterionCheck {
  criterion: Criterion;
  passed: boolean;
  explanation: string;
}

export interface RuleDecision {
  rule: FundingRule;
  applies: boolean;
  /** The first criterion that refused the rule, or null when every criterion passed. */
  decidingCriterion: Criterion | null;
  reason: string;
  checks: CriterionCheck[];
}

export interface MatchingFacts {
  person: PersonFacts;
  session: SessionFacts;
  quote: CpfQuote | null;
  /** The date whose rules apply (the quote's date). */
  date: string;
}

const list = (values: string[]) => values.join(', ');

/** A criterion on a single known value that must be one of the rule's list. */
function oneOf(criterion: Criterion, what: string, accepted: string[] | undefined, actual: string | null | undefined): CriterionCheck | null {
  if (!accepted || accepted.length === 0) return null;
  if (actual === null || actual === undefined) {
    return { criterion, passed: false, explanation: `${what} is not known; the rule asks for ${list(accepted)}` };
  }
  const passed = accepted.includes(actual);
  return {
    criterion,
    passed,
    explanation: passed ? `${what} ${actual} is among ${list(accepted)}` : `${what} ${actual} is not among ${list(accepted)}`,
  };
}

/** A criterion met when the session carries at least one of the rule's codes. */
function anyOf(criterion: Criterion, what: string, accepted: string[] | undefined, actual: string[] | undefined): CriterionCheck | null {
  if (!accepted || accepted.length === 0) return null;
  if (actual === undefined) {
    return { criterion, passed: false, explanation: `the session's ${what} are not known; the rule asks for ${list(accepted)}` };
  }
  const shared = actual.filter((code) => accepted.includes(code));
  return shared.length > 0
    ? { criterion, passed: true, explanation: `the session's ${what} include ${list(shared)}` }
    : { criterion, passed: false, explanation: `the session's ${what} (${actual.length ? list(actual) : 'none'}) include none of ${list(accepted)}` };
}

function range(
  criterion: Criterion,
  what: string,
  actual: number | null | undefined,
  bounds: { atLeast?: number | undefined; below?: number | undefined; atMost?: number | undefined },
  show: (n: number) => string,
): CriterionCheck | null {
  const { atLeast, below, atMost } = bounds;
  if (atLeast === undefined && below === undefined && atMost === undefined) return null;
  const wanted = [
    atLeast !== undefined ? `at least ${show(atLeast)}` : null,
    below !== undefined ? `below ${show(below)}` : null,
    atMost !== undefined ? `at most ${show(atMost)}` : null,
  ]
    .filter(Boolean)
    .join(' and ');
  if (actual === null || actual === undefined) {
    return { criterion, passed: false, explanation: `${what} is not known; the rule asks for ${wanted}` };
  }
  const passed =
    (atLeast === undefined || actual >= atLeast) && (below === undefined || actual < below) && (atMost === undefined || actual <= atMost);
  return { criterion, passed, explanation: `${what} is ${show(actual)}; the rule asks for ${wanted}` };
}

function criteriaChecks(criteria: RuleCriteria, facts: MatchingFacts): CriterionCheck[] {
  const { person, session, quote } = facts;
  const price = quote?.price ?? session.price;
  const checks = [
    oneOf('HOLDER_STATUS', 'the holder status', criteria.holderStatuses, person.status),
    oneOf('RESIDENCE_REGION', 'the région of residence', criteria.residenceRegions, person.homeRegion),
    oneOf('RESIDENCE_DEPARTEMENT', 'the département of residence', criteria.residenceDepartements, person.homeDepartement),
    oneOf('BRANCH', 'the branch (IDCC)', criteria.branchIdccs, person.employerIdcc),
    oneOf('EMPLOYER', 'the employer SIRET', criteria.employerSirets, person.employerSiret),
    range('CPF_BALANCE', 'the CPF balance', quote?.balance, { atLeast: criteria.cpfBalanceAtLeast, below: criteria.cpfBalanceBelow }, formatEuros),
    range(
      'QUALIFICATION_LEVEL',
      'the qualification level',
      person.qualificationLevel,
      { atLeast: criteria.qualificationLevelAtLeast, atMost: criteria.qualificationLevelAtMost },
      String,
    ),
    oneOf('CERTIFICATION', 'the certification', criteria.certificationCodes, session.certificationCode),
    anyOf('FORMACODE', 'Formacodes', criteria.formacodes, session.formacodes),
    anyOf('NSF', 'NSF domains', criteria.nsfCodes, session.nsfCodes),
    anyOf('ROME', 'target jobs (ROME)', criteria.romeCodes, session.romeCodes),
    oneOf('TRAINING_REGION', 'the région of training', criteria.trainingRegions, session.region),
    range('PRICE', 'the price', price, { atLeast: criteria.priceAtLeast, atMost: criteria.priceAtMost }, formatEuros),
  ];
  return checks.filter((check): check is CriterionCheck => check !== null);
}

function statusCheck(rule: FundingRule): CriterionCheck {
  if (rule.conventionStatus === 'SUSPENDED') return { criterion: 'STATUS', passed: false, explanation: 'the convention is suspended by its funder' };
  if (rule.status === 'SUSPENDED') return { criterion: 'STATUS', passed: false, explanation: 'the rule is suspended by its funder' };
  return { criterion: 'STATUS', passed: true, explanation: 'the rule and its convention are active' };
}

function validityCheck(rule: FundingRule, date: string): CriterionCheck {
  const period = `from ${rule.validFrom}${rule.validTo ? ` to ${rule.validTo}` : ''}`;
  if (date < rule.validFrom) return { criterion: 'VALIDITY', passed: false, explanation: `the rule applies ${period}, not yet on ${date}` };
  if (rule.validTo !== null && date > rule.validTo) {
    return { criterion: 'VALIDITY', passed: false, explanation: `the rule applied ${period}; it has expired on ${date}` };
  }
  return { criterion: 'VALIDITY', passed: true, explanation: `the rule applies ${period}` };
}

function envelopeCheck(rule: FundingRule): CriterionCheck {
  return rule.envelopeRemaining > 0
    ? { criterion: 'ENVELOPE', passed: true, explanation: `the rule's envelope still holds ${formatEuros(rule.envelopeRemaining)}` }
    : { criterion: 'ENVELOPE', passed: false, explanation: "the rule's budget envelope is exhausted" };
}

export function evaluateRule(rule: FundingRule, facts: MatchingFacts): RuleDecision {
  const checks = [statusCheck(rule), validityCheck(rule, facts.date), ...criteriaChecks(rule.criteria, facts), envelopeCheck(rule)];
  const refusal = checks.find((check) => !check.passed);
  return refusal
    ? { rule, applies: false, decidingCriterion: refusal.criterion, reason: refusal.explanation, checks }
    : { rule, applies: true, decidingCriterion: null, reason: 'every criterion of the rule is met', checks };
}
