// How a year of activity becomes CPF rights (Code du travail L6323-11 and following).
// Pure: the year's facts and the law's parameters in, the entitlement and its explanation out.
import { isIsoDate } from '@formations/schema/scalars';
import { divideHalfUp, formatEuros } from './money.ts';
import type { Parameters } from './parameters.ts';

export interface EmploymentPeriod {
  from: string;
  to: string;
  /** Share of the legal or agreed full working time, in percent (100 = full time, 30 = 30 % part time). */
  workingTimePercent: number;
}

export interface ActivityYear {
  year: number;
  /** Salaried work in the year; none for a year spent as a job seeker. */
  employmentPeriods: EmploymentPeriod[];
  /** Level of the highest certification held (0 none, 3 CAP/BEP … 8); null when unknown. */
  qualificationLevel: number | null;
  /** Recognised as a worker with a disability (OETH, L5212-13). */
  oeth: boolean;
  /** Admitted to an ESAT during the year. */
  esatAdmission: boolean;
  selfEmployed: boolean;
  /** Self-employed only: the contribution to vocational training was paid for the year. */
  trainingContributionPaid: boolean;
}

export type AcquisitionRule =
  | 'NO_ACTIVITY'
  | 'EMPLOYEE_HALF_TIME_OR_MORE'
  | 'EMPLOYEE_PRO_RATA'
  | 'ESAT'
  | 'SELF_EMPLOYED'
  | 'SELF_EMPLOYED_CONTRIBUTION_UNPAID';

export interface YearEntitlement {
  year: number;
  rule: AcquisitionRule;
  /** What the year earns before the ceiling. */
  amount: number;
  /** The ceiling of the acquired rights under this year's rule. */
  ceiling: number;
  /** When the year is credited (spring of the following year). */
  creditDate: string;
  explanation: string;
  legalSource: string;
}

export class ActivityError extends Error {}

const daysBetween = (from: string, to: string) => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;

function validateActivityYear(activity: ActivityYear): void {
  const { year } = activity;
  if (!Number.isInteger(year) || year < 2019 || year > 2100) throw new ActivityError(`year ${year} is outside the CPF in euros (2019 on)`);
  if (activity.qualificationLevel !== null && (!Number.isInteger(activity.qualificationLevel) || activity.qualificationLevel < 0 || activity.qualificationLevel > 8)) {
    throw new ActivityError('qualificationLevel must be an integer from 0 to 8');
  }
  if (activity.trainingContributionPaid && !activity.selfEmployed) throw new ActivityError('a training contribution is only recorded for a self-employed year');
  for (const p of activity.employmentPeriods) {
    if (!isIsoDate(p.from) || !isIsoDate(p.to) || p.to < p.from) throw new ActivityError(`employment period ${p.from}…${p.to} is not a valid date range`);
    if (!p.from.startsWith(`${year}-`) || !p.to.startsWith(`${year}-`)) throw new ActivityError(`employment period ${p.from}…${p.to} is not inside ${year}`);
    if (!Number.isInteger(p.workingTimePercent) || p.workingTimePercent <= 0 || p.workingTimePercent > 100) {
      throw new ActivityError('workingTimePercent must be an integer from 1 to 100');
    }
  }
}

/** Full-time-equivalent days × percent worked in the year, against the year's full-time total. */
function timeWorked(activity: ActivityYear): { worked: number; fullTime: number } {
  const fullTime = daysBetween(`${activity.year}-01-01`, `${activity.year}-12-31`) * 100;
  const worked = activity.employmentPeriods.reduce((sum, p) => sum + daysBetween(p.from, p.to) * p.workingTimePercent, 0);
  if (worked > fullTime) throw new ActivityError(`employment periods of ${activity.year} add up to more than full time`);
  return { worked, fullTime };
}

const percentText = (worked: number, fullTime: number) => `${((worked * 100) / fullTime).toFixed(2).replace(/\.00$/, '')} %`;

