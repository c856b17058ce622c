// Does a funder's rule apply to this person × session? Every criterion says yes or no in
// French an adviser can repeat (the criterion is the machine code beside the words), so a
// refusal can be explained, not just observed.
import { formatEuros } from './money.ts';
import type { CpfQuote, FundingRule, HolderStatus, PersonFacts, RuleCriteria, SessionFacts } from './types.ts';
import { formatDay } from './working-days.ts';

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

const HOLDER_STATUS_WORDS: Record<HolderStatus, string> = {
  JOB_SEEKER: "demandeur d'emploi",
  EMPLOYEE: 'salarié',
  SELF_EMPLOYED: 'travailleur indépendant',
};

/** What a criterion looks at, with the agreement French needs to say it is not known. */
interface Subject {
  the: string;
  unknown: string;
}
const subject = (the: string, feminine = false): Subject => ({ the, unknown: `${the} n'est pas ${feminine ? 'connue' : 'connu'}` });

/** A criterion on a single known value that must be one of the rule's list. */
function oneOf<T extends string>(
  criterion: Criterion,
  what: Subject,
  accepted: T[] | undefined,
  actual: T | null | undefined,
  show: (value: T) => string = String,
): CriterionCheck | null {
  if (!accepted || accepted.length === 0) return null;
  const wanted = list(accepted.map(show));
  if (actual === null || actual === undefined) return { criterion, passed: false, explanation: `${what.unknown} ; la règle demande : ${wanted}` };
  const passed = accepted.includes(actual);
  return {
    criterion,
    passed,
    explanation: `${what.the} (${show(actual)}) ${passed ? 'figure' : 'ne figure pas'} parmi les valeurs demandées par la règle : ${wanted}`,
  };
}

/** A criterion met when the session carries at least one of the rule's codes. */
function anyOf(criterion: Criterion, the: string, accepted: string[] | undefined, actual: string[]): CriterionCheck | null {
  if (!accepted || accepted.length === 0) return null;
  const shared = actual.filter((code) => accepted.includes(code));
  return shared.length > 0
    ? { criterion, passed: true, explanation: `${the} comprennent ${list(shared)}, demandé par la règle` }
    : { criterion, passed: false, explanation: `${the} (${actual.length ? list(actual) : 'aucun'}) ne comprennent aucun des codes demandés par la règle : ${list(accepted)}` };
}

function range(
  criterion: Criterion,
  what: Subject,
  actual: number | null | undefined,
  bounds: { atLeast?: number | undefined; below?: number | undefined; atMost?: number | undefined },
  show: (n: number) => string,
): CriterionCheck | null {
  const { atLeast, below, atMost } = bounds;
  if (atLeast === undefined && below === undefined && atMost === undefined) return null;
  const wanted = [
    atLeast !== undefined ? `au moins ${show(atLeast)}` : null,
    below !== undefined ? `moins de ${show(below)}` : null,
    atMost !== undefined ? `au plus ${show(atMost)}` : null,
  ]
    .filter(Boolean)
    .join(' et ');
  if (actual === null || actual === undefined) return { criterion, passed: false, explanation: `${what.unknown} ; la règle demande ${wanted}` };
  const passed =
    (atLeast === undefined || actual >= atLeast) && (below === undefined || actual < below) && (atMost === undefined || actual <= atMost);
  return { criterion, passed, explanation: `${what.the} est de ${show(actual)} ; la règle demande ${wanted}` };
}

