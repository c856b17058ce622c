import fs from 'node:fs';
import { operationRunner } from '@formations/schema/testing';
import { printSubgraphSchema } from '@apollo/subgraph';
import { signAccessGrant, type Viewer } from '@formations/schema/auth';
import { recordStatementsRun } from '@formations/schema/subgraph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RightsContext } from '../src/context.ts';
import { seedDemoWorld } from '../src/db/seed.ts';
import { schema } from '../src/schema/index.ts';
import { params, tempDatabase } from './helpers.ts';

const TODAY = '2026-11-25';
const database = tempDatabase();
const runOperation = operationRunner<RightsContext>(schema);
const statements: string[] = [];

beforeAll(async () => {
  await seedDemoWorld(database.store, params, TODAY);
  // Every SQL statement run goes through here: the batching test counts them.
  recordStatementsRun(database.sqlite, statements);
});
afterAll(async () => {
  await database.store.close();
  fs.rmSync(database.dir, { recursive: true, force: true });
});

const run = (query: string, variables: Record<string, unknown>, viewer: Viewer | null) =>
  runOperation(query, variables, { viewer, loaders: new Map(), store: database.store, params, today: () => TODAY });

const holder = (sub: string): Viewer => ({ sub, role: 'holder' });
const operator: Viewer = { sub: 'ops-1', role: 'operator' };
const grant = (personId: string, viewerSub = personId) => signAccessGrant({ personId, viewerSub, scopes: ['rights'] });

const ACCOUNTS = /* GraphQL */ `
  query ($reps: [_Any!]!) {
    _entities(representations: $reps) {
      ... on Person { id cpfAccount { balance ceiling credits { year amount explanation posted } entries(limit: 3) { kind amount effectiveDate legalSource } projectedBalance(at: "2027-05-01") } }
    }
  }
`;

