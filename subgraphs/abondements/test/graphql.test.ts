// The GraphQL layer as the gateway calls it: _entities with the contract's @requires, and the funders' side.
import { signAccessGrant, type Viewer } from '@formations/schema/auth';
import { clockOf } from '@formations/schema/clock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.ts';
import { DIALECTS } from './store.ts';

const sophie: Viewer = { sub: 'sophie-adviser', role: 'adviser', name: 'Sophie Lefèvre' };
const regionUser: Viewer = { sub: 'agent-region', role: 'funder', funderId: 'funder-region-pdl' };
const franceTravailUser: Viewer = { sub: 'agent-ft', role: 'funder', funderId: 'funder-france-travail' };
const camilleHolder: Viewer = { sub: 'camille-martin', role: 'holder' };
const platform: Viewer = { sub: 'mon-compte-formation', role: 'operator' };

const grantFor = (personId: string, viewer: Viewer) =>
  signAccessGrant({ personId, viewerSub: viewer.sub, scopes: ['passport', 'rights', 'funding', 'recommendations'] });

const camillePerson = async (viewer: Viewer) => ({
  accessGrant: await grantFor('camille-martin', viewer),
  status: 'JOB_SEEKER',
  qualificationLevel: 3,
  homeRegion: '52',
  homeDepartement: '85',
  employerSiret: null,
  employerIdcc: null,
});

/** The quote as rights answers it on 2 March 2026 (décret 2025-1156 in force), with the participation due unless overridden. */
const rightsQuote = (price: number, balance: number, participation: Record<string, unknown> = {}) => ({
  date: '2026-03-02',
  price,
  balance,
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
    due: true,
    exemptionReason: null,
    exemptionCode: null,
    exemptWithTopUpFrom: ['EMPLOYER', 'OPCO'],
    exemptWithDotationFrom: ['EMPLOYER'],
    legalSource: 'L6323-4',
    ...participation,
  },
});
const jobSeekerQuote = (price: number, balance: number) =>
  rightsQuote(price, balance, { due: false, exemptionReason: "demandeur d'emploi (L6323-4)", exemptionCode: 'JOB_SEEKER' });

const warehouseSession = (price: number) => ({
  price,
  startDate: '2026-03-02',
  region: '52',
  formacodes: ['31815'],
  romeCodes: ['N1101'],
  nsfCodes: ['311'],
  certificationCode: 'RS5186',
});

const PLAN_QUERY = `query Plans($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on TrainingOption {
      sessionId
      fundingPlan {
        price spendingOrder spendingOrderCode cpfRights remainingCost
        abondements { kind amount funder { id name kind } rule { id label } }
        participation { amount due exemptionReason }
        lines { kind amount }
        ruleDecisions { rule { id } applies decidingCriterion reason }
      }
    }
  }
}`;

