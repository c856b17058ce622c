// Scenarios of funding plans, each naming the rule of law or the funder's rule it checks.
import { describe, expect, it } from 'vitest';
import { buildFundingPlan, type FundingPlanInput, type PlanNoteCode } from '../src/domain/funding-plan.ts';
import type { ParticipationExemptionCode, SpendingOrderCode } from '../src/domain/types.ts';
import {
  arrete2020Order,
  camille,
  decret2025Order,
  franceTravailRule,
  jobSeekerParticipation,
  karim,
  karimDotation,
  karimEmployer,
  participation2026,
  quote,
  regionPdl,
  regionRule,
  warehouseSession,
  webDeveloperSession,
} from './fixtures.ts';

// The participation of 2025 (arrêté du 26 décembre 2024, in force), as rights quotes it.
const participation2025 = { ...participation2026, amount: 10_223, amountStatus: 'IN_FORCE', legalSource: 'L6323-4, arrêté du 26 décembre 2024' } as const;

interface Expected {
  spendingOrder?: SpendingOrderCode | null;
  cpfRights: number;
  abondements: Array<[funderId: string, kind: 'DOTATION' | 'TOP_UP', amount: number]>;
  participationDue: boolean;
  /** Why the participation is not due, when it is not. */
  exemption?: ParticipationExemptionCode | null;
  remainingCost: number;
  refused?: Record<string, string>;
  note?: [PlanNoteCode, RegExp];
}

