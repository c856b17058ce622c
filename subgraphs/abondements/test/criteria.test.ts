// The criteria table (src/domain/criteria.ts) is the one place a criterion is written: the
// GraphQL fields, the enum, the check and the @requires selection all come from it.
import { parse, type OperationDefinitionNode, type FieldNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { CRITERIA, FACTS, criteriaProblem, criterionFields, type CriterionDef } from '../src/domain/criteria.ts';
import { evaluateRule } from '../src/domain/matching.ts';
import { printedSdl } from '../src/print-sdl.ts';
import { FUNDING_REQUIREMENTS } from '../src/schema/plans.ts';
import { camille, quote, regionRule, warehouseSession } from './fixtures.ts';

const sdl = printedSdl();
const block = (kind: string, name: string) => sdl.match(new RegExp(`${kind} ${name}[^{]*\\{([^}]*)\\}`))?.[1] ?? '';
const selected = (parse(`{ ${FUNDING_REQUIREMENTS} }`).definitions[0] as OperationDefinitionNode).selectionSet.selections as FieldNode[];
const selectionOf = (name: string) => (selected.find((f) => f.name.value === name)!.selectionSet!.selections as FieldNode[]).map((f) => f.name.value);

describe('each criterion of the table', () => {
  it.each((CRITERIA as readonly CriterionDef[]).map((c) => [c.code, c] as const))('%s: enum value, GraphQL fields, fact required', (code, c) => {
    expect(block('enum', 'FundingCriterion')).toContain(`  ${code}\n`);
    for (const field of criterionFields().filter((f) => f.criterion === code)) {
      expect(block('input', 'RuleCriteriaInput')).toMatch(new RegExp(`\\n  ${field.name}: `));
      expect(block('type', 'RuleCriteria')).toMatch(new RegExp(`\\n  ${field.name}: `));
    }
    for (const ref of c.reads) expect(selectionOf(ref.from)).toContain(ref.field);
  });

  it('every declared fact is required and declared @external', () => {
    expect(selectionOf('holder')).toEqual(['accessGrant', ...Object.keys(FACTS.holder)]);
    expect(selectionOf('sessionFacts')).toEqual(Object.keys(FACTS.sessionFacts));
    for (const name of Object.keys(FACTS.sessionFacts)) expect(block('type', 'SessionFacts')).toMatch(new RegExp(`\\n  ${name}: [^\\n]*@external`));
    for (const name of Object.keys(FACTS.holder)) expect(block('type', 'HolderFacts')).toMatch(new RegExp(`\\n  ${name}: [^\\n]*@external`));
  });

  it('a rule with only that criterion is decided by it (a value that cannot match refuses, naming the criterion)', () => {
    const facts = { person: camille, session: warehouseSession, quote: quote({ price: 150_000, balance: 60_000 }), date: '2026-03-02' };
    for (const c of CRITERIA as readonly CriterionDef[]) {
      const criteria =
        c.kind === 'range'
          ? { [(c.bounds.atLeast ?? c.bounds.below ?? c.bounds.atMost)!.name]: c.bounds.atLeast ? 999_999_999 : c.bounds.below ? 0 : -1 }
          : { [c.field.name]: ['NO-SUCH-VALUE'] };
      const decision = evaluateRule({ ...regionRule, criteria }, facts);
      expect(decision, c.code).toMatchObject({ applies: false, decidingCriterion: c.code });
      expect(decision.checks.map((check) => check.criterion)).toEqual(['STATUS', 'VALIDITY', c.code, 'ENVELOPE']);
    }
  });
});

describe('criteria a funder saves', () => {
  it.each([
    [{ cpfBalanceBelow: 80_000, holderStatuses: ['JOB_SEEKER' as const] }, null],
    [{ priceAtLeast: 50_000, priceAtMost: 50_000 }, null],
    [{ priceAtMost: -1 }, 'priceAtMost ne peut pas être négatif'],
    [{ priceAtLeast: 200_000, priceAtMost: 100_000 }, 'priceAtLeast ne peut pas dépasser priceAtMost : aucune valeur ne remplirait le critère PRICE'],
    [
      { cpfBalanceAtLeast: 80_000, cpfBalanceBelow: 80_000 },
      'cpfBalanceAtLeast doit être inférieur à cpfBalanceBelow : aucune valeur ne remplirait le critère CPF_BALANCE',
    ],
    [
      { qualificationLevelAtLeast: 5, qualificationLevelAtMost: 3 },
      'qualificationLevelAtLeast ne peut pas dépasser qualificationLevelAtMost : aucune valeur ne remplirait le critère QUALIFICATION_LEVEL',
    ],
  ])('%j → %s', (criteria, problem) => {
    expect(criteriaProblem(criteria)).toBe(problem);
  });
});
