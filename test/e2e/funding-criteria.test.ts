// Every criterion a funder can save reaches its check with real data, through the gateway.
//
// For each criterion of abondements' table (subgraphs/abondements/src/domain/criteria.ts), a
// funder (Région Pays de la Loire, funder token) creates rules holding only that criterion: one
// whose value is the person's or the session's real one (it must apply) and one whose value
// cannot match (it must be refused, naming the criterion). Then Karim's funding plan for one of
// his recommended sessions is asked through the gateway, and each rule's decision is checked
// against the real facts read through the gateway too (passport's, catalog's, rights' quote).
// A criterion whose fact the @requires forgets arrives as "n'est pas connu" and fails here.
// The rules are suspended with their convention at the end (the stack is shared).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CRITERIA, type CriterionDef, type CriterionField, type FactRef } from '../../subgraphs/abondements/src/domain/criteria.ts';
import { formatEuros } from '../../subgraphs/abondements/src/domain/money.ts';
import { graphql, holderToken, tokenFor } from '../src/client.ts';

const gateway = () => inject('gatewayUrl');
const KARIM = 'karim-benali';
const FUNDER = { sub: 'agent-region-criteria', role: 'funder' as const, funderId: 'funder-region-pdl' };

type Facts = { holder: Record<string, unknown>; sessionFacts: Record<string, unknown>; cpfQuote: Record<string, unknown> | null };
type Decision = {
  rule: { id: string };
  applies: boolean;
  decidingCriterion: string | null;
  reason: string;
  checks: { criterion: string; passed: boolean; explanation: string }[];
};

interface Case {
  criterion: CriterionDef;
  field: string;
  value: unknown;
  expect: 'applies' | 'refused';
  ruleId?: string;
}

let funderToken: string;
let conventionId: string;
let sessionId: string;
let facts: Facts;
const cases: Case[] = [];
let decisions: Decision[];

async function ask<T = Record<string, any>>(query: string, variables: Record<string, unknown>, token: string): Promise<T> {
  const result = await graphql<T>(gateway(), query, variables, { token });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data as T;
}

const factOf = (c: CriterionDef): unknown => {
  for (const ref of c.reads as readonly FactRef[]) {
    const value = facts[ref.from]?.[ref.field];
    if (value !== null && value !== undefined) return value;
  }
  return null;
};
const shown = (c: CriterionDef, value: unknown) => (c.show ? c.show(String(value)) : c.type === 'Cents' ? formatEuros(Number(value)) : String(value));

/** For each criterion, the rules a funder saves: the real value (applies) and one that cannot match (refused). */
function casesOf(c: CriterionDef): Case[] {
  const actual = factOf(c);
  if (c.kind === 'oneOf') {
    const other = c.type === 'HolderStatus' ? (actual === 'EMPLOYEE' ? 'SELF_EMPLOYED' : 'EMPLOYEE') : `X${String(actual)}`;
    return [
      { criterion: c, field: c.field.name, value: [actual], expect: 'applies' },
      { criterion: c, field: c.field.name, value: [other], expect: 'refused' },
    ];
  }
  if (c.kind === 'anyOf') {
    return [
      { criterion: c, field: c.field.name, value: [(actual as string[])[0]], expect: 'applies' },
      { criterion: c, field: c.field.name, value: ['X0000'], expect: 'refused' },
    ];
  }
  const n = actual as number;
  const pairs: Array<[CriterionField | undefined, number, number]> = [
    [c.bounds.atLeast, n, n + 1],
    [c.bounds.below, n + 1, n],
    [c.bounds.atMost, n, n - 1],
  ];
  return pairs.flatMap(([field, passing, refusing]) =>
    field
      ? [
          { criterion: c, field: field.name, value: passing, expect: 'applies' as const },
          { criterion: c, field: field.name, value: refusing, expect: 'refused' as const },
        ]
      : [],
  );
}

const PLAN = `query ($person: ID!, $session: ID!) { person(id: $person) { trainingOptions(sessionIds: [$session]) {
  fundingPlan { ruleDecisions { rule { id } applies decidingCriterion reason checks { criterion passed explanation } } } } } }`;