const scenarios: Array<{ scenario: string; input: FundingPlanInput; expected: Expected }> = [
  {
    scenario:
      'Camille, job seeker in Vendée with 600 € of rights, takes a 1,500 € forklift training: the Région pays 50 % of the price (convention PDL), France Travail the rest (100 % of the remaining cost), no participation (L6323-4: job seeker)',
    input: {
      person: camille,
      session: warehouseSession,
      quote: quote({ price: 150_000, balance: 60_000, participation: jobSeekerParticipation }),
      today: '2026-01-10',
      rules: [franceTravailRule, regionRule],
      dotations: [],
      franceTravailRequests: [],
      holdings: [],
    },
    expected: {
      spendingOrder: 'DECRET_2025_1156',
      cpfRights: 60_000,
      abondements: [
        ['funder-region-pdl', 'TOP_UP', 75_000],
        ['funder-france-travail', 'TOP_UP', 15_000],
      ],
      participationDue: false,
      remainingCost: 0,
    },
  },
  {
    scenario: "Camille again, but the Région's envelope is exhausted: the rule is refused on ENVELOPE and France Travail pays the whole remaining cost",
    input: {
      person: camille,
      session: warehouseSession,
      quote: quote({ price: 150_000, balance: 60_000, participation: jobSeekerParticipation }),
      today: '2026-01-10',
      rules: [{ ...regionRule, envelopeRemaining: 0 }, franceTravailRule],
      dotations: [],
      franceTravailRequests: [],
      holdings: [],
    },
    expected: {
      cpfRights: 60_000,
      abondements: [['funder-france-travail', 'TOP_UP', 90_000]],
      participationDue: false,
      remainingCost: 0,
      refused: { 'rule-region-pdl-logistics-85': 'ENVELOPE' },
    },
  },
  {
    scenario: "Camille again, but the Région's rule ended on 2025-12-31: refused on VALIDITY for a session starting 2026-03-02",
    input: {
      person: camille,
      session: warehouseSession,
      quote: quote({ price: 150_000, balance: 60_000, participation: jobSeekerParticipation }),
      today: '2026-01-10',
      rules: [{ ...regionRule, validTo: '2025-12-31' }, franceTravailRule],
      dotations: [],
      franceTravailRequests: [],
      holdings: [],
    },
    expected: {
      cpfRights: 60_000,
      abondements: [['funder-france-travail', 'TOP_UP', 90_000]],
      participationDue: false,
      remainingCost: 0,
      refused: { 'rule-region-pdl-logistics-85': 'VALIDITY' },
    },
  },
  {
    scenario: 'Camille with 900 € of rights: the Région asks for a balance below 800 €, so it refuses on CPF_BALANCE',
    input: {
      person: camille,
      session: warehouseSession,
      quote: quote({ price: 150_000, balance: 90_000, participation: jobSeekerParticipation }),
      today: '2026-01-10',
      rules: [regionRule],
      dotations: [],
      franceTravailRequests: [],
      holdings: [],
    },
    expected: {
      cpfRights: 90_000,
      abondements: [],
      participationDue: false,
      remainingCost: 60_000,
      refused: { 'rule-region-pdl-logistics-85': 'CPF_BALANCE' },
    },
  },
  {
    scenario: 'Percentage rounding: 50 % of 1,234.57 € is 617.285 €; the rule rounds DOWN to 617.28 € (the funder never pays a fraction of a cent more)',
    input: {
      person: camille,
      session: { ...warehouseSession, price: 123_457 },
      quote: quote({ price: 123_457, balance: 0, participation: jobSeekerParticipation }),
      today: '2026-01-10',
      rules: [regionRule],
      dotations: [],
      franceTravailRequests: [],
      holdings: [],
    },
    expected: { cpfRights: 0, abondements: [['funder-region-pdl', 'TOP_UP', 61_728]], participationDue: false, remainingCost: 61_729 },
  },
  {
    scenario: 'Percentage rounding: the same rule with HALF_UP pays 617.29 €',
    input: {
      person: camille,
      session: { ...warehouseSession, price: 123_457 },
      quote: quote({ price: 123_457, balance: 0, participation: jobSeekerParticipation }),
      today: '2026-01-10',
      rules: [{ ...regionRule, amount: { ...regionRule.amount, rounding: 'HALF_UP' } }],
      dotations: [],
      franceTravailRequests: [],
      holdings: [],
    },
    expected: { cpfRights: 0, abondements: [['funder-region-pdl', 'TOP_UP', 61_729]], participationDue: false, remainingCost: 61_728 },
  },
  {
    scenario:
      "Karim, employee with 3,500 €, whose employer's 1,000 € dotation is restricted to RNCP37674 (L6323-4 III, décret 2025-341), takes a training leading to RNCP99999: the dotation is not used and says why; he pays the rest and the participation (103.20 €, L6323-4)",
    input: {
      person: karim,
      session: { ...webDeveloperSession, certificationCode: 'RNCP99999' },
      quote: quote({ price: 500_000, balance: 350_000 }),
      today: '2026-01-10',
      rules: [regionRule, franceTravailRule],
      dotations: [karimDotation],
      franceTravailRequests: [],
      holdings: [],
    },
    expected: {
      cpfRights: 350_000,
      abondements: [],
      participationDue: true,
      remainingCost: 150_000,
      refused: { 'rule-region-pdl-logistics-85': 'HOLDER_STATUS', 'rule-france-travail-shortage-jobs': 'HOLDER_STATUS' },
      note: [
        'DOTATION_RESTRICTED',
        /La dotation du financeur « Employeur de Karim Benali » n'est pas utilisée : elle est réservée à RNCP37674 et la session prépare RNCP99999 \(L6323-4 III\)/,
      ],
    },
  },
  {
    scenario:
      "Karim on a 3,000 € RNCP37674 training quoted under décret 2025-1156: the targeted dotation first (1,000 €), then his rights; his employer's dotation waives the participation (CDC, 3 May 2024), so his rights cover the whole rest",
    input: {
      person: karim,
      session: { ...webDeveloperSession, price: 300_000 },
      quote: quote({ price: 300_000, balance: 350_000 }),
      today: '2026-01-10',
      rules: [],
      dotations: [karimDotation],
      franceTravailRequests: [],
      holdings: [],
    },
    expected: {
      spendingOrder: 'DECRET_2025_1156',
      cpfRights: 200_000,
      abondements: [['funder-employer-karim', 'DOTATION', 100_000]],
      participationDue: false,
      exemption: 'EMPLOYER_DOTATION',
      remainingCost: 0,
    },
  },
  {
    scenario:
      "The same dossier quoted on 2025-06-01 under the arrêté of 30 July 2020: the holder's rights come first, so the dotation is not needed, and without it nothing waives the participation (102.23 €)",
    input: {
      person: karim,
      session: { ...webDeveloperSession, price: 300_000, startDate: '2025-06-01' },
      quote: quote({
        date: '2025-06-01',
        price: 300_000,
        balance: 350_000,
        ...arrete2020Order,
        participation: participation2025,
      }),
      today: '2025-05-01',
      rules: [],
      dotations: [{ ...karimDotation, grantedOn: '2025-01-15' }],
      franceTravailRequests: [],
      holdings: [],
    },
    expected: { spendingOrder: 'ARRETE_2020', cpfRights: 289_777, abondements: [], participationDue: true, remainingCost: 10_223 },
  },
  {
    scenario:
      "Ordered on 2025-12-04, the eve of décret 2025-1156's entry into force (5 Dec 2025): rights quotes the arrêté of 2020, so Karim's rights pay first, his dotation is not needed and he pays the participation",
    input: {
      person: karim,
      session: { ...webDeveloperSession, price: 300_000 },
      quote: quote({ date: '2025-12-04', price: 300_000, balance: 350_000, ...arrete2020Order, participation: participation2025 }),
      today: '2025-12-04',
      rules: [],
      dotations: [{ ...karimDotation, grantedOn: '2025-11-01' }],
      franceTravailRequests: [],
      holdings: [],
    },
    expected: { spendingOrder: 'ARRETE_2020', cpfRights: 289_777, abondements: [], participationDue: true, remainingCost: 10_223 },
  },
  {
    scenario:
      "Ordered on 2025-12-05, décret 2025-1156 in force: the targeted dotation first (1,000 €), then Karim's rights; the employer's dotation waives the participation",
    input: {
      person: karim,
      session: { ...webDeveloperSession, price: 300_000 },
      quote: quote({ date: '2025-12-05', price: 300_000, balance: 350_000, ...decret2025Order, participation: participation2025 }),
      today: '2025-12-05',
      rules: [],
      dotations: [{ ...karimDotation, grantedOn: '2025-11-01' }],
      franceTravailRequests: [],
      holdings: [],
    },
    expected: {
      spendingOrder: 'DECRET_2025_1156',
      cpfRights: 200_000,
      abondements: [['funder-employer-karim', 'DOTATION', 100_000]],
      participationDue: false,
      exemption: 'EMPLOYER_DOTATION',
      remainingCost: 0,
    },
  },
  {
    scenario:
      "A dotation from a funder the quote does not list in exemptWithDotationFrom (a Région's) does not waive the participation (CDC, 3 May 2024: other dotations do not exempt)",
    input: {
      person: karim,
      session: { ...webDeveloperSession, price: 300_000 },
      quote: quote({ price: 300_000, balance: 350_000 }),
      today: '2026-01-10',
      rules: [],
      dotations: [{ ...karimDotation, funder: regionPdl }],
      franceTravailRequests: [],
      holdings: [],
    },
    expected: { cpfRights: 189_680, abondements: [['funder-region-pdl', 'DOTATION', 100_000]], participationDue: true, remainingCost: 10_320 },
  },
  {
    scenario:
      'Without a CPF quote (no CPF dossier) only complementary top-ups apply: France Travail pays the whole price for Camille, the Région cannot check her balance, and no participation is due',
    input: {
      person: camille,
      session: warehouseSession,
      quote: null,
      today: '2026-01-10',
      rules: [regionRule, franceTravailRule],
      dotations: [],
      franceTravailRequests: [],
      holdings: [],
    },
    expected: {
      spendingOrder: null,
      cpfRights: 0,
      abondements: [['funder-france-travail', 'TOP_UP', 150_000]],
      participationDue: false,
      remainingCost: 0,
      refused: { 'rule-region-pdl-logistics-85': 'CPF_BALANCE' },
      note: ['NO_CPF_QUOTE', /^Pas de devis CPF pour cette session/],
    },
  },
  {
    scenario: 'Balance above the price: Karim (3,500 €) on a 1,200 € training pays only the participation; his rights cover price − participation',
    input: {
      person: karim,
      session: { ...webDeveloperSession, price: 120_000, certificationCode: 'RNCP99999' },
      quote: quote({ price: 120_000, balance: 350_000 }),
      today: '2026-01-10',
      rules: [],
      dotations: [],
      franceTravailRequests: [],
      holdings: [],
    },
    expected: {
      cpfRights: 109_680,
      abondements: [],
      participationDue: true,
      remainingCost: 10_320,
      note: [
        'PARTICIPATION_AMOUNT_TO_CONFIRM',
        /^Montant de la participation forfaitaire à confirmer : 103,20\u00a0€ \(L6323-4, arrêté du 30 décembre 2025\) est signalé/,
      ],
    },
  },
  {
    scenario: 'An RS certification is capped at 1,500 € of CPF rights (D6323-1 A): Karim pays the rest of a 2,000 € RS training',
    input: {
      person: karim,
      session: { ...webDeveloperSession, price: 200_000, certificationCode: 'RS6000' },
      quote: quote({ price: 200_000, balance: 350_000, spendingCap: 150_000, spendingCapSource: 'D6323-1 A, décret 2026-127', spendingCapStatus: 'REPORTED' }),
      today: '2026-01-10',
      rules: [],
      dotations: [],
      franceTravailRequests: [],
      holdings: [],
    },
    expected: {
      cpfRights: 150_000,
      abondements: [],
      participationDue: true,
      remainingCost: 50_000,
      note: [
        'CPF_RIGHTS_CAPPED',
        /plafonnés à 1\u00a0500,00\u00a0€ pour ce type de formation \(D6323-1 A, décret 2026-127\) ; ce plafond est signalé mais pas encore vérifié/,
      ],
    },
  },
  {
    scenario:
      "An employer top-up exempts the holder from the participation (L6323-4, the quote's exemptWithTopUpFrom): on a 5,000 € training Karim's rights pay 3,500 €, his employer adds 500 € by rule, he pays 1,000 € and no participation",
    input: {
      person: karim,
      session: { ...webDeveloperSession, price: 500_000, certificationCode: 'RNCP99999' },
      quote: quote({ price: 500_000, balance: 350_000 }),
      today: '2026-01-10',
      rules: [
        {
          ...regionRule,
          id: 'rule-employer-karim-topup',
          label: 'Top-up for our employees',
          funder: karimEmployer,
          criteria: { employerSirets: ['41816609600069'] },
          amount: { kind: 'FIXED', value: 50_000, capPerDossier: null, rounding: 'DOWN' },
        },
      ],
      dotations: [],
      franceTravailRequests: [],
      holdings: [],
    },
    expected: {
      cpfRights: 350_000,
      abondements: [['funder-employer-karim', 'TOP_UP', 50_000]],
      participationDue: false,
      exemption: 'EMPLOYER_TOP_UP',
      remainingCost: 100_000,
    },
  },
  {
    scenario: 'Not eligible (licence B for an employee without co-funding, D6323-1 A): no CPF rights and no dotation are used, and the plan says why',
    input: {
      person: karim,
      session: { ...webDeveloperSession, price: 120_000 },
      quote: quote({ price: 120_000, balance: 350_000, eligible: false, ineligibilityReason: 'driving licence B: only for job seekers or with a co-funding' }),
      today: '2026-01-10',
      rules: [],
      dotations: [karimDotation],
      franceTravailRequests: [],
      holdings: [],
    },
    expected: {
      cpfRights: 0,
      abondements: [],
      participationDue: true,
      remainingCost: 120_000,
      note: ['NOT_CPF_ELIGIBLE', /^Formation non éligible au CPF : driving licence B/],
    },
  },
  {
    scenario: 'A fixed top-up larger than what remains is cut to what remains: it never exceeds the remaining cost',
    input: {
      person: camille,
      session: { ...warehouseSession, price: 100_000 },
      quote: quote({ price: 100_000, balance: 30_000, participation: jobSeekerParticipation }),
      today: '2026-01-10',
      rules: [{ ...regionRule, amount: { kind: 'FIXED', value: 500_000, capPerDossier: null, rounding: 'DOWN' } }],
      dotations: [],
      franceTravailRequests: [],
      holdings: [],
    },
    expected: { cpfRights: 30_000, abondements: [['funder-region-pdl', 'TOP_UP', 70_000]], participationDue: false, remainingCost: 0 },
  },
];

