// What the gateway really sends fundingPlan: only the fields its @requires selects. A fact the
// plan reads but the selection forgets arrives as nothing, so these tests cut the other
// subgraphs' full answers down to the selection before asking for the plan.
import { signAccessGrant, type Viewer } from '@formations/schema/auth';
import { parse, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUNDING_REQUIREMENTS } from '../src/schema/plans.ts';
import { startHarness, type Harness } from './harness.ts';

type Json = null | string | number | boolean | Json[] | { [key: string]: Json };

/** `value` as the gateway sends it for `selection`: the selected fields only. */
function project(value: Json, selection: SelectionSetNode): Json {
  if (Array.isArray(value)) return value.map((item) => project(item, selection));
  if (value === null || typeof value !== 'object') return value;
  const kept: { [key: string]: Json } = {};
  for (const field of selection.selections) {
    if (field.kind !== 'Field') throw new Error('the @requires selection has only fields');
    const name = field.name.value;
    if (!(name in value)) continue;
    kept[name] = field.selectionSet ? project(value[name] ?? null, field.selectionSet) : (value[name] ?? null);
  }
  return kept;
}

const required = (parse(`{ ${FUNDING_REQUIREMENTS} }`).definitions[0] as OperationDefinitionNode).selectionSet;

const sophie: Viewer = { sub: 'sophie-adviser', role: 'adviser', name: 'Sophie Lefèvre' };
const regionUser: Viewer = { sub: 'agent-region', role: 'funder', funderId: 'funder-region-pdl' };
const grantFor = (personId: string) => signAccessGrant({ personId, viewerSub: sophie.sub, scopes: ['funding'] });

/** Catalog's session as it stores it, more than any @requires asks. */
const catalogSession = (overrides: Record<string, Json> = {}) => ({
  id: 'PDL-F0001-A1-S1',
  price: 150_000,
  startDate: '2027-01-11',
  endDate: '2027-03-26',
  cpfKind: 'RNCP',
  region: '52',
  departement: '85',
  formacodes: ['31815'],
  romeCodes: ['N1103', 'N1101'],
  nsfCodes: ['311'],
  certificationCode: 'RNCP38413',
  ...overrides,
});

/** Rights' quote as it computes it (the fields of docs/federation-contract.md). */
const rightsQuote = (overrides: Record<string, Json> = {}, participation: Record<string, Json> = {}) => ({
  date: '2026-03-02',
  price: 150_000,
  balance: 30_000,
  eligible: true,
  ineligibilityReason: null,
  spendingCap: null,
  spendingCapSource: null,
  spendingCapStatus: null,
  spendingOrderCode: 'DECRET_2025_1156',
  spendingSteps: ['SUPPLEMENTARY_RIGHTS', 'ACQUIRED_RIGHTS', 'COMPLEMENTARY_TOP_UPS'],
  spendingOrderSource: 'décret n° 2025-1156 du 3 décembre 2025',
  participation: {
    amount: 10_320,
    amountStatus: 'REPORTED',
    due: false,
    exemptionReason: "demandeur d'emploi (L6323-4)",
    exemptionCode: 'JOB_SEEKER',
    exemptWithTopUpFrom: ['EMPLOYER', 'OPCO'],
    exemptWithDotationFrom: ['EMPLOYER'],
    legalSource: 'L6323-4, arrêté du 30 décembre 2025',
    ...participation,
  },
  ...overrides,
});

const passportCamille = async () => ({
  id: 'camille-martin',
  givenName: 'Camille',
  accessGrant: await grantFor('camille-martin'),
  status: 'JOB_SEEKER',
  qualificationLevel: 3,
  homeRegion: '52',
  homeDepartement: '85',
  employerSiret: null,
  employerIdcc: null,
});

const passportKarim = async () => ({
  ...(await passportCamille()),
  id: 'karim-benali',
  givenName: 'Karim',
  accessGrant: await grantFor('karim-benali'),
  status: 'EMPLOYEE',
  qualificationLevel: 5,
  homeRegion: '84',
  homeDepartement: '69',
  employerSiret: '41816609600069',
  employerIdcc: '1486',
});