function criteriaChecks(criteria: RuleCriteria, facts: MatchingFacts): CriterionCheck[] {
  const { person, session, quote } = facts;
  const price = quote?.price ?? session.price;
  const checks = [
    oneOf('HOLDER_STATUS', subject('le statut du titulaire'), criteria.holderStatuses, person.status, (s) => HOLDER_STATUS_WORDS[s]),
    oneOf('RESIDENCE_REGION', subject('la région de résidence', true), criteria.residenceRegions, person.homeRegion),
    oneOf('RESIDENCE_DEPARTEMENT', subject('le département de résidence'), criteria.residenceDepartements, person.homeDepartement),
    oneOf('BRANCH', subject('la branche', true), criteria.branchIdccs, person.employerIdcc, (idcc) => `IDCC ${idcc}`),
    oneOf('EMPLOYER', subject("le SIRET de l'employeur"), criteria.employerSirets, person.employerSiret),
    range('CPF_BALANCE', subject('le solde CPF'), quote?.balance, { atLeast: criteria.cpfBalanceAtLeast, below: criteria.cpfBalanceBelow }, formatEuros),
    range(
      'QUALIFICATION_LEVEL',
      subject('le niveau de qualification'),
      person.qualificationLevel,
      { atLeast: criteria.qualificationLevelAtLeast, atMost: criteria.qualificationLevelAtMost },
      String,
    ),
    oneOf('CERTIFICATION', subject('la certification visée', true), criteria.certificationCodes, session.certificationCode),
    anyOf('FORMACODE', 'les Formacodes de la session', criteria.formacodes, session.formacodes),
    anyOf('NSF', 'les domaines NSF de la session', criteria.nsfCodes, session.nsfCodes),
    anyOf('ROME', 'les métiers (ROME) que prépare la session', criteria.romeCodes, session.romeCodes),
    oneOf('TRAINING_REGION', subject('la région du lieu de formation', true), criteria.trainingRegions, session.region),
    range('PRICE', subject('le prix'), price, { atLeast: criteria.priceAtLeast, atMost: criteria.priceAtMost }, formatEuros),
  ];
  return checks.filter((check): check is CriterionCheck => check !== null);
}

function statusCheck(rule: FundingRule): CriterionCheck {
  if (rule.conventionStatus === 'SUSPENDED') return { criterion: 'STATUS', passed: false, explanation: 'la convention est suspendue par son financeur' };
  if (rule.status === 'SUSPENDED') return { criterion: 'STATUS', passed: false, explanation: 'la règle est suspendue par son financeur' };
  return { criterion: 'STATUS', passed: true, explanation: 'la règle et sa convention sont actives' };
}

function validityCheck(rule: FundingRule, date: string): CriterionCheck {
  const period = rule.validTo ? `du ${formatDay(rule.validFrom)} au ${formatDay(rule.validTo)}` : `à partir du ${formatDay(rule.validFrom)}`;
  if (date < rule.validFrom) {
    return { criterion: 'VALIDITY', passed: false, explanation: `la règle s'applique ${period} : pas encore le ${formatDay(date)}` };
  }
  if (rule.validTo !== null && date > rule.validTo) {
    return { criterion: 'VALIDITY', passed: false, explanation: `la règle s'appliquait ${period} : elle n'est plus en vigueur le ${formatDay(date)}` };
  }
  return { criterion: 'VALIDITY', passed: true, explanation: `la règle s'applique ${period}` };
}

function envelopeCheck(rule: FundingRule): CriterionCheck {
  return rule.envelopeRemaining > 0
    ? { criterion: 'ENVELOPE', passed: true, explanation: `l'enveloppe de la règle dispose encore de ${formatEuros(rule.envelopeRemaining)}` }
    : { criterion: 'ENVELOPE', passed: false, explanation: "l'enveloppe budgétaire de la règle est épuisée" };
}

export function evaluateRule(rule: FundingRule, facts: MatchingFacts): RuleDecision {
  const checks = [statusCheck(rule), validityCheck(rule, facts.date), ...criteriaChecks(rule.criteria, facts), envelopeCheck(rule)];
  const refusal = checks.find((check) => !check.passed);
  return refusal
    ? { rule, applies: false, decidingCriterion: refusal.criterion, reason: refusal.explanation, checks }
    : { rule, applies: true, decidingCriterion: null, reason: 'tous les critères de la règle sont remplis : abondement complémentaire possible (L6323-4 II)', checks };
}