describe('funding plan scenarios', () => {
  it.each(scenarios)('$scenario', ({ input, expected }) => {
    const plan = buildFundingPlan(input);
    expect(plan).not.toBeNull();
    if (!plan) return;
    if (expected.spendingOrder) expect(plan.spendingOrder.code).toBe(expected.spendingOrder);
    expect(plan.cpfRights).toBe(expected.cpfRights);
    expect(plan.abondements.map((a) => [a.funder.id, a.kind, a.amount])).toEqual(expected.abondements);
    expect(plan.participation.due).toBe(expected.participationDue);
    expect(plan.remainingCost).toBe(expected.remainingCost);
    for (const [ruleId, criterion] of Object.entries(expected.refused ?? {})) {
      const decision = plan.ruleDecisions.find((d) => d.rule.id === ruleId);
      expect(decision?.applies).toBe(false);
      expect(decision?.decidingCriterion).toBe(criterion);
    }
    if (expected.exemption !== undefined) expect(plan.participation.exemptionCode).toBe(expected.exemption);
    if (expected.note) {
      const [code, words] = expected.note;
      expect(plan.notes.find((n) => n.code === code)?.message).toMatch(words);
    }
  });

  it.each(scenarios)('money identity and CPF limits hold: $scenario', ({ input }) => {
    const plan = buildFundingPlan(input);
    if (!plan) throw new Error('no plan');
    const abondements = plan.abondements.reduce((sum, a) => sum + a.amount, 0);
    expect(plan.cpfRights + abondements + plan.remainingCost).toBe(plan.price);
    expect(plan.lines.reduce((sum, line) => sum + line.amount, 0)).toBe(plan.price);
    const q = input.quote;
    const participation = plan.participation.due ? plan.participation.amount : 0;
    const limit = q && q.eligible ? Math.min(q.balance, q.spendingCap ?? q.balance, plan.price - participation) : 0;
    expect(plan.cpfRights).toBeLessThanOrEqual(limit);
    for (const a of plan.abondements) expect(a.amount).toBeGreaterThan(0);
  });
});

