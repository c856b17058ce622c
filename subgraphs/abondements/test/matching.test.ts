// An adviser must be able to explain a refusal: each case names the criterion that decides and the words used.
import { describe, expect, it } from 'vitest';
import { evaluateRule, type MatchingFacts } from '../src/domain/matching.ts';
import type { FundingRule } from '../src/domain/types.ts';
import { camille, jobSeekerParticipation, karim, quote, regionRule, warehouseSession } from './fixtures.ts';

const facts: MatchingFacts = {
  person: camille,
  session: warehouseSession,
  quote: quote({ price: 150_000, balance: 60_000, participation: jobSeekerParticipation }),
  date: '2026-03-02',
};

const cases: Array<{ scenario: string; rule?: Partial<FundingRule>; facts?: Partial<MatchingFacts>; decidedBy: string | null; reason: string }> = [
  { scenario: 'Camille matches the Pays de la Loire warehouse rule', decidedBy: null, reason: 'every criterion of the rule is met' },
  { scenario: 'Karim is an employee, the rule is for job seekers', facts: { person: karim }, decidedBy: 'HOLDER_STATUS', reason: 'the holder status EMPLOYEE is not among JOB_SEEKER' },
  {
    scenario: 'Camille moved to Loire-Atlantique (44)',
    facts: { person: { ...camille, homeDepartement: '44' } },
    decidedBy: 'RESIDENCE_DEPARTEMENT',
    reason: 'the département of residence 44 is not among 85',
  },
  {
    scenario: 'A balance of exactly 800 € is not below 800 €',
    facts: { quote: quote({ price: 150_000, balance: 80_000 }) },
    decidedBy: 'CPF_BALANCE',
    reason: 'the CPF balance is 800.00 €; the rule asks for below 800.00 €',
  },
  {
    scenario: 'Without a CPF quote the balance is unknown, so a balance criterion refuses',
    facts: { quote: null },
    decidedBy: 'CPF_BALANCE',
    reason: 'the CPF balance is not known; the rule asks for below 800.00 €',
  },
  {
    scenario: 'A care-assistant session does not prepare for the warehouse jobs',
    facts: { session: { ...warehouseSession, romeCodes: ['J1501'] } },
    decidedBy: 'ROME',
    reason: "the session's target jobs (ROME) (J1501) include none of N1103, N1101",
  },
  { scenario: 'A suspended rule funds nothing', rule: { status: 'SUSPENDED' }, decidedBy: 'STATUS', reason: 'the rule is suspended by its funder' },
  { scenario: 'A suspended convention suspends its rules', rule: { conventionStatus: 'SUSPENDED' }, decidedBy: 'STATUS', reason: 'the convention is suspended by its funder' },
  {
    scenario: 'A rule not yet in force',
    rule: { validFrom: '2026-06-01' },
    decidedBy: 'VALIDITY',
    reason: 'the rule applies from 2026-06-01 to 2027-12-31, not yet on 2026-03-02',
  },
  {
    scenario: 'The training region is checked against the place of training',
    rule: { criteria: { trainingRegions: ['32'] } },
    decidedBy: 'TRAINING_REGION',
    reason: 'the région of training 52 is not among 32',
  },
  {
    scenario: 'NSF domains are not in the contract\'s @requires: an NSF criterion cannot be met and says so',
    rule: { criteria: { nsfCodes: ['311'] } },
    decidedBy: 'NSF',
    reason: "the session's NSF domains are not known; the rule asks for 311",
  },
  {
    scenario: 'A price range excludes a 1,500 € session',
    rule: { criteria: { priceAtMost: 100_000 } },
    decidedBy: 'PRICE',
    reason: 'the price is 1,500.00 €; the rule asks for at most 1,000.00 €',
  },
  {
    scenario: 'A qualification ceiling (low-qualified only) refuses level 5',
    rule: { criteria: { qualificationLevelAtMost: 3 } },
    facts: { person: { ...camille, qualificationLevel: 5 } },
    decidedBy: 'QUALIFICATION_LEVEL',
    reason: 'the qualification level is 5; the rule asks for at most 3',
  },
  {
    scenario: 'A branch rule (IDCC 1486) refuses a holder of another branch',
    rule: { criteria: { branchIdccs: ['1486'] } },
    facts: { person: { ...karim, employerIdcc: '2264' } },
    decidedBy: 'BRANCH',
    reason: 'the branch (IDCC) 2264 is not among 1486',
  },
  { scenario: 'An exhausted envelope refuses last', rule: { envelopeRemaining: 0 }, decidedBy: 'ENVELOPE', reason: "the rule's budget envelope is exhausted" },
];

describe('matching a rule with reasons', () => {
  it.each(cases)('$scenario', ({ rule, facts: overrides, decidedBy, reason }) => {
    const decision = evaluateRule({ ...regionRule, ...rule }, { ...facts, ...overrides });
    expect(decision.applies).toBe(decidedBy === null);
    expect(decision.decidingCriterion).toBe(decidedBy);
    expect(decision.reason).toBe(reason);
  });

  it('lists every criterion checked, passed or not, so the adviser sees the whole picture', () => {
    const decision = evaluateRule(regionRule, { ...facts, person: karim });
    expect(decision.checks.map((c) => [c.criterion, c.passed])).toEqual([
      ['STATUS', true],
      ['VALIDITY', true],
      ['HOLDER_STATUS', false],
      ['RESIDENCE_DEPARTEMENT', false],
      ['CPF_BALANCE', true],
      ['ROME', true],
      ['ENVELOPE', true],
    ]);
  });
});
