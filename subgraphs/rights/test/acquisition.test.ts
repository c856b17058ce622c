import { describe, expect, it } from 'vitest';
import { creditDateOf, yearEntitlement, type ActivityYear } from '../src/domain/acquisition.ts';
import { divideHalfUp } from '../src/domain/money.ts';
import { activity, fullTime, params } from './helpers.ts';

type Case = [scenario: string, article: string, facts: ActivityYear, rule: string, amount: number, ceiling: number];

const cases: Case[] = [
  ['full time all year', 'L6323-11', activity(2023), 'EMPLOYEE_HALF_TIME_OR_MORE', 50000, 500000],
  ['exactly half time all year', 'L6323-11', activity(2023, { employmentPeriods: fullTime(2023, 50) }), 'EMPLOYEE_HALF_TIME_OR_MORE', 50000, 500000],
  ['30 % part time all year: 500 € × 30 %', 'L6323-11 al.2', activity(2023, { employmentPeriods: fullTime(2023, 30) }), 'EMPLOYEE_PRO_RATA', 15000, 500000],
  ['49 % part time all year', 'L6323-11 al.2', activity(2023, { employmentPeriods: fullTime(2023, 49) }), 'EMPLOYEE_PRO_RATA', 24500, 500000],
  // 181 of 365 days: 50,000 × 181 / 365 = 24,794.52 → 24,795 (to the cent, half up)
  ['full time January to June 2023 (181 days)', 'L6323-11 al.2', activity(2023, { employmentPeriods: [{ from: '2023-01-01', to: '2023-06-30', workingTimePercent: 100 }] }), 'EMPLOYEE_PRO_RATA', 24795, 500000],
  // leap year: 182 of 366 days: 24,863.39 → 24,863
  ['full time January to June 2024, a leap year (182 days)', 'L6323-11 al.2', activity(2024, { employmentPeriods: [{ from: '2024-01-01', to: '2024-06-30', workingTimePercent: 100 }] }), 'EMPLOYEE_PRO_RATA', 24863, 500000],
  // 181 × 60 + 184 × 40 = 18,220 of 36,500: 24,958.90 → 24,959
  ['60 % then 40 % part time over the year', 'L6323-11 al.2', activity(2023, { employmentPeriods: [{ from: '2023-01-01', to: '2023-06-30', workingTimePercent: 60 }, { from: '2023-07-01', to: '2023-12-31', workingTimePercent: 40 }] }), 'EMPLOYEE_PRO_RATA', 24959, 500000],
  ['a single day at 10 %: 13.70 cents → 14', 'L6323-11 al.2', activity(2023, { employmentPeriods: [{ from: '2023-03-01', to: '2023-03-01', workingTimePercent: 10 }] }), 'EMPLOYEE_PRO_RATA', 14, 500000],
  ['July to December full time: 184 days, over half time', 'L6323-11', activity(2023, { employmentPeriods: [{ from: '2023-07-01', to: '2023-12-31', workingTimePercent: 100 }] }), 'EMPLOYEE_HALF_TIME_OR_MORE', 50000, 500000],
  ['low-qualified (level 2) full time: 800 €', 'L6323-11-1, R6323-3-1', activity(2023, { qualificationLevel: 2 }), 'EMPLOYEE_HALF_TIME_OR_MORE', 80000, 800000],
  ['no qualification at all (level 0), 30 % part time: 800 € × 30 %', 'L6323-11-1', activity(2023, { qualificationLevel: 0, employmentPeriods: fullTime(2023, 30) }), 'EMPLOYEE_PRO_RATA', 24000, 800000],
  ['CAP holder (level 3) is not low-qualified under L6323-11-1: standard credit', 'L6323-11', activity(2023, { qualificationLevel: 3 }), 'EMPLOYEE_HALF_TIME_OR_MORE', 50000, 500000],
  ['unknown qualification: the standard credit', 'L6323-11', activity(2023, { qualificationLevel: null }), 'EMPLOYEE_HALF_TIME_OR_MORE', 50000, 500000],
  ['worker with a disability (OETH): 500 € + 300 €', 'L6323-11 al.3, D6323-3-3', activity(2023, { oeth: true }), 'EMPLOYEE_HALF_TIME_OR_MORE', 80000, 800000],
  ['OETH and low-qualified: 800 €, not 1,100 €', 'L6323-11 al.3, L6323-11-1', activity(2023, { oeth: true, qualificationLevel: 1 }), 'EMPLOYEE_HALF_TIME_OR_MORE', 80000, 800000],
  ['OETH at 30 % part time: 800 € × 30 %', 'L6323-11 al.2-3', activity(2023, { oeth: true, employmentPeriods: fullTime(2023, 30) }), 'EMPLOYEE_PRO_RATA', 24000, 800000],
  ['ESAT admission: 800 € for the year', 'L6323-33, R6323-29', activity(2023, { esatAdmission: true, employmentPeriods: [] }), 'ESAT', 80000, 800000],
  ['ESAT admission part time: still 800 € per year of admission', 'L6323-33, R6323-29', activity(2023, { esatAdmission: true, employmentPeriods: fullTime(2023, 20) }), 'ESAT', 80000, 800000],
  ['self-employed, training contribution paid', 'L6323-27, R6323-22', activity(2023, { employmentPeriods: [], selfEmployed: true, trainingContributionPaid: true }), 'SELF_EMPLOYED', 50000, 500000],
  ['self-employed, contribution not paid: nothing', 'L6323-27', activity(2023, { employmentPeriods: [], selfEmployed: true }), 'SELF_EMPLOYED_CONTRIBUTION_UNPAID', 0, 500000],
  ['self-employed (paid) and 30 % salaried: the better rule', 'L6323-27, L6323-11', activity(2023, { employmentPeriods: fullTime(2023, 30), selfEmployed: true, trainingContributionPaid: true }), 'SELF_EMPLOYED', 50000, 500000],
  ['a year as a job seeker: rights kept, none earned', 'L6323-3', activity(2024, { employmentPeriods: [] }), 'NO_ACTIVITY', 0, 500000],
];