describe('employer top-up and the participation', () => {
  it('names the employer as the reason of the exemption and lists rights, top-up, then what the holder pays', () => {
    const scenario = scenarios.find((s) => s.scenario.startsWith('An employer top-up'));
    const plan = scenario && buildFundingPlan(scenario.input);
    expect(plan?.participation.exemptionReason).toBe(
      "l'abondement du financeur « Employeur de Karim Benali » exonère le titulaire de la participation forfaitaire (L6323-4 ; Caisse des Dépôts, « CPF : explication de la participation financière obligatoire », 3 mai 2024)",
    );
    expect(plan?.lines.map((l) => [l.kind, l.amount])).toEqual([
      ['CPF_RIGHTS', 350_000],
      ['TOP_UP', 50_000],
      ['HOLDER_PAYMENT', 100_000],
    ]);
  });
});

describe('a session without a known price', () => {
  it('has no plan', () => {
    expect(
      buildFundingPlan({
        person: camille,
        session: { ...warehouseSession, price: null },
        quote: null,
        today: '2026-01-10',
        rules: [regionRule],
        dotations: [],
        franceTravailRequests: [],
        holdings: [],
      }),
    ).toBeNull();
  });
});

describe('the words of a plan, for the holder and the adviser', () => {
  const plan = (input: FundingPlanInput) => {
    const built = buildFundingPlan(input);
    if (!built) throw new Error('no plan');
    return built;
  };
  const karimOn = (q: Parameters<typeof quote>[0], price = 500_000) =>
    plan({
      person: karim,
      session: { ...webDeveloperSession, price },
      quote: quote(q),
      today: '2026-01-10',
      rules: [],
      dotations: [karimDotation],
      franceTravailRequests: [],
      holdings: [],
    });

  it('says the legal order the quote gives, in French, with its source', () => {
    expect(karimOn({ price: 500_000, balance: 350_000 }).spendingOrder).toEqual({
      code: 'DECRET_2025_1156',
      steps: ['SUPPLEMENTARY_RIGHTS', 'ACQUIRED_RIGHTS', 'COMPLEMENTARY_TOP_UPS'],
      source: 'décret n° 2025-1156 du 3 décembre 2025',
      label:
        "décret n° 2025-1156 du 3 décembre 2025 : les droits supplémentaires (dotations, ciblées d'abord), puis les droits acquis du titulaire, puis les abondements complémentaires, enfin le paiement du titulaire (reste à charge)",
    });
  });

  it('names every line in French with its article, and explains the dotation exemption with its sources', () => {
    const karim = karimOn({ price: 500_000, balance: 350_000 });
    expect(karim.lines.map((l) => [l.kind, l.label, l.amount])).toEqual([
      ['DOTATION', 'dotation du financeur « Employeur de Karim Benali » (droits supplémentaires, L6323-4 III)', 100_000],
      ['CPF_RIGHTS', 'droits acquis du titulaire sur son CPF (L6323-11)', 350_000],
      ['HOLDER_PAYMENT', 'paiement du titulaire (reste à charge)', 50_000],
    ]);
    expect(karim.participation).toEqual({
      amount: 10_320,
      amountStatus: 'REPORTED',
      due: false,
      exemptionCode: 'EMPLOYER_DOTATION',
      exemptionReason:
        "la dotation du financeur « Employeur de Karim Benali » exonère le titulaire de la participation forfaitaire (L6323-4 ; Caisse des Dépôts, « CPF : explication de la participation financière obligatoire », 3 mai 2024 ; Caisse des Dépôts, mai 2025 : la dotation de l'employeur « a un pouvoir d'exonération »)",
      legalSource: 'L6323-4, arrêté du 30 décembre 2025',
    });
  });

  it('passes the status of a reported participation amount to the plan: the line and a note say "montant à confirmer"', () => {
    const noDotation = plan({
      person: karim,
      session: { ...webDeveloperSession, price: 500_000, certificationCode: 'RNCP99999' },
      quote: quote({ price: 500_000, balance: 350_000 }),
      today: '2026-01-10',
      rules: [],
      dotations: [],
      franceTravailRequests: [],
      holdings: [],
    });
    expect(noDotation.participation).toMatchObject({ due: true, amountStatus: 'REPORTED' });
    expect(noDotation.lines.at(-1)).toEqual({
      kind: 'PARTICIPATION',
      label: 'participation forfaitaire (L6323-4, arrêté du 30 décembre 2025), montant à confirmer',
      amount: 10_320,
      funder: null,
      certainty: null,
    });
    expect(noDotation.notes.map((n) => n.code)).toEqual(['PARTICIPATION_AMOUNT_TO_CONFIRM']);
  });
});