beforeAll(async () => {
  funderToken = await tokenFor(FUNDER);
  const karimToken = await holderToken(KARIM);

  // Karim's facts and those of one of his recommended sessions, as the supergraph tells them.
  const read = await ask<{ person: any }>(
    `query ($person: ID!) { person(id: $person) {
      status qualificationLevel homeRegion homeDepartement employerSiret employerIdcc
      recommendedTrainings(first: 20) { sessionId
        session { price startDate region departement formacodes romeCodes nsfCodes certificationCode }
        cpfQuote { price balance } } } }`,
    { person: KARIM },
    karimToken,
  );
  const { recommendedTrainings, ...holder } = read.person;
  // A session where every fact a criterion reads is known (a place, codes, a price, a quote).
  const option = (recommendedTrainings as any[]).find(
    (o) =>
      o.cpfQuote &&
      o.session.price !== null &&
      o.session.region &&
      o.session.departement &&
      o.session.certificationCode &&
      o.session.formacodes.length &&
      o.session.romeCodes.length &&
      o.session.nsfCodes.length,
  );
  expect(option, 'a recommended session of Karim with every fact known').toBeDefined();
  sessionId = option.sessionId;
  facts = { holder, sessionFacts: option.session, cpfQuote: option.cpfQuote };

  const convention = await ask<{ createConvention: { id: string } }>(
    `mutation { createConvention(label: "e2e : un critère par règle", validFrom: "2020-01-01") { id } }`,
    {},
    funderToken,
  );
  conventionId = convention.createConvention.id;

  for (const c of CRITERIA as readonly CriterionDef[]) cases.push(...casesOf(c));
  for (const [i, one] of cases.entries()) {
    const created = await ask<{ createRule: { id: string; criteria: Record<string, unknown> } }>(
      `mutation ($convention: ID!, $rule: RuleInput!) { createRule(conventionId: $convention, rule: $rule, budget: 100000) {
        id criteria { ${one.field} } } }`,
      {
        convention: conventionId,
        rule: {
          label: `e2e ${i} : ${one.criterion.code} ${one.field} = ${JSON.stringify(one.value)}`,
          criteria: { [one.field]: one.value },
          amount: { kind: 'FIXED', value: 100 },
          validFrom: '2020-01-01',
        },
      },
      funderToken,
    );
    // What the funder saved is what it reads back.
    expect(created.createRule.criteria[one.field]).toEqual(one.value);
    one.ruleId = created.createRule.id;
  }

  const plan = await ask<{ person: { trainingOptions: { fundingPlan: { ruleDecisions: Decision[] } }[] } }>(
    PLAN,
    { person: KARIM, session: sessionId },
    karimToken,
  );
  decisions = plan.person.trainingOptions[0]!.fundingPlan.ruleDecisions;
});

afterAll(async () => {
  if (!conventionId) return;
  await ask(`mutation ($id: ID!) { setConventionStatus(id: $id, status: SUSPENDED) { status } }`, { id: conventionId }, funderToken);
  for (const one of cases) {
    if (one.ruleId) await ask(`mutation ($id: ID!) { setRuleStatus(id: $id, status: SUSPENDED) { status } }`, { id: one.ruleId }, funderToken);
  }
});

describe("each criterion of abondements' table, saved by a funder, decides Karim's plan through the gateway", () => {
  it('covers every criterion of the table, each with a matching and a non-matching rule', () => {
    const codes = (CRITERIA as readonly CriterionDef[]).map((c) => c.code);
    expect([...new Set(cases.map((c) => c.criterion.code))]).toEqual(codes);
    for (const code of codes) expect(cases.filter((c) => c.criterion.code === code).map((c) => c.expect)).toContain('refused');
  });

  it.each((CRITERIA as readonly CriterionDef[]).map((c) => [c.code]))('%s', (code) => {
    for (const one of cases.filter((c) => c.criterion.code === code)) {
      const decision = decisions.find((d) => d.rule.id === one.ruleId);
      expect(decision, `${code} ${one.field}`).toBeDefined();
      const check = decision!.checks.find((c) => c.criterion === code);
      // The check ran on the real fact: its words carry the value the supergraph gave.
      const actual = factOf(one.criterion);
      expect(actual, `${code}: the fact is known`).not.toBeNull();
      const realValue =
        one.criterion.kind === 'anyOf'
          ? one.expect === 'applies'
            ? (one.value as string[])[0]!
            : (actual as string[]).join(', ')
          : shown(one.criterion, actual);
      expect(check?.explanation, `${code} ${one.field}`).toContain(realValue);
      expect(check?.explanation).not.toMatch(/n'est pas connue?/);
      if (one.expect === 'applies') {
        expect(decision, `${code} ${one.field} = ${JSON.stringify(one.value)}`).toMatchObject({ applies: true, decidingCriterion: null });
        expect(check?.passed).toBe(true);
      } else {
        expect(decision, `${code} ${one.field} = ${JSON.stringify(one.value)}`).toMatchObject({ applies: false, decidingCriterion: code });
        expect(decision!.reason).toBe(check?.explanation);
      }
    }
  });
});
