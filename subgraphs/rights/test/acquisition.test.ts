import { describe, expect, it } from 'vitest';
import { creditDateOf, yearEntitlement, type ActivityYear, type EmployerDeclaration } from '../src/domain/acquisition.ts';
import { centsTimesRoundedUp, formatEuros, fraction } from '../src/domain/money.ts';
import { Parameters } from '../src/domain/parameters.ts';
import { activity, fullTime, params, plain } from './helpers.ts';

type Case = [scenario: string, article: string, facts: ActivityYear, rule: string, amount: number, ceiling: number];

const hours = (employer: string, worked: number, agreedFullTimeHours: number | null = null): EmployerDeclaration => ({
  employer,
  basis: 'HOURS',
  hours: worked,
  agreedFullTimeHours,
});
const days = (employer: string, worked: number, forfaitDays: number): EmployerDeclaration => ({ employer, basis: 'DAYS', days: worked, forfaitDays });
const pay = (employer: string, cents: number): EmployerDeclaration => ({ employer, basis: 'PAY', pay: cents });
const declared = (year: number, ...declarations: EmployerDeclaration[]) => activity(year, { employmentPeriods: [], declarations });

const cases: Case[] = [
  ['full time all year', 'L6323-11', activity(2023), 'EMPLOYEE_HALF_TIME_OR_MORE', 50000, 500000],
  ['exactly half time all year', 'L6323-11', activity(2023, { employmentPeriods: fullTime(2023, 50) }), 'EMPLOYEE_HALF_TIME_OR_MORE', 50000, 500000],
  ['30 % part time all year: 500 € × 30 %', 'L6323-11 al.2', activity(2023, { employmentPeriods: fullTime(2023, 30) }), 'EMPLOYEE_PRO_RATA', 15000, 500000],
  ['49 % part time all year', 'L6323-11 al.2', activity(2023, { employmentPeriods: fullTime(2023, 49) }), 'EMPLOYEE_PRO_RATA', 24500, 500000],
  // 50,000 × 181 / 365 = 24,794.52 cents → 24,795
  [
    'full time January to June 2023 (181 days)',
    'L6323-11 al.2',
    activity(2023, { employmentPeriods: [{ from: '2023-01-01', to: '2023-06-30', workingTimePercent: 100 }] }),
    'EMPLOYEE_PRO_RATA',
    24795,
    500000,
  ],
  // R6323-1 II « arrondi … au centime d'euro supérieur »: 182 / 366 of 500 € = 248.6339… € → 248.64 € (half up would say 248.63 €)
  [
    'full time January to June 2024, a leap year (182 days)',
    'R6323-1',
    activity(2024, { employmentPeriods: [{ from: '2024-01-01', to: '2024-06-30', workingTimePercent: 100 }] }),
    'EMPLOYEE_PRO_RATA',
    24864,
    500000,
  ],
  // 181 × 60 + 184 × 40 = 18,220 of 36,500: 24,958.90 → 24,959
  [
    '60 % then 40 % part time over the year',
    'L6323-11 al.2',
    activity(2023, {
      employmentPeriods: [
        { from: '2023-01-01', to: '2023-06-30', workingTimePercent: 60 },
        { from: '2023-07-01', to: '2023-12-31', workingTimePercent: 40 },
      ],
    }),
    'EMPLOYEE_PRO_RATA',
    24959,
    500000,
  ],
  [
    'a single day at 10 %: 13.70 cents → 14',
    'R6323-1',
    activity(2023, { employmentPeriods: [{ from: '2023-03-01', to: '2023-03-01', workingTimePercent: 10 }] }),
    'EMPLOYEE_PRO_RATA',
    14,
    500000,
  ],
  [
    'July to December full time: 184 days, over half time',
    'L6323-11',
    activity(2023, { employmentPeriods: [{ from: '2023-07-01', to: '2023-12-31', workingTimePercent: 100 }] }),
    'EMPLOYEE_HALF_TIME_OR_MORE',
    50000,
    500000,
  ],

  // R6323-1 II: the reference is the agreed full-time duration, else 1,607 hours.
  // 100 h of 1,607 h: 500 € × 100 / 1,607 = 31.1138… € → 31.12 € (half up would say 31.11 €)
  [
    '100 hours declared, no agreement: pro rata of 1,607 h, rounded up',
    'R6323-1',
    declared(2025, hours('Boulangerie Martin', 100)),
    'EMPLOYEE_PRO_RATA',
    3112,
    500000,
  ],
  [
    '803.5 hours of 1,607: exactly half, the full credit',
    'R6323-1',
    declared(2025, hours('Boulangerie Martin', 803.5)),
    'EMPLOYEE_HALF_TIME_OR_MORE',
    50000,
    500000,
  ],
  ['760 hours against 1,607 legal hours: below half', 'R6323-1', declared(2025, hours('Atelier Roux', 760)), 'EMPLOYEE_PRO_RATA', 23647, 500000],
  [
    '760 hours against a 1,500-hour full time set by the branch agreement: half, the full credit',
    'R6323-1',
    declared(2025, hours('Atelier Roux', 760, 1500)),
    'EMPLOYEE_HALF_TIME_OR_MORE',
    50000,
    500000,
  ],
  // A forfait in days: the days of the forfait, at most 218. 100 / 218 of 500 € = 229.3577… € → 229.36 €
  ['100 days of a 218-day forfait', 'R6323-1', declared(2025, days('Conseil SA', 100, 218)), 'EMPLOYEE_PRO_RATA', 22936, 500000],
  ['109 days of a 230-day forfait counted at 218: half', 'R6323-1', declared(2025, days('Conseil SA', 109, 230)), 'EMPLOYEE_HALF_TIME_OR_MORE', 50000, 500000],
  // Pay not based on hours: 2,080 × 11.88 € (SMIC on 31 Dec 2025) = 24,710.40 €; 12,000 € of it → 242.8127… € → 242.82 €
  [
    '12,000 € of pay not based on hours in 2025, against 2,080 × the hourly SMIC',
    'R6323-1',
    declared(2025, pay('Agence Leroy', 1_200_000)),
    'EMPLOYEE_PRO_RATA',
    24282,
    500000,
  ],
  ['the same pay in 2026, against the SMIC of 12.02 €', 'R6323-1', declared(2026, pay('Agence Leroy', 1_200_000)), 'EMPLOYEE_PRO_RATA', 23999, 500000],
  ['12,400 € of pay in 2025: over half of 24,710.40 €', 'R6323-1', declared(2025, pay('Agence Leroy', 1_240_000)), 'EMPLOYEE_HALF_TIME_OR_MORE', 50000, 500000],
  // Several employers in a year add up: 500 / 1,607 + 40 / 218 = 49.46 % → 247.32 €
  [
    'two employers, hours and days, still below half together',
    'R6323-1',
    declared(2025, hours('Boulangerie Martin', 500), days('Conseil SA', 40, 218)),
    'EMPLOYEE_PRO_RATA',
    24732,
    500000,
  ],
  [
    'two part-time employers reaching half together',
    'R6323-1',
    declared(2025, hours('Boulangerie Martin', 500), hours('Atelier Roux', 350)),
    'EMPLOYEE_HALF_TIME_OR_MORE',
    50000,
    500000,
  ],
  [
    'two employers above full time together: the yearly credit, no more',
    'R6323-1',
    declared(2025, hours('Boulangerie Martin', 1200), hours('Atelier Roux', 900)),
    'EMPLOYEE_HALF_TIME_OR_MORE',
    50000,
    500000,
  ],
  [
    'a percent period and an employer declaration add up',
    'R6323-1',
    activity(2025, { employmentPeriods: fullTime(2025, 30), declarations: [hours('Atelier Roux', 350)] }),
    'EMPLOYEE_HALF_TIME_OR_MORE',
    50000,
    500000,
  ],

  ['low-qualified (level 2) full time: 800 €', 'L6323-11-1, R6323-3-1', activity(2023, { qualificationLevel: 2 }), 'EMPLOYEE_HALF_TIME_OR_MORE', 80000, 800000],
  [
    'no qualification at all (level 0), 30 % part time: 800 € × 30 %',
    'L6323-11-1',
    activity(2023, { qualificationLevel: 0, employmentPeriods: fullTime(2023, 30) }),
    'EMPLOYEE_PRO_RATA',
    24000,
    800000,
  ],
  [
    'CAP holder (level 3) is not low-qualified under L6323-11-1: standard credit',
    'L6323-11',
    activity(2023, { qualificationLevel: 3 }),
    'EMPLOYEE_HALF_TIME_OR_MORE',
    50000,
    500000,
  ],
  ['unknown qualification: the standard credit', 'L6323-11', activity(2023, { qualificationLevel: null }), 'EMPLOYEE_HALF_TIME_OR_MORE', 50000, 500000],
  ['worker with a disability (OETH): 500 € + 300 €', 'L6323-11 al.3, D6323-3-3', activity(2023, { oeth: true }), 'EMPLOYEE_HALF_TIME_OR_MORE', 80000, 800000],
  [
    'OETH and low-qualified: 800 €, not 1,100 €',
    'L6323-11 al.3, L6323-11-1',
    activity(2023, { oeth: true, qualificationLevel: 1 }),
    'EMPLOYEE_HALF_TIME_OR_MORE',
    80000,
    800000,
  ],
  // Reading of D6323-3-3 (parameter reported): the majored alimentation is prorated like the rest.
  [
    'OETH at 30 % part time: 800 € × 30 %',
    'L6323-11 al.2-3',
    activity(2023, { oeth: true, employmentPeriods: fullTime(2023, 30) }),
    'EMPLOYEE_PRO_RATA',
    24000,
    800000,
  ],
  ['ESAT admission: 800 € for the year', 'L6323-33, R6323-29', activity(2023, { esatAdmission: true, employmentPeriods: [] }), 'ESAT', 80000, 800000],
  [
    'ESAT admission part time: still 800 € per year of admission',
    'L6323-33, R6323-29',
    activity(2023, { esatAdmission: true, employmentPeriods: fullTime(2023, 20) }),
    'ESAT',
    80000,
    800000,
  ],
  [
    'self-employed all year, training contribution paid',
    'L6323-27, R6323-22',
    activity(2023, { employmentPeriods: [], selfEmployed: true, trainingContributionPaid: true }),
    'SELF_EMPLOYED',
    50000,
    500000,
  ],
  // R6323-22: a part year « à due proportion du temps d'exercice », rounded up: 184 / 365 of 500 € = 252.0547… € → 252.06 €
  [
    'self-employed from 1 July 2023 (184 days), contribution paid',
    'R6323-22',
    activity(2023, {
      employmentPeriods: [],
      selfEmployed: true,
      trainingContributionPaid: true,
      selfEmployedPeriods: [{ from: '2023-07-01', to: '2023-12-31' }],
    }),
    'SELF_EMPLOYED_PRO_RATA',
    25206,
    500000,
  ],
  [
    'self-employed twice in leap year 2024 (100 days): 136.6120… € → 136.62 €',
    'R6323-22',
    activity(2024, {
      employmentPeriods: [],
      selfEmployed: true,
      trainingContributionPaid: true,
      selfEmployedPeriods: [
        { from: '2024-01-01', to: '2024-01-31' },
        { from: '2024-10-24', to: '2024-12-31' },
      ],
    }),
    'SELF_EMPLOYED_PRO_RATA',
    13662,
    500000,
  ],
  [
    'self-employed, contribution not paid: nothing',
    'L6323-27',
    activity(2023, { employmentPeriods: [], selfEmployed: true }),
    'SELF_EMPLOYED_CONTRIBUTION_UNPAID',
    0,
    500000,
  ],
  [
    'self-employed (paid) and 30 % salaried: the better rule',
    'L6323-27, L6323-11',
    activity(2023, { employmentPeriods: fullTime(2023, 30), selfEmployed: true, trainingContributionPaid: true }),
    'SELF_EMPLOYED',
    50000,
    500000,
  ],
  ['a year as a job seeker: rights kept, none earned', 'L6323-3', activity(2024, { employmentPeriods: [] }), 'NO_ACTIVITY', 0, 500000],
];