function salariedEntitlement(activity: ActivityYear, params: Parameters, on: string): Omit<YearEntitlement, 'year' | 'creditDate'> | null {
  const { worked, fullTime } = timeWorked(activity);
  if (worked === 0) return null;
  const lowQualifiedBelow = params.at('acquisition.lowQualificationBelowLevel', on);
  const lowQualified = activity.qualificationLevel !== null && activity.qualificationLevel < lowQualifiedBelow.value;
  const base = params.at('acquisition.yearlyCredit.standard', on);
  let ceiling: { value: number } = params.at('acquisition.ceiling.standard', on);
  let yearly = base.value;
  const sources = [base.source];
  let who = 'employee';
  if (lowQualified) {
    const lq = params.at('acquisition.yearlyCredit.lowQualified', on);
    yearly = lq.value;
    ceiling = params.at('acquisition.ceiling.lowQualified', on);
    sources.push(lq.source);
    who = `low-qualified employee (level ${activity.qualificationLevel} < ${lowQualifiedBelow.value})`;
  }
  if (activity.oeth) {
    const supplement = params.at('acquisition.oethSupplement', on);
    const oethCeiling = params.at('acquisition.ceiling.oeth', on);
    // The OETH supplement raises the standard credit; it does not add to the low-qualified one.
    if (base.value + supplement.value > yearly) yearly = base.value + supplement.value;
    if (oethCeiling.value > ceiling.value) ceiling = oethCeiling;
    sources.push(supplement.source);
    who = lowQualified ? `${who} with a disability (OETH)` : 'employee with a disability (OETH)';
  }
  const halfTime = params.at('acquisition.halfTimePercent', on);
  const time = percentText(worked, fullTime);
  if (worked * 100 >= halfTime.value * fullTime) {
    return {
      rule: 'EMPLOYEE_HALF_TIME_OR_MORE',
      amount: yearly,
      ceiling: ceiling.value,
      explanation: `${who}, worked ${time} of full time in ${activity.year} (at least ${halfTime.value} %): ${formatEuros(yearly)}`,
      legalSource: sources.join('; '),
    };
  }
  const amount = divideHalfUp(yearly * worked, fullTime);
  return {
    rule: 'EMPLOYEE_PRO_RATA',
    amount,
    ceiling: ceiling.value,
    explanation: `${who}, worked ${time} of full time in ${activity.year} (below ${halfTime.value} %): ${formatEuros(yearly)} × ${time} = ${formatEuros(amount)} (pro rata, rounded to the cent, half up)`,
    legalSource: [...sources, halfTime.source].join('; '),
  };
}

function selfEmployedEntitlement(activity: ActivityYear, params: Parameters, on: string): Omit<YearEntitlement, 'year' | 'creditDate'> | null {
  if (!activity.selfEmployed) return null;
  const yearly = params.at('acquisition.yearlyCredit.selfEmployed', on);
  const ceiling = params.at('acquisition.ceiling.selfEmployed', on);
  if (!activity.trainingContributionPaid) {
    return {
      rule: 'SELF_EMPLOYED_CONTRIBUTION_UNPAID',
      amount: 0,
      ceiling: ceiling.value,
      explanation: `self-employed in ${activity.year} but the training contribution was not paid: nothing earned`,
      legalSource: yearly.source,
    };
  }
  return {
    rule: 'SELF_EMPLOYED',
    amount: yearly.value,
    ceiling: ceiling.value,
    explanation: `self-employed in ${activity.year}, training contribution paid: ${formatEuros(yearly.value)}`,
    legalSource: yearly.source,
  };
}

/** The day year N is credited, in N+1, from the parameter in force then. */
export function creditDateOf(year: number, params: Parameters): string {
  const day = params.at('acquisition.creditDayInFollowingYear', `${year + 1}-01-01`).value;
  return `${year + 1}-${day}`;
}

/**
 * What one year of activity earns, before the ceiling. The year's own parameters apply
 * (those in force on 31 December). An account is credited once a year: when a year mixes
 * statuses, the most favourable rule is kept.
 */
export function yearEntitlement(activity: ActivityYear, params: Parameters): YearEntitlement {
  validateActivityYear(activity);
  const on = `${activity.year}-12-31`;
  const creditDate = creditDateOf(activity.year, params);
  if (activity.esatAdmission) {
    const yearly = params.at('acquisition.yearlyCredit.esat', on);
    return {
      year: activity.year,
      rule: 'ESAT',
      amount: yearly.value,
      ceiling: params.at('acquisition.ceiling.esat', on).value,
      creditDate,
      explanation: `admitted to an ESAT in ${activity.year}: ${formatEuros(yearly.value)} per year of admission, full or part time`,
      legalSource: yearly.source,
    };
  }
  const candidates = [salariedEntitlement(activity, params, on), selfEmployedEntitlement(activity, params, on)].filter((c) => c !== null);
  const best = candidates.sort((a, b) => b.amount - a.amount)[0];
  if (!best) {
    const standard = params.at('acquisition.ceiling.standard', on);
    return {
      year: activity.year,
      rule: 'NO_ACTIVITY',
      amount: 0,
      ceiling: standard.value,
      creditDate,
      explanation: `no salaried or self-employed activity in ${activity.year} (e.g. a job seeker): rights are kept but none are earned`,
      legalSource: 'L6323-3; L6323-11',
    };
  }
  return { year: activity.year, creditDate, ...best };
}