describe('Person.cpfAccount through _entities', () => {
  it('gives each demo holder the balance computed from the rules', async () => {
    const reps = await Promise.all(
      ['camille-martin', 'karim-benali', 'lucie-moreau'].map(async (id) => ({ __typename: 'Person', id, accessGrant: await grant(id) })),
    );
    statements.length = 0;
    const res = await run(ACCOUNTS, { reps }, holder('camille-martin'));
    // Grants are checked against the viewer: only Camille's own account is readable by Camille.
    expect(res.data!._entities[0].cpfAccount).toMatchObject({ balance: 30000, ceiling: 500000, projectedBalance: 30000 });
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
  });

  it('reads several accounts with one batch of queries whatever their number', async () => {
    const ids = ['camille-martin', 'karim-benali', 'lucie-moreau'];
    const reps = await Promise.all(
      ids.map(async (id) => ({
        __typename: 'Person',
        id,
        accessGrant: await signAccessGrant({ personId: id, viewerSub: 'sophie-adviser', scopes: ['rights'] }),
      })),
    );
    statements.length = 0;
    const res = await run(ACCOUNTS, { reps }, { sub: 'sophie-adviser', role: 'adviser' });
    expect(res.errors).toBeUndefined();
    const [camille, karim, lucie] = res.data!._entities.map((p: any) => p.cpfAccount);
    expect(camille.balance).toBe(30000);
    expect(karim.balance).toBe(350000);
    expect(lucie).toMatchObject({ balance: 560000, ceiling: 800000 });
    expect(lucie.credits[0]).toMatchObject({ year: 2019, amount: 80000, posted: true });
    expect(lucie.credits[0].explanation).toContain('salarié peu qualifié');
    expect(karim.entries).toHaveLength(3);
    // One check for due credits, one read of the ledgers, one of the activity years.
    expect(statements).toHaveLength(3);
  });

  it('answers FORBIDDEN without a grant for rights', async () => {
    const passportOnly = await signAccessGrant({ personId: 'karim-benali', viewerSub: 'sophie-adviser', scopes: ['passport'] });
    const res = await run(
      ACCOUNTS,
      { reps: [{ __typename: 'Person', id: 'karim-benali', accessGrant: passportOnly }] },
      { sub: 'sophie-adviser', role: 'adviser' },
    );
    expect(res.data!._entities[0].cpfAccount).toBeNull();
    expect(res.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });
});

const QUOTES = /* GraphQL */ `
  query ($reps: [_Any!]!) {
    _entities(representations: $reps) {
      ... on TrainingOption {
        sessionId
        cpfQuote { date price balance eligible ineligibilityReason spendingCap spendingCapSource spendingCapStatus coveredByRights
                   spendingOrderCode spendingSteps spendingOrderSource
                   participation { amount amountStatus amountNote due exemptionCode exemptionReason exemptWithTopUpFrom exemptWithDotationFrom legalSource } }
      }
    }
  }
`;

describe('TrainingOption.cpfQuote', () => {
  it('quotes several sessions for an order placed today', async () => {
    const person = { accessGrant: await grant('karim-benali'), status: 'EMPLOYEE', hasDrivingLicence: true };
    const option = (sessionId: string, session: Record<string, unknown>) => ({
      __typename: 'TrainingOption',
      personId: 'karim-benali',
      sessionId,
      holder: person,
      sessionFacts: session,
    });
    statements.length = 0;
    const res = await run(
      QUOTES,
      {
        reps: [
          option('dev-web', { price: 600000, cpfKind: 'RNCP', startDate: '2027-01-11' }),
          option('rs', { price: 200000, cpfKind: 'RS', startDate: '2027-02-01' }),
          option('started', { price: 200000, cpfKind: 'RNCP', startDate: '2025-01-06' }),
          option('licence', { price: 150000, cpfKind: 'DRIVING_LICENCE_B', startDate: null }),
          option('no-price', { price: null, cpfKind: 'RNCP', startDate: null }),
        ],
      },
      holder('karim-benali'),
    );
    expect(res.errors).toBeUndefined();
    const [dev, rs, started, licence, noPrice] = res.data!._entities.map((o: any) => o.cpfQuote);
    expect(dev).toMatchObject({ date: TODAY, price: 600000, balance: 350000, eligible: true, spendingCap: null, coveredByRights: 350000 });
    expect(dev.participation).toMatchObject({
      amount: 10320,
      amountStatus: 'DRAFT',
      due: true,
      exemptionCode: null,
      exemptWithTopUpFrom: ['EMPLOYER', 'OPCO'],
      exemptWithDotationFrom: ['EMPLOYER'],
    });
    expect(dev.participation.amountNote).toContain('montant à confirmer');
    expect(dev).toMatchObject({
      spendingOrderCode: 'DECRET_2025_1156',
      spendingSteps: ['SUPPLEMENTARY_RIGHTS', 'ACQUIRED_RIGHTS', 'COMPLEMENTARY_TOP_UPS'],
      spendingCapStatus: null,
    });
    expect(dev.spendingOrderSource).toContain('en vigueur depuis le 5 décembre 2025');
    expect(rs).toMatchObject({ date: TODAY, spendingCap: 150000, spendingCapStatus: 'REPORTED', coveredByRights: 150000 });
    expect(started).toMatchObject({ eligible: false, coveredByRights: 0 });
    expect(licence).toMatchObject({ eligible: false, coveredByRights: 0 });
    expect(licence.ineligibilityReason).toContain('permis de conduire en cours de validité');
    expect(noPrice).toBeNull();
    expect(statements).toHaveLength(3);
  });

  it('waives the participation for a job seeker', async () => {
    const reps = [
      {
        __typename: 'TrainingOption',
        personId: 'camille-martin',
        sessionId: 's1',
        holder: { accessGrant: await grant('camille-martin'), status: 'JOB_SEEKER', hasDrivingLicence: false },
        sessionFacts: { price: 90000, cpfKind: 'RNCP', startDate: '2026-12-07' },
      },
    ];
    const res = await run(QUOTES, { reps }, holder('camille-martin'));
    expect(res.data!._entities[0].cpfQuote).toMatchObject({
      balance: 30000,
      coveredByRights: 30000,
      participation: { due: false, exemptionCode: 'JOB_SEEKER', exemptionReason: "demandeur d'emploi : exonéré de la participation forfaitaire (L6323-4)" },
    });
  });

  it("refuses another person's quote", async () => {
    const reps = [
      {
        __typename: 'TrainingOption',
        personId: 'camille-martin',
        sessionId: 's1',
        holder: { accessGrant: null, status: 'JOB_SEEKER', hasDrivingLicence: false },
        sessionFacts: { price: 90000, cpfKind: 'RNCP', startDate: null },
      },
    ];
    const res = await run(QUOTES, { reps }, holder('karim-benali'));
    expect(res.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });
});

describe('writing to accounts', () => {
  const RECORD = /* GraphQL */ `
    mutation ($input: CpfActivityYearInput!) { recordCpfActivityYear(input: $input) { balance credits { year amount posted } } }
  `;
  const EXTRA = /* GraphQL */ `
    mutation ($key: String!) { postCpfExtraCredit(personId: "camille-martin", kind: C2P, date: "2026-06-01", c2pPoints: 2, idempotencyKey: $key) { id kind amount legalSource } }
  `;

  it('refuses a holder crediting himself', async () => {
    const res = await run(EXTRA, { key: 'c2p-self' }, holder('camille-martin'));
    expect(res.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });

  it('lets an operator post a C2P credit once per idempotency key', async () => {
    const first = await run(EXTRA, { key: 'c2p-camille-1' }, operator);
    const again = await run(EXTRA, { key: 'c2p-camille-1' }, operator);
    expect(first.data!.postCpfExtraCredit).toMatchObject({ kind: 'C2P', amount: 100000 });
    expect(again.data!.postCpfExtraCredit.id).toBe(first.data!.postCpfExtraCredit.id);
  });

  it('records a year of activity and projects its credit to next spring', async () => {
    const input = {
      personId: 'karim-benali',
      year: 2026,
      employmentPeriods: [{ from: '2026-01-01', to: '2026-12-31', workingTimePercent: 100 }],
      qualificationLevel: 5,
    };
    const res = await run(RECORD, { input }, operator);
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordCpfActivityYear.credits.at(-1)).toEqual({ year: 2026, amount: 50000, posted: false });
    expect(res.data!.recordCpfActivityYear.balance).toBe(350000);
  });

  it('records a year declared by two employers, hours and days, and explains it in French (R6323-1 II)', async () => {
    const input = {
      personId: 'nora-petit',
      year: 2025,
      employmentPeriods: [],
      declarations: [
        { employer: 'Boulangerie Martin', basis: 'HOURS', hours: 500 },
        { employer: 'Conseil SA', basis: 'DAYS', days: 40, forfaitDays: 218 },
      ],
    };
    const res = await run(
      `mutation ($input: CpfActivityYearInput!) { recordCpfActivityYear(input: $input) { credits { year amount rule explanation posted } } }`,
      { input },
      operator,
    );
    expect(res.errors).toBeUndefined();
    const [credit] = res.data!.recordCpfActivityYear.credits;
    expect(credit).toMatchObject({ year: 2025, amount: 24732, rule: 'EMPLOYEE_PRO_RATA', posted: true });
    expect(credit.explanation).toContain("arrondi au centime d'euro supérieur, R6323-1");
  });

  it('refuses a declaration without its figure, in French', async () => {
    const input = { personId: 'nora-petit', year: 2024, employmentPeriods: [], declarations: [{ employer: 'Conseil SA', basis: 'DAYS', days: 40 }] };
    const res = await run(RECORD, { input }, operator);
    expect(res.errors![0]).toMatchObject({
      message: 'déclaration de Conseil SA : le nombre de jours (days) ou de jours du forfait (forfaitDays) est manquant',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('refuses an abondement correctif whose conditions fail, with the reason in French and a code', async () => {
    const res = await run(
      `mutation { postCpfExtraCredit(personId: "karim-benali", kind: CORRECTIF, date: "2026-06-01", correctif: { firmHeadcount: 30, interviewsHeld: false, nonMandatoryTraining: false }, idempotencyKey: "corr-karim") { id } }`,
      {},
      operator,
    );
    expect(res.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'FIRM_TOO_SMALL' });
    expect(res.errors![0]!.message).toContain("il n'est dû que dans les entreprises d'au moins 50 salariés (L6315-1 II)");
  });

  it('posts the APC abondement the employer pays, outside the ceiling (R6323-3-2)', async () => {
    const res = await run(
      `mutation { postCpfExtraCredit(personId: "karim-benali", kind: APC, date: "2026-06-01", amount: 320000, idempotencyKey: "apc-karim") { kind amount explanation legalSource } }`,
      {},
      operator,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.postCpfExtraCredit).toMatchObject({ kind: 'APC', amount: 320000 });
    expect(res.data!.postCpfExtraCredit.legalSource).toContain('R6323-3-2');
  });

  it('refuses to rewrite a year already credited', async () => {
    const input = { personId: 'karim-benali', year: 2020, employmentPeriods: [], qualificationLevel: 5 };
    const res = await run(RECORD, { input }, operator);
    expect(res.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'ALREADY_CREDITED' });
  });

  it('refuses a debit larger than the balance', async () => {
    const res = await run(
      `mutation { debitCpfAccount(personId: "lucie-moreau", amount: 560001, reason: "too much", idempotencyKey: "d-lucie-1") { id } }`,
      {},
      operator,
    );
    expect(res.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INSUFFICIENT_RIGHTS' });
  });
});

describe('law parameters', () => {
  it('lists those in force on a day, with their sources, status and text, and the drafts pending that day', async () => {
    const res = await run(`{ cpfLawParameters(on: "2026-03-01") { id value legalSource status text note } }`, {}, null);
    const rs = res.data!.cpfLawParameters.find((p: { id: string }) => p.id === 'spendingCap.RS');
    expect(rs).toMatchObject({ value: '150000', status: 'REPORTED' });
    expect(rs.note).toBeTruthy();
    const participation = res.data!.cpfLawParameters.filter((p: { id: string }) => p.id === 'participation.amount');
    expect(participation.map((p: { value: string; status: string }) => [p.value, p.status])).toEqual([
      ['10320', 'IN_FORCE'],
      ['15000', 'DRAFT'],
    ]);
  });
});

describe('committed SDL', () => {
  it('equals the printed schema (run `npm run sdl` after a change)', () => {
    expect(fs.readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8')).toBe(printSubgraphSchema(schema));
  });
});