describe('yearly acquisition (Code du travail)', () => {
  it.each(cases)('%s (%s)', (_scenario, article, facts, rule, amount, ceiling) => {
    const entitlement = yearEntitlement(facts, params);
    expect(entitlement).toMatchObject({ rule, amount, ceiling });
    expect(entitlement.legalSource).toContain(article.split(/[ ,]/)[0]!);
    expect(entitlement.explanation).toContain(String(facts.year));
  });

  it('explains a pro rata credit in French, with its figures and the rounding of R6323-1', () => {
    const { explanation } = yearEntitlement(activity(2023, { employmentPeriods: fullTime(2023, 30) }), params);
    expect(plain(explanation)).toBe(
      "salarié en 2023 : 30 % d'un temps plein (moins de 50 %) : 500,00 € × 30 % = 150,00 € (au prorata, arrondi au centime d'euro supérieur, R6323-1)",
    );
  });

  it('names each employer and its reference in the explanation (R6323-1 II)', () => {
    const { explanation } = yearEntitlement(
      declared(2025, hours('Boulangerie Martin', 500), days('Conseil SA', 40, 218), pay('Agence Leroy', 100_000)),
      params,
    );
    expect(plain(explanation)).toContain('Boulangerie Martin : 500 h sur 1 607 h (durée légale)');
    expect(plain(explanation)).toContain('Conseil SA : 40 jours sur un forfait de 218 jours');
    expect(plain(explanation)).toContain('Agence Leroy : 1 000,00 € de rémunération sur 2 080 × 11,88 € (SMIC horaire) = 24 710,40 €');
  });

  it('credits year N in spring N+1, on the day the parameters give', () => {
    expect(creditDateOf(2023, params)).toBe('2024-04-30');
    expect(yearEntitlement(activity(2025), params).creditDate).toBe('2026-04-30');
  });

  it("rounds « à la deuxième décimale, au centime d'euro supérieur » (R6323-1 II, R6323-22): up, never half up", () => {
    expect([
      centsTimesRoundedUp(50000, fraction(1, 3)), // 166.666… → 166.67 (half up agrees)
      centsTimesRoundedUp(50000, fraction(100, 1607)), // 31.1138… → 31.12 (half up: 31.11)
      centsTimesRoundedUp(50000, fraction(1, 4)), // 125 exactly: no rounding
      centsTimesRoundedUp(0, fraction(3, 7)),
    ]).toEqual([16667, 3112, 12500, 0]);
  });

  it('writes amounts the French way', () => {
    expect([formatEuros(123456), formatEuros(5), formatEuros(100000000)].map(plain)).toEqual(['1 234,56 €', '0,05 €', '1 000 000,00 €']);
  });

  it('can read the OETH majoration as a flat 300 € when the parameter says so (D6323-3-3, reported)', () => {
    const raw = params.all().map((p) => (p.id === 'acquisition.oethSupplementProRata' ? { ...p, value: false } : p));
    const flat = new Parameters(raw);
    // 500 € × 30 % + 300 € = 450 €, instead of 800 € × 30 % = 240 €
    expect(yearEntitlement(activity(2023, { oeth: true, employmentPeriods: fullTime(2023, 30) }), flat).amount).toBe(45000);
  });

  it.each([
    [
      'a period outside the year',
      activity(2023, { employmentPeriods: [{ from: '2022-12-01', to: '2023-01-31', workingTimePercent: 100 }] }),
      /hors de l'année 2023/,
    ],
    ['a working time above 100 %', activity(2023, { employmentPeriods: fullTime(2023, 101) }), /pourcentage entier de 1 à 100/],
    ['two full-time periods at once', activity(2023, { employmentPeriods: [...fullTime(2023), ...fullTime(2023)] }), /dépassent un temps plein/],
    ['a year before the CPF in euros', activity(2018), /depuis 2019/],
    ['a contribution without self-employment', activity(2023, { trainingContributionPaid: true }), /travail indépendant/],
    ['hours with three decimals', declared(2025, hours('A', 10.125)), /deux décimales/],
    ['a declaration without employer', declared(2025, hours(' ', 10)), /nomme son employeur/],
    [
      'overlapping self-employed periods',
      activity(2023, {
        selfEmployed: true,
        selfEmployedPeriods: [
          { from: '2023-01-01', to: '2023-06-30' },
          { from: '2023-06-01', to: '2023-12-31' },
        ],
      }),
      /se chevauchent/,
    ],
  ])('refuses %s, in French', (_what, facts, message) => {
    expect(() => yearEntitlement(facts, params)).toThrow(message);
  });
});
