// Does a funder's rule apply to this person × session? Every criterion says yes or no in
// French an adviser can repeat (the criterion is the machine code beside the words), so a
// refusal can be explained, not just observed.
import { CRITERIA as RULE_CRITERIA, type CriterionDef, type FactRef, type RuleCriterionCode } from './criteria.ts';
import { formatDay, formatEuros } from './money.ts';
import type { CpfQuote, FundingRule, PersonFacts, RuleCriteria, SessionFacts } from './types.ts';

/** What a rule decision can name: its status and dates, each criterion of ./criteria.ts in order, then its envelope. */
export type Criterion = 'STATUS' | 'VALIDITY' | RuleCriterionCode | 'ENVELOPE';

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

/** What a criterion looks at, with the agreement French needs to say it is not known. */
interface Subject {
  the: string;
  unknown: string;
}
const subject = (c: CriterionDef): Subject => ({ the: c.words, unknown: `${c.words} n'est pas ${c.feminine ? 'connue' : 'connu'}` });

/** How a criterion writes a value: its own words, euros for money, else the value itself. */
const shower = (c: CriterionDef) => (value: string | number) =>
  c.show ? c.show(String(value)) : c.type === 'Cents' ? formatEuros(Number(value)) : String(value);

/** The fact a criterion reads: the first of its sources that is known. */
function factOf(c: CriterionDef, facts: MatchingFacts): unknown {
  for (const ref of c.reads as readonly FactRef[]) {
    const source = (ref.from === 'holder' ? facts.person : ref.from === 'sessionFacts' ? facts.session : facts.quote) as Record<string, unknown> | null;
    const value = source?.[ref.field];
    if (value !== null && value !== undefined) return value;
  }
  return null;
}

/** A criterion on a single known value that must be one of the rule's list. */
function oneOf(c: CriterionDef & { kind: 'oneOf' }, criteria: RuleCriteria, actual: unknown): CriterionCheck | null {
  const accepted = (criteria as Record<string, string[] | undefined>)[c.field.name];
  if (!accepted || accepted.length === 0) return null;
  const what = subject(c);
  const show = shower(c);
  const criterion = c.code as Criterion;
  const wanted = list(accepted.map(show));
  if (actual === null || actual === undefined) return { criterion, passed: false, explanation: `${what.unknown} ; la règle demande : ${wanted}` };
  const passed = accepted.includes(String(actual));
  return {
    criterion,
    passed,
    explanation: `${what.the} (${show(String(actual))}) ${passed ? 'figure' : 'ne figure pas'} parmi les valeurs demandées par la règle : ${wanted}`,
  };
}

/** A criterion met when the session carries at least one of the rule's codes. */
function anyOf(c: CriterionDef & { kind: 'anyOf' }, criteria: RuleCriteria, fact: unknown): CriterionCheck | null {
  const accepted = (criteria as Record<string, string[] | undefined>)[c.field.name];
  if (!accepted || accepted.length === 0) return null;
  const actual = Array.isArray(fact) ? (fact as string[]) : [];
  const criterion = c.code as Criterion;
  const shared = actual.filter((code) => accepted.includes(code));
  return shared.length > 0
    ? { criterion, passed: true, explanation: `${c.words} comprennent ${list(shared)}, demandé par la règle` }
    : {
        criterion,
        passed: false,
        explanation: `${c.words} (${actual.length ? list(actual) : 'aucun'}) ne comprennent aucun des codes demandés par la règle : ${list(accepted)}`,
      };
}

/** A criterion bounding a number: at least (inclusive), below (exclusive), at most (inclusive). */
function range(c: CriterionDef & { kind: 'range' }, criteria: RuleCriteria, fact: unknown): CriterionCheck | null {
  const bound = (name: 'atLeast' | 'below' | 'atMost') => {
    const field = c.bounds[name];
    return field ? (criteria as Record<string, number | undefined>)[field.name] : undefined;
  };
  const atLeast = bound('atLeast');
  const below = bound('below');
  const atMost = bound('atMost');
  if (atLeast === undefined && below === undefined && atMost === undefined) return null;
  const what = subject(c);
  const show = shower(c);
  const criterion = c.code as Criterion;
  const wanted = [
    atLeast !== undefined ? `au moins ${show(atLeast)}` : null,
    below !== undefined ? `moins de ${show(below)}` : null,
    atMost !== undefined ? `au plus ${show(atMost)}` : null,
  ]
    .filter(Boolean)
    .join(' et ');
  if (typeof fact !== 'number') return { criterion, passed: false, explanation: `${what.unknown} ; la règle demande ${wanted}` };
  const actual = fact;
  const passed = (atLeast === undefined || actual >= atLeast) && (below === undefined || actual < below) && (atMost === undefined || actual <= atMost);
  return { criterion, passed, explanation: `${what.the} est de ${show(actual)} ; la règle demande ${wanted}` };
}

/** One check per kind of criterion: a criterion of a new kind adds its check here. */
function check(c: CriterionDef, criteria: RuleCriteria, facts: MatchingFacts): CriterionCheck | null {
  const fact = factOf(c, facts);
  switch (c.kind) {
    case 'oneOf':
      return oneOf(c, criteria, fact);
    case 'anyOf':
      return anyOf(c, criteria, fact);
    case 'range':
      return range(c, criteria, fact);
  }
}

function criteriaChecks(criteria: RuleCriteria, facts: MatchingFacts): CriterionCheck[] {
  return (RULE_CRITERIA as readonly CriterionDef[]).map((c) => check(c, criteria, facts)).filter((result): result is CriterionCheck => result !== null);
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
    : {
        rule,
        applies: true,
        decidingCriterion: null,
        reason: 'tous les critères de la règle sont remplis : abondement complémentaire possible (L6323-4 II)',
        checks,
      };
}