const PLAN = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on TrainingOption { fundingPlan {
  spendingOrder spendingOrderCode spendingSteps spendingOrderSource cpfRights remainingCost
  abondements { kind amount funder { id } rule { id } }
  participation { amount amountStatus due exemptionCode exemptionReason }
  ruleDecisions { rule { id } applies decidingCriterion reason }
  notes planNotes { code message }
} } } }`;

type Plan = {
  spendingOrder: string;
  spendingOrderCode: string | null;
  spendingSteps: string[];
  spendingOrderSource: string | null;
  cpfRights: number;
  remainingCost: number;
  abondements: Array<{ kind: string; amount: number; funder: { id: string }; rule: { id: string } | null }>;
  participation: { amount: number; amountStatus: string | null; due: boolean; exemptionCode: string | null; exemptionReason: string | null };
  ruleDecisions: Array<{ rule: { id: string }; applies: boolean; decidingCriterion: string | null; reason: string }>;
  notes: string[];
  planNotes: Array<{ code: string; message: string }>;
};

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

async function planAsGatewaySends(facts: { person: Json; session: Json; cpfQuote: Json }): Promise<Plan> {
  // catalog passes passport's and its own facts on with the option (TrainingOption.holder, .sessionFacts).
  const sent = project({ holder: facts.person, sessionFacts: facts.session, cpfQuote: facts.cpfQuote }, required) as { [key: string]: Json };
  const representation = { __typename: 'TrainingOption', personId: 'p', sessionId: 's', ...sent };
  const person = facts.person as { id: string };
  representation.personId = person.id;
  const result = await h.run(PLAN, { r: [representation] }, sophie);
  expect(result.errors).toBeUndefined();
  return (result.data!._entities as Array<{ fundingPlan: Plan }>)[0]!.fundingPlan;
}

describe('fundingPlan on the facts its @requires brings', () => {
  it('applies a Région rule on NSF 311 (transport, manutention, magasinage) to a session catalog files under NSF 311', async () => {
    const created = await h.run(
      `mutation($rule: RuleInput!) { createRule(conventionId: "convention-region-pdl-2025", rule: $rule, budget: 1000000) { id } }`,
      {
        rule: {
          label: 'Formations du domaine NSF 311 (transport, manutention, magasinage) : 200 €',
          criteria: { nsfCodes: ['311'] },
          amount: { kind: 'FIXED', value: 20_000 },
          validFrom: '2026-01-01',
        },
      },
      regionUser,
    );
    expect(created.errors).toBeUndefined();
    const ruleId = (created.data!.createRule as { id: string }).id;

    const plan = await planAsGatewaySends({ person: await passportCamille(), session: catalogSession(), cpfQuote: rightsQuote() });
    expect(plan.ruleDecisions.find((d) => d.rule.id === ruleId)).toEqual({
      rule: { id: ruleId },
      applies: true,
      decidingCriterion: null,
      reason: 'tous les critères de la règle sont remplis : abondement complémentaire possible (L6323-4 II)',
    });
    expect(plan.abondements.find((a) => a.rule?.id === ruleId)?.amount).toBe(20_000);

    const careSession = await planAsGatewaySends({ person: await passportCamille(), session: catalogSession({ nsfCodes: ['331'] }), cpfQuote: rightsQuote() });
    expect(careSession.ruleDecisions.find((d) => d.rule.id === ruleId)).toMatchObject({ applies: false, decidingCriterion: 'NSF' });
    await h.run(`mutation($id: ID!) { setRuleStatus(id: $id, status: SUSPENDED) { status } }`, { id: ruleId }, regionUser);
  });

  it('cites the text of the spending cap the quote gives, and says a reported cap is to confirm', async () => {
    const plan = await planAsGatewaySends({
      person: await passportKarim(),
      session: catalogSession({ certificationCode: 'RS6000', romeCodes: ['M1805'], nsfCodes: ['326'], price: 200_000 }),
      cpfQuote: rightsQuote(
        { price: 200_000, balance: 350_000, spendingCap: 150_000, spendingCapSource: 'D6323-1 A (décret 2026-127)', spendingCapStatus: 'REPORTED' },
        { due: true, exemptionReason: null, exemptionCode: null, amountStatus: 'IN_FORCE' },
      ),
    });
    expect(plan.cpfRights).toBe(150_000);
    expect(plan.planNotes).toContainEqual({
      code: 'CPF_RIGHTS_CAPPED',
      message:
        'Les droits CPF sont plafonnés à 1\u00a0500,00\u00a0€ pour ce type de formation (D6323-1 A (décret 2026-127)) ; ce plafond est signalé mais pas encore vérifié dans un texte en vigueur : à confirmer.',
    });
    expect(plan.notes).toEqual(plan.planNotes.map((n) => n.message));
  });

  it("spends in the order the quote gives: the arrêté of 2020 on 4 Dec 2025, décret 2025-1156 on 5 Dec 2025 (Karim's 1,000 € dotation)", async () => {
    const karim = await passportKarim();
    const session = catalogSession({ certificationCode: 'RNCP37674', romeCodes: ['M1805'], nsfCodes: ['326'], price: 300_000 });
    const employee = {
      due: true,
      exemptionReason: null,
      exemptionCode: null,
      amount: 10_223,
      amountStatus: 'IN_FORCE',
      legalSource: 'L6323-4, arrêté du 26 décembre 2024',
    };
    const eve = await planAsGatewaySends({
      person: karim,
      session,
      cpfQuote: rightsQuote(
        {
          date: '2025-12-04',
          price: 300_000,
          balance: 350_000,
          spendingOrderCode: 'ARRETE_2020',
          spendingSteps: ['ACQUIRED_RIGHTS', 'SUPPLEMENTARY_RIGHTS', 'COMPLEMENTARY_TOP_UPS'],
          spendingOrderSource: 'arrêté du 30 juillet 2020',
        },
        employee,
      ),
    });
    expect(eve).toMatchObject({
      spendingOrderCode: 'ARRETE_2020',
      spendingOrderSource: 'arrêté du 30 juillet 2020',
      cpfRights: 289_777,
      abondements: [],
      participation: { due: true, amount: 10_223, amountStatus: 'IN_FORCE', exemptionCode: null },
      remainingCost: 10_223,
    });
    expect(eve.spendingOrder).toMatch(/^arrêté du 30 juillet 2020 : les droits acquis du titulaire, puis les droits supplémentaires/);

    const inForce = await planAsGatewaySends({
      person: karim,
      session,
      cpfQuote: rightsQuote({ date: '2025-12-05', price: 300_000, balance: 350_000 }, employee),
    });
    expect(inForce).toMatchObject({
      spendingOrderCode: 'DECRET_2025_1156',
      spendingSteps: ['SUPPLEMENTARY_RIGHTS', 'ACQUIRED_RIGHTS', 'COMPLEMENTARY_TOP_UPS'],
      cpfRights: 200_000,
      abondements: [{ kind: 'DOTATION', amount: 100_000, funder: { id: 'funder-employer-karim' }, rule: null }],
      participation: { due: false, amount: 10_223, exemptionCode: 'EMPLOYER_DOTATION' },
      remainingCost: 0,
    });
  });

  it('without a CPF quote, spends only top-ups and says so', async () => {
    const plan = await planAsGatewaySends({ person: await passportCamille(), session: catalogSession(), cpfQuote: null });
    expect(plan).toMatchObject({
      spendingOrderCode: null,
      spendingSteps: ['COMPLEMENTARY_TOP_UPS'],
      spendingOrderSource: null,
      cpfRights: 0,
      participation: { due: false, amountStatus: null, exemptionCode: null },
    });
    expect(plan.planNotes.map((n) => n.code)).toEqual(['NO_CPF_QUOTE']);
  });
});