describe.each(DIALECTS)('abondements over GraphQL, in %s', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(undefined, dialect);
  });
  afterAll(async () => {
    await h.close();
  });

  describe('TrainingOption.fundingPlan through _entities', () => {
    it('computes one plan per session with one SQL statement per kind of data, whatever the number of sessions and persons', async () => {
      const person = await camillePerson(sophie);
      const prices = [150_000, 90_000, 123_457];
      const representations = prices.map((price, i) => ({
        __typename: 'TrainingOption',
        personId: 'camille-martin',
        sessionId: `session-${i}`,
        holder: person,
        sessionFacts: warehouseSession(price),
        cpfQuote: jobSeekerQuote(price, 60_000),
      }));
      const karimPerson = { ...person, accessGrant: await grantFor('karim-benali', sophie), status: 'EMPLOYEE', homeRegion: '84', homeDepartement: '69' };
      representations.push({ ...representations[0]!, personId: 'karim-benali', sessionId: 'session-karim', holder: karimPerson });
      h.statements.length = 0;
      const result = await h.run(PLAN_QUERY, { representations }, sophie);
      expect(result.errors).toBeUndefined();
      // rules, dotations, France Travail requests, reservations and dotation uses held: one statement each for the whole list.
      if (dialect === 'sqlite') expect(h.statements).toHaveLength(5);
      const plans = (
        result.data!._entities as Array<{ fundingPlan: Record<string, unknown> & { abondements: Array<{ amount: number; funder: { id: string } }> } }>
      ).map((e) => e.fundingPlan);
      expect(plans.map((p) => p.abondements.map((a) => [a.funder.id, a.amount]))).toEqual([
        [
          ['funder-region-pdl', 75_000],
          ['funder-france-travail', 15_000],
        ],
        [['funder-region-pdl', 30_000]],
        [
          ['funder-region-pdl', 61_728],
          ['funder-france-travail', 1_729],
        ],
        [],
      ]);
      for (const plan of plans) {
        const sum = (plan.cpfRights as number) + plan.abondements.reduce((s, a) => s + a.amount, 0) + (plan.remainingCost as number);
        expect(sum).toBe(plan.price);
      }
      expect(plans[0]?.spendingOrderCode).toBe('DECRET_2025_1156');
    });

    it('does not reserve envelope money: a plan is a simulation', async () => {
      const consumed = async () => (await h.database.query<{ consumed: number }>('SELECT consumed FROM envelopes ORDER BY id')).map((e) => e.consumed);
      const before = await consumed();
      const person = await camillePerson(sophie);
      await h.run(
        PLAN_QUERY,
        {
          representations: [
            {
              __typename: 'TrainingOption',
              personId: 'camille-martin',
              sessionId: 's',
              holder: person,
              sessionFacts: warehouseSession(150_000),
              cpfQuote: jobSeekerQuote(150_000, 60_000),
            },
          ],
        },
        sophie,
      );
      expect(await consumed()).toEqual(before);
    });

    it('answers FORBIDDEN for a person whose grant was not given to this viewer (Karim gave Sophie no consent)', async () => {
      const representation = {
        __typename: 'TrainingOption',
        personId: 'karim-benali',
        sessionId: 's',
        holder: { ...(await camillePerson(sophie)), accessGrant: null },
        sessionFacts: warehouseSession(150_000),
        cpfQuote: jobSeekerQuote(150_000, 350_000),
      };
      const result = await h.run(PLAN_QUERY, { representations: [representation] }, sophie);
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });

    it("explains a refusal: Camille's rights above 800 € make the Région's rule fail on CPF_BALANCE", async () => {
      const person = await camillePerson(sophie);
      const result = await h.run(
        PLAN_QUERY,
        {
          representations: [
            {
              __typename: 'TrainingOption',
              personId: 'camille-martin',
              sessionId: 's',
              holder: person,
              sessionFacts: warehouseSession(150_000),
              cpfQuote: jobSeekerQuote(150_000, 90_000),
            },
          ],
        },
        sophie,
      );
      const decisions = (
        result.data!._entities as Array<{ fundingPlan: { ruleDecisions: Array<{ rule: { id: string }; decidingCriterion: string | null; reason: string }> } }>
      )[0]?.fundingPlan.ruleDecisions;
      expect(decisions?.find((d) => d.rule.id === 'rule-region-pdl-logistics-85')).toMatchObject({
        decidingCriterion: 'CPF_BALANCE',
        reason: 'le solde CPF est de 900,00\u00a0€ ; la règle demande moins de 800,00\u00a0€',
      });
    });
  });

  describe('Person.fundableTrainings: catalog’s candidates re-ranked with their plans', () => {
    const karimHolder: Viewer = { sub: 'karim-benali', role: 'holder' };
    const employeeQuote = (price: number) => ({ ...rightsQuote(price, 350_000), date: '2026-01-10' });
    const candidate = async (sessionId: string, score: number, price: number, certificationCode: string) => ({
      personId: 'karim-benali',
      sessionId,
      score,
      reasons: [`raison ${sessionId}`],
      distanceKm: null,
      cpfQuote: employeeQuote(price),
      holder: {
        accessGrant: await grantFor('karim-benali', karimHolder),
        status: 'EMPLOYEE',
        qualificationLevel: 5,
        homeRegion: '84',
        homeDepartement: '69',
        employerSiret: '41816609600069',
        employerIdcc: '1486',
      },
      sessionFacts: { price, startDate: '2027-01-11', region: '84', formacodes: ['31088'], romeCodes: ['M1805'], nsfCodes: ['326'], certificationCode },
      session: { id: sessionId, price, startDate: '2027-01-11', training: { title: `Formation ${sessionId}`, certification: { code: certificationCode } } },
    });
    const QUERY = `query ($r: [_Any!]!, $max: Cents) { _entities(representations: $r) { ... on Person {
    fundableTrainings(first: 5, maxRemainingCost: $max) { personId sessionId score reasons distanceKm } } } }`;
    const karim = async () => ({
      __typename: 'Person',
      id: 'karim-benali',
      accessGrant: await grantFor('karim-benali', karimHolder),
      recommendationCandidates: [
        await candidate('lyon', 0.93, 690_000, 'RNCP37674'), // 6,900 − 3,500 CPF − 1,000 dotation = 2,400 € left
        await candidate('distance', 0.94, 520_000, 'RNCP37674'), // 5,200 − 4,500 = 700 € left
        await candidate('cda', 0.88, 780_000, 'RNCP37873'), // no dotation: 7,800 − 3,500 = 4,300 € left
      ],
    });

    it('orders them by relevance and remaining cost, giving back catalog’s score and reasons', async () => {
      const result = await h.run(QUERY, { r: [await karim()] }, karimHolder);
      expect(result.errors).toBeUndefined();
      const options = (result.data!._entities as Array<{ fundableTrainings: Array<{ sessionId: string; score: number; reasons: string[] }> }>)[0]!
        .fundableTrainings;
      expect(options.map((o) => o.sessionId)).toEqual(['distance', 'lyon', 'cda']);
      expect(options[0]).toMatchObject({ score: 0.94, reasons: ['raison distance'] });
    });

    it('keeps only the sessions whose plan leaves at most maxRemainingCost', async () => {
      const result = await h.run(QUERY, { r: [await karim()], max: 100_000 }, karimHolder);
      expect((result.data!._entities as Array<{ fundableTrainings: Array<{ sessionId: string }> }>)[0]!.fundableTrainings.map((o) => o.sessionId)).toEqual([
        'distance',
      ]);
    });

    it('is FORBIDDEN for a viewer the grant was not given to, and refuses a negative limit', async () => {
      const forbidden = await h.run(QUERY, { r: [await karim()] }, sophie);
      expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const negative = await h.run(QUERY, { r: [await karim()], max: -1 }, karimHolder);
      expect(negative.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('Person.dotations', () => {
    const query = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Person { id dotations { id amount remaining restrictedToCertifications deadline refundIfUnused funder { id kind } } } } }`;

    it("shows Karim his employer's dotation, and batches several persons into one query", async () => {
      const karim: Viewer = { sub: 'karim-benali', role: 'holder' };
      const representations = [
        { __typename: 'Person', id: 'karim-benali', accessGrant: await grantFor('karim-benali', karim) },
        { __typename: 'Person', id: 'camille-martin', accessGrant: await grantFor('camille-martin', karim) },
      ];
      h.statements.length = 0;
      const result = await h.run(query, { representations }, karim);
      expect(result.errors).toBeUndefined();
      if (dialect === 'sqlite') expect(h.statements).toHaveLength(1);
      expect(result.data?._entities).toEqual([
        {
          id: 'karim-benali',
          dotations: [
            {
              id: 'dotation-karim-rncp37674',
              amount: 100_000,
              remaining: 100_000,
              restrictedToCertifications: ['RNCP37674'],
              deadline: '2026-12-31',
              refundIfUnused: true,
              funder: { id: 'funder-employer-karim', kind: 'EMPLOYER' },
            },
          ],
        },
        { id: 'camille-martin', dotations: [] },
      ]);
    });

    it('is FORBIDDEN without a grant', async () => {
      const result = await h.run(query, { representations: [{ __typename: 'Person', id: 'karim-benali', accessGrant: null }] }, sophie);
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });
  });

  describe("a funder's conventions are its own", () => {
    const conventionsQuery = `{ conventions { id rules { id label status envelope { budget consumed remaining } } } }`;

    it('shows the Région only its convention, with rules and envelopes', async () => {
      const result = await h.run(conventionsQuery, {}, regionUser);
      expect(result.errors).toBeUndefined();
      expect(result.data?.conventions).toEqual([
        {
          id: 'convention-region-pdl-2025',
          rules: [
            {
              id: 'rule-region-pdl-logistics-85',
              label: expect.any(String),
              status: 'ACTIVE',
              envelope: { budget: 50_000_000, consumed: 0, remaining: 50_000_000 },
            },
          ],
        },
      ]);
    });

    it("forbids the Région to read France Travail's convention", async () => {
      const result = await h.run(`{ convention(id: "convention-france-travail-2025") { id } }`, {}, regionUser);
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });

    it('forbids an adviser, or a funder account without a funder, to read conventions', async () => {
      for (const viewer of [sophie, { sub: 'x', role: 'funder' } as Viewer, null]) {
        const result = await h.run(conventionsQuery, {}, viewer);
        expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      }
    });

    it("forbids France Travail to suspend the Région's rule or change its budget", async () => {
      const suspend = await h.run(`mutation { setRuleStatus(id: "rule-region-pdl-logistics-85", status: SUSPENDED) { id } }`, {}, franceTravailUser);
      expect(suspend.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const budget = await h.run(`mutation { setEnvelopeBudget(ruleId: "rule-region-pdl-logistics-85", budget: 0) { remaining } }`, {}, franceTravailUser);
      expect(budget.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const update = await h.run(
        `mutation($rule: RuleInput!) { updateRule(id: "rule-region-pdl-logistics-85", rule: $rule) { id } }`,
        { rule: { label: 'hijacked', criteria: {}, amount: { kind: 'PERCENT_OF_PRICE', value: 10_000 }, validFrom: '2026-01-01' } },
        franceTravailUser,
      );
      expect(update.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });

    it("lets the Région change its own rule's amount and budget, never below what is reserved", async () => {
      const updated = await h.run(
        `mutation($rule: RuleInput!) { updateRule(id: "rule-region-pdl-logistics-85", rule: $rule) { label amount { kind value capPerDossier rounding } criteria { residenceDepartements romeCodes cpfBalanceBelow } validTo } }`,
        {
          rule: {
            label: 'Job seekers of Vendée, warehouse trainings: 60 %',
            criteria: { holderStatuses: ['JOB_SEEKER'], residenceDepartements: ['85'], cpfBalanceBelow: 80_000, romeCodes: ['N1103', 'N1101'] },
            amount: { kind: 'PERCENT_OF_PRICE', value: 6000, capPerDossier: 200_000, rounding: 'HALF_UP' },
            validFrom: '2025-01-01',
            validTo: '2027-12-31',
          },
        },
        regionUser,
      );
      expect(updated.errors).toBeUndefined();
      expect(updated.data?.updateRule).toEqual({
        label: 'Job seekers of Vendée, warehouse trainings: 60 %',
        amount: { kind: 'PERCENT_OF_PRICE', value: 6000, capPerDossier: 200_000, rounding: 'HALF_UP' },
        criteria: { residenceDepartements: ['85'], romeCodes: ['N1103', 'N1101'], cpfBalanceBelow: 80_000 },
        validTo: '2027-12-31',
      });
      const budget = await h.run(
        `mutation { setEnvelopeBudget(ruleId: "rule-region-pdl-logistics-85", budget: 40000000) { budget remaining } }`,
        {},
        regionUser,
      );
      expect(budget.data?.setEnvelopeBudget).toEqual({ budget: 40_000_000, remaining: 40_000_000 });
    });

    it('lets the Région create a rule with its envelope, then suspend it, and the plans see it', async () => {
      const created = await h.run(
        `mutation($rule: RuleInput!) { createRule(conventionId: "convention-region-pdl-2025", rule: $rule, budget: 1000000) { id status criteria { trainingRegions holderStatuses } amount { kind value capPerDossier rounding } envelope { remaining } } }`,
        {
          rule: {
            label: 'Trainings held in the Pays de la Loire: 200 €',
            criteria: { trainingRegions: ['52'], holderStatuses: ['JOB_SEEKER'] },
            amount: { kind: 'FIXED', value: 20_000 },
            validFrom: '2026-01-01',
          },
        },
        regionUser,
      );
      expect(created.errors).toBeUndefined();
      const rule = created.data?.createRule as { id: string };
      expect(created.data?.createRule).toMatchObject({
        status: 'ACTIVE',
        criteria: { trainingRegions: ['52'], holderStatuses: ['JOB_SEEKER'] },
        amount: { kind: 'FIXED', value: 20_000, capPerDossier: null, rounding: 'DOWN' },
        envelope: { remaining: 1_000_000 },
      });

      const suspended = await h.run(`mutation($id: ID!) { setRuleStatus(id: $id, status: SUSPENDED) { status } }`, { id: rule.id }, regionUser);
      expect(suspended.data?.setRuleStatus).toEqual({ status: 'SUSPENDED' });

      const person = await camillePerson(sophie);
      const plan = await h.run(
        PLAN_QUERY,
        {
          representations: [
            {
              __typename: 'TrainingOption',
              personId: 'camille-martin',
              sessionId: 's',
              holder: person,
              sessionFacts: warehouseSession(150_000),
              cpfQuote: jobSeekerQuote(150_000, 60_000),
            },
          ],
        },
        sophie,
      );
      const decisions = (
        plan.data!._entities as Array<{ fundingPlan: { ruleDecisions: Array<{ rule: { id: string }; decidingCriterion: string | null }> } }>
      )[0]?.fundingPlan.ruleDecisions;
      expect(decisions?.find((d) => d.rule.id === rule.id)?.decidingCriterion).toBe('STATUS');
    });

    it('refuses a percentage above 100 %', async () => {
      const result = await h.run(
        `mutation($rule: RuleInput!) { createRule(conventionId: "convention-region-pdl-2025", rule: $rule, budget: 0) { id } }`,
        { rule: { label: 'x', criteria: {}, amount: { kind: 'PERCENT_OF_PRICE', value: 12_000 }, validFrom: '2026-01-01' } },
        regionUser,
      );
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('refuses a price range no session could meet (the rule would never apply)', async () => {
      const result = await h.run(
        `mutation($rule: RuleInput!) { createRule(conventionId: "convention-region-pdl-2025", rule: $rule, budget: 0) { id } }`,
        { rule: { label: 'x', criteria: { priceAtLeast: 200_000, priceAtMost: 100_000 }, amount: { kind: 'FIXED', value: 100 }, validFrom: '2026-01-01' } },
        regionUser,
      );
      expect(result.errors?.[0]).toMatchObject({
        message: 'priceAtLeast ne peut pas dépasser priceAtMost : aucune valeur ne remplirait le critère PRICE',
        extensions: { code: 'BAD_USER_INPUT' },
      });
    });
  });

  describe('reserving a top-up for a dossier', () => {
    const reserveMutation = `mutation($key: ID!) { reserveTopUp(key: $key, ruleId: "rule-region-pdl-logistics-85", personId: "camille-martin", sessionId: "s1", amount: 75000) { key status amount } }`;

    it('lets the ordering platform reserve once per key, and the holder release once', async () => {
      const envelope = async () =>
        (await h.database.query<{ consumed: number }>('SELECT consumed FROM envelopes WHERE rule_id = ?', 'rule-region-pdl-logistics-85'))[0]!;
      const before = (await envelope()).consumed;
      const first = await h.run(reserveMutation, { key: 'camille-s1' }, platform);
      const second = await h.run(reserveMutation, { key: 'camille-s1' }, platform);
      expect(first.data?.reserveTopUp).toEqual({ key: 'camille-s1', status: 'GRANTED', amount: 75_000 });
      expect(second.data).toEqual(first.data);
      expect((await envelope()).consumed).toBe(before + 75_000);
      const release = `mutation { releaseReservation(key: "camille-s1") { status } }`;
      expect((await h.run(release, {}, camilleHolder)).data?.releaseReservation).toEqual({ status: 'RELEASED' });
      expect((await h.run(release, {}, camilleHolder)).data?.releaseReservation).toEqual({ status: 'RELEASED' });
      expect((await envelope()).consumed).toBe(before);
    });

    it("never reserves more than the rule's cap per dossier (2,000 € for the Région rule)", async () => {
      const result = await h.run(
        `mutation { reserveTopUp(key: "too-much", ruleId: "rule-region-pdl-logistics-85", personId: "camille-martin", sessionId: "s1", amount: 200001) { status } }`,
        {},
        platform,
      );
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.message).toBe(
        'la règle rule-region-pdl-logistics-85 paie au plus 2\u00a0000,00\u00a0€ par dossier ; 2\u00a0000,01\u00a0€ demandés',
      );
    });

    it('forbids holders (even for themselves) and advisers to reserve: the amount would be their own word', async () => {
      for (const viewer of [sophie, camilleHolder, { sub: 'karim-benali', role: 'holder' } as Viewer]) {
        const result = await h.run(reserveMutation, { key: `k-${viewer.sub}` }, viewer);
        expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      }
    });
  });

  describe('dotations granted by a funder', () => {
    const employerUser: Viewer = { sub: 'hr-karim', role: 'funder', funderId: 'funder-employer-karim' };

    it('lets the employer credit a named employee and follow it; another funder does not see it', async () => {
      const granted = await h.run(
        `mutation { grantDotation(personId: "karim-benali", amount: 50000, restrictedToCertifications: ["RNCP37674"], deadline: "2026-06-30", refundIfUnused: true) { amount remaining restrictedToCertifications funder { id } } }`,
        {},
        employerUser,
      );
      expect(granted.errors).toBeUndefined();
      expect(granted.data?.grantDotation).toEqual({
        amount: 50_000,
        remaining: 50_000,
        restrictedToCertifications: ['RNCP37674'],
        funder: { id: 'funder-employer-karim' },
      });
      const own = await h.run(`{ grantedDotations { amount } }`, {}, employerUser);
      expect((own.data!.grantedDotations as Array<{ amount: number }>).map((d) => d.amount).sort((a, b) => a - b)).toEqual([50_000, 100_000]);
      const other = await h.run(`{ grantedDotations { amount } }`, {}, regionUser);
      expect(other.data?.grantedDotations).toEqual([]);
    });

    it('shows the unused money refunded once the deadline is past', async () => {
      const later = await startHarness(
        clockOf(() => new Date('2027-01-05T10:00:00Z')),
        dialect,
      );
      try {
        const employerView = await later.run(`{ grantedDotations { id remaining refundedToFunder } }`, {}, employerUser);
        expect(employerView.data?.grantedDotations).toEqual([{ id: 'dotation-karim-rncp37674', remaining: 0, refundedToFunder: 100_000 }]);
      } finally {
        await later.close();
      }
    });
  });

  describe('a request to France Travail, on a simulated clock', () => {
    const ftAdviser: Viewer = { sub: 'ft-adviser', role: 'funder', funderId: 'funder-france-travail' };
    let today = new Date('2026-04-30T08:00:00Z');
    let ft: Harness;
    beforeAll(async () => {
      ft = await startHarness(
        clockOf(() => today),
        dialect,
      );
    });
    afterAll(async () => {
      await ft.close();
    });
    /** Camille asks on the day of the provider's offer (the simulated today), for a session starting in September. */
    const ask = (sessionId: string, offeredOn = today.toISOString().slice(0, 10), sessionStartDate = '2026-09-01') =>
      ft.run(
        `mutation($s: ID!, $offer: Date!, $start: Date!) { requestFranceTravailTopUp(personId: "camille-martin", sessionId: $s, offeredOn: $offer, sessionStartDate: $start, amount: 90000) { id status answerDueBy } }`,
        { s: sessionId, offer: offeredOn, start: sessionStartDate },
        camilleHolder,
      );
    const requestsQuery = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { franceTravailRequests { sessionId status amountGranted } } } }`;

    it('is accepted tacitly after 10 working days without an answer, with no process running at the deadline', async () => {
      const asked = await ask('session-a');
      expect(asked.data?.requestFranceTravailTopUp).toMatchObject({ status: 'OPEN', answerDueBy: '2026-05-19' });
      expect((await ask('session-b')).errors?.[0]).toMatchObject({
        message: 'une demande est déjà en cours pour la session session-a (réponse attendue au plus tard le 19/05/2026) : une seule demande à la fois',
        extensions: { code: 'BAD_USER_INPUT', reason: 'REQUEST_ALREADY_OPEN' },
      });

      const toDecide = await ft.run(`{ franceTravailRequestsToDecide { sessionId } }`, {}, ftAdviser);
      expect(toDecide.data?.franceTravailRequestsToDecide).toEqual([{ sessionId: 'session-a' }]);
      expect((await ft.run(`{ franceTravailRequestsToDecide { sessionId } }`, {}, regionUser)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

      // Nothing runs between now and then: the clock simply moves past the day the answer was due.
      today = new Date('2026-05-20T08:00:00Z');
      const id = (asked.data!.requestFranceTravailTopUp as { id: string }).id;
      const late = await ft.run(`mutation($id: ID!) { decideFranceTravailRequest(id: $id, accept: false, reason: "trop tard") { status } }`, { id }, ftAdviser);
      expect(late.errors?.[0]?.extensions?.reason).toBe('ALREADY_ACCEPTED_TACITLY');
      expect(late.errors?.[0]?.message).toBe(
        "la demande est acceptée tacitement : France Travail n'a pas répondu au plus tard le 19/05/2026 et son silence vaut acceptation",
      );

      const grant = await grantFor('camille-martin', camilleHolder);
      const seen = await ft.run(requestsQuery, { r: [{ __typename: 'Person', id: 'camille-martin', accessGrant: grant }] }, camilleHolder);
      expect(seen.data?._entities).toEqual([{ franceTravailRequests: [{ sessionId: 'session-a', status: 'ACCEPTED_TACITLY', amountGranted: 90_000 }] }]);

      // The tacit acceptance closed the request: the holder may ask again.
      expect((await ask('session-b')).data?.requestFranceTravailTopUp).toMatchObject({ status: 'OPEN', answerDueBy: '2026-06-04' });
    });

    it('refuses a request out of its windows, in French with the clause, and a code', async () => {
      // Today is 20 May 2026 here (moved by the previous test); session-b's request is open, but the windows are checked first.
      const lateOffer = await ask('session-c', '2026-05-12'); // 4 working days: 13, 15, 18, 19 May (14 May is Ascension)
      expect(lateOffer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'OFFER_WINDOW_PASSED' });
      expect(lateOffer.errors?.[0]?.message).toMatch(
        /^la demande doit être faite dans les 4 jours ouvrés suivant la proposition de l'organisme du 12\/05\/2026, soit au plus tard le 19\/05\/2026 \(CGU Mon Compte Formation/,
      );
      const tooSoon = await ask('session-c', '2026-05-20', '2026-06-05');
      expect(tooSoon.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'SESSION_STARTS_TOO_SOON' });
    });

    it('is decided by an adviser of France Travail before the deadline, and the plan counts the amount granted', async () => {
      const open = await ft.run(`{ franceTravailRequestsToDecide { id sessionId } }`, {}, ftAdviser);
      const { id } = (open.data!.franceTravailRequestsToDecide as Array<{ id: string }>)[0]!;
      const decided = await ft.run(
        `mutation($id: ID!) { decideFranceTravailRequest(id: $id, accept: true, amountGranted: 40000, reason: "consistent with the PPAE") { status amountGranted } }`,
        { id },
        ftAdviser,
      );
      expect(decided.data?.decideFranceTravailRequest).toEqual({ status: 'ACCEPTED', amountGranted: 40_000 });
      const person = await camillePerson(camilleHolder);
      const plan = await ft.run(
        PLAN_QUERY,
        {
          representations: [
            {
              __typename: 'TrainingOption',
              personId: 'camille-martin',
              sessionId: 'session-b',
              holder: person,
              sessionFacts: { ...warehouseSession(150_000), romeCodes: ['M1805'] },
              cpfQuote: jobSeekerQuote(150_000, 60_000),
            },
          ],
        },
        camilleHolder,
      );
      const fundingPlan = (
        plan.data!._entities as Array<{ fundingPlan: { abondements: Array<{ funder: { id: string }; amount: number }>; remainingCost: number } }>
      )[0]?.fundingPlan;
      expect(fundingPlan?.abondements.map((a) => [a.funder.id, a.amount])).toEqual([['funder-france-travail', 40_000]]);
      expect(fundingPlan?.remainingCost).toBe(50_000);
    });
  });

  describe("spending Karim's dotation on his dossier", () => {
    const karimHolder: Viewer = { sub: 'karim-benali', role: 'holder' };
    const spend = (key: string, certificationCode: string, amount: number) =>
      h.run(
        `mutation($key: ID!, $cert: String, $amount: Cents!) { spendDotation(key: $key, dotationId: "dotation-karim-rncp37674", personId: "karim-benali", sessionId: "session-dwwm-lyon", certificationCode: $cert, amount: $amount) { status amount reason reasonCode } }`,
        { key, cert: certificationCode, amount },
        { sub: 'mon-compte-formation', role: 'operator' },
      );
    const dotation = async () => {
      const result = await h.run(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { dotations { id spent remaining } } } }`,
        { r: [{ __typename: 'Person', id: 'karim-benali', accessGrant: await grantFor('karim-benali', karimHolder) }] },
        karimHolder,
      );
      return (result.data!._entities as Array<{ dotations: Array<{ id: string; spent: number; remaining: number }> }>)[0]?.dotations.find(
        (d) => d.id === 'dotation-karim-rncp37674',
      );
    };

    it('refuses another certification, spends once per key, and gives the money back once on cancellation', async () => {
      expect((await spend('order-1', 'RNCP99999', 60_000)).data?.spendDotation).toEqual({
        status: 'REFUSED',
        amount: 60_000,
        reason: 'elle est réservée à RNCP37674 et la session prépare RNCP99999',
        reasonCode: 'DOTATION_RESTRICTED',
      });
      expect((await spend('order-2', 'RNCP37674', 60_000)).data?.spendDotation).toMatchObject({ status: 'SPENT' });
      expect((await spend('order-2', 'RNCP37674', 60_000)).data?.spendDotation).toMatchObject({ status: 'SPENT' });
      expect(await dotation()).toEqual({ id: 'dotation-karim-rncp37674', spent: 60_000, remaining: 40_000 });
      expect((await spend('order-3', 'RNCP37674', 60_000)).data?.spendDotation).toMatchObject({
        status: 'REFUSED',
        reason: 'il lui reste 400,00\u00a0€, moins que les 600,00\u00a0€ demandés',
        reasonCode: 'DOTATION_INSUFFICIENT',
      });

      const release = `mutation { releaseDotationUse(key: "order-2") { status } }`;
      expect((await h.run(release, {}, karimHolder)).data?.releaseDotationUse).toEqual({ status: 'RELEASED' });
      expect((await h.run(release, {}, karimHolder)).data?.releaseDotationUse).toEqual({ status: 'RELEASED' });
      expect(await dotation()).toEqual({ id: 'dotation-karim-rncp37674', spent: 0, remaining: 100_000 });
    });

    it('forbids anyone but the ordering platform to spend it, Karim included', async () => {
      for (const viewer of [sophie, karimHolder]) {
        const result = await h.run(
          `mutation { spendDotation(key: "x", dotationId: "dotation-karim-rncp37674", personId: "karim-benali", sessionId: "s", amount: 100) { status } }`,
          {},
          viewer,
        );
        expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      }
    });
  });
});