describe('yearly acquisition (Code du travail)', () => {
  it.each(cases)('%s (%s)', (_scenario, article, facts, rule, amount, ceiling) => {
    const entitlement = yearEntitlement(facts, params);
    expect(entitlement).toMatchObject({ rule, amount, ceiling });
    expect(entitlement.legalSource).toContain(article.split(/[ ,]/)[0]!);
    expect(entitlement.explanation).toContain(String(facts.year));
  });

  it('explains a pro rata credit with its figures and rounding rule (L6323-11 al.2)', () => {
    const { explanation } = yearEntitlement(activity(2023, { employmentPeriods: fullTime(2023, 30) }), params);
    expect(explanation).toBe('employee, worked 30 % of full time in 2023 (below 50 %): 500.00 € × 30 % = 150.00 € (pro rata, rounded to the cent, half up)');
  });

  it('credits year N in spring N+1, on the day the parameters give', () => {
    expect(creditDateOf(2023, params)).toBe('2024-04-30');
    expect(yearEntitlement(activity(2025), params).creditDate).toBe('2026-04-30');
  });

  it('rounds to the cent, half up', () => {
    expect([divideHalfUp(5, 2), divideHalfUp(4, 3), divideHalfUp(5, 3), divideHalfUp(0, 7)]).toEqual([3, 1, 2, 0]);
  });

  it.each([
    ['a period outside the year', activity(2023, { employmentPeriods: [{ from: '2022-12-01', to: '2023-01-31', workingTimePercent: 100 }] }), /not inside 2023/],
    ['a working time above 100 %', activity(2023, { employmentPeriods: fullTime(2023, 101) }), /workingTimePercent/],
    ['two full-time jobs at once', activity(2023, { employmentPeriods: [...fullTime(2023), ...fullTime(2023)] }), /more than full time/],
    ['a year before the CPF in euros', activity(2018), /2019/],
    ['a contribution without self-employment', activity(2023, { trainingContributionPaid: true }), /self-employed/],
  ])('refuses %s', (_what, facts, message) => {
    expect(() => yearEntitlement(facts, params)).toThrow(message);
  });
});
