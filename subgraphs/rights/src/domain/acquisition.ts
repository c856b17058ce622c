// How a year of activity becomes CPF rights (Code du travail L6323-11 and following).
// Pure: the year's facts and the law's parameters in, the entitlement and its explanation out.
// Time worked is a share of a reference (R6323-1 II): the agreed full-time hours or 1,607 hours,
// the days of a forfait (at most 218), or 2,080 × the hourly SMIC for pay not based on hours.
// Each employer's share is exact (a fraction); several employers in a year add up.
import { isIsoDate } from '@formations/schema/scalars';
import { addFractions, atLeast, centsTimesRoundedUp, formatEuros, formatNumber, fraction, percentText, ZERO, type Fraction } from './money.ts';
import type { Parameters } from './parameters.ts';

export interface DateRange {
  from: string;
  to: string;
}

export interface EmploymentPeriod extends DateRange {
  /** Share of the legal or agreed full working time, in percent (100 = full time, 30 = 30 % part time). */
  workingTimePercent: number;
}

/** What one employer declares for the year in the DSN (R6323-1 II). */
export type EmployerDeclaration =
  | {
      employer: string;
      basis: 'HOURS';
      /** Hours worked (two decimals at most). */
      hours: number;
      /** The yearly full-time duration set by a company or branch agreement; null when none (1,607 h apply). */
      agreedFullTimeHours: number | null;
    }
  | {
      employer: string;
      basis: 'DAYS';
      /** Days worked under a forfait in days. */
      days: number;
      /** Days of the forfait (the reference, at most 218). */
      forfaitDays: number;
    }
  | {
      employer: string;
      basis: 'PAY';
      /** Gross pay received in the year, in cents, when pay is not based on hours. */
      pay: number;
    };

export type WorkingTimeBasis = EmployerDeclaration['basis'];

export interface ActivityYear {
  year: number;
  /** Salaried work as periods at a percent of full time; none for a year spent as a job seeker. */
  employmentPeriods: EmploymentPeriod[];
  /** Salaried work as each employer declares it (hours, days of a forfait, or pay). */
  declarations: EmployerDeclaration[];
  /** Level of the highest certification held (0 none, 3 CAP/BEP … 8); null when unknown. */
  qualificationLevel: number | null;
  /** Recognised as a worker with a disability (OETH, L5212-13). */
  oeth: boolean;
  /** Admitted to an ESAT during the year. */
  esatAdmission: boolean;
  selfEmployed: boolean;
  /** Self-employed only: the stretches of activity in the year; empty for the whole year (R6323-22). */
  selfEmployedPeriods: DateRange[];
  /** Self-employed only: the contribution to vocational training was paid for the year. */
  trainingContributionPaid: boolean;
}

export type AcquisitionRule =
  | 'NO_ACTIVITY'
  | 'EMPLOYEE_HALF_TIME_OR_MORE'
  | 'EMPLOYEE_PRO_RATA'
  | 'ESAT'
  | 'SELF_EMPLOYED'
  | 'SELF_EMPLOYED_PRO_RATA'
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
const daysIn = (year: number) => daysBetween(`${year}-01-01`, `${year}-12-31`);
/** Hours are declared with two decimals at most: counted exactly in hundredths. */
const hundredths = (hours: number) => Math.round(hours * 100);
const hasTwoDecimalsAtMost = (value: number) => Number.isFinite(value) && Math.abs(value * 100 - Math.round(value * 100)) < 1e-6;
const hoursText = (h: number) => `${formatNumber(h)}\u00a0h`;

function validateRange(range: DateRange, year: number, what: string): void {
  if (!isIsoDate(range.from) || !isIsoDate(range.to) || range.to < range.from)
    throw new ActivityError(`${what} du ${range.from} au ${range.to} : dates invalides`);
  if (!range.from.startsWith(`${year}-`) || !range.to.startsWith(`${year}-`))
    throw new ActivityError(`${what} du ${range.from} au ${range.to} : hors de l'année ${year}`);
}

function validateDeclaration(d: EmployerDeclaration): void {
  if (typeof d.employer !== 'string' || d.employer.trim() === '') throw new ActivityError('chaque déclaration nomme son employeur');
  const who = `déclaration de ${d.employer}`;
  switch (d.basis) {
    case 'HOURS':
      if (!hasTwoDecimalsAtMost(d.hours) || d.hours <= 0) throw new ActivityError(`${who} : un nombre d'heures positif, deux décimales au plus`);
      if (d.agreedFullTimeHours !== null && (!hasTwoDecimalsAtMost(d.agreedFullTimeHours) || d.agreedFullTimeHours <= 0)) {
        throw new ActivityError(`${who} : la durée conventionnelle d'un temps plein est un nombre d'heures positif`);
      }
      return;
    case 'DAYS':
      if (!Number.isInteger(d.days) || d.days <= 0) throw new ActivityError(`${who} : un nombre entier de jours, positif`);
      if (!Number.isInteger(d.forfaitDays) || d.forfaitDays <= 0) throw new ActivityError(`${who} : le nombre de jours du forfait est un entier positif`);
      return;
    case 'PAY':
      if (!Number.isSafeInteger(d.pay) || d.pay <= 0) throw new ActivityError(`${who} : la rémunération est un montant positif en centimes`);
      return;
    default:
      throw new ActivityError(`${who} : base inconnue (heures, jours ou rémunération)`);
  }
}

function validateActivityYear(activity: ActivityYear): void {
  const { year } = activity;
  if (!Number.isInteger(year) || year < 2019 || year > 2100) throw new ActivityError(`l'année ${year} est hors du CPF en euros (depuis 2019)`);
  if (
    activity.qualificationLevel !== null &&
    (!Number.isInteger(activity.qualificationLevel) || activity.qualificationLevel < 0 || activity.qualificationLevel > 8)
  ) {
    throw new ActivityError('le niveau de qualification est un entier de 0 à 8');
  }
  if (activity.trainingContributionPaid && !activity.selfEmployed)
    throw new ActivityError("une contribution à la formation n'est enregistrée que pour une année de travail indépendant");
  if (activity.selfEmployedPeriods.length > 0 && !activity.selfEmployed)
    throw new ActivityError("des périodes d'activité indépendante ne valent que pour une année de travail indépendant");
  for (const p of activity.employmentPeriods) {
    validateRange(p, year, "période d'emploi");
    if (!Number.isInteger(p.workingTimePercent) || p.workingTimePercent <= 0 || p.workingTimePercent > 100) {
      throw new ActivityError('le temps de travail est un pourcentage entier de 1 à 100');
    }
  }
  const sorted = [...activity.selfEmployedPeriods].sort((a, b) => a.from.localeCompare(b.from));
  sorted.forEach((p, i) => {
    validateRange(p, year, "période d'activité indépendante");
    if (i > 0 && p.from <= sorted[i - 1]!.to) throw new ActivityError(`les périodes d'activité indépendante de ${year} se chevauchent`);
  });
  activity.declarations.forEach(validateDeclaration);
}

interface Share {
  share: Fraction;
  /** How the share was measured, in words. */
  text: string;
}

/** Percent periods: full-time-equivalent days against the days of the year. */
function periodsShare(activity: ActivityYear): Share | null {
  if (activity.employmentPeriods.length === 0) return null;
  const worked = activity.employmentPeriods.reduce((sum, p) => sum + daysBetween(p.from, p.to) * p.workingTimePercent, 0);
  const share = fraction(worked, daysIn(activity.year) * 100);
  if (!atLeast(fraction(1, 1), share)) throw new ActivityError(`les périodes d'emploi de ${activity.year} dépassent un temps plein`);
  return { share, text: `périodes déclarées en pourcentage d'un temps plein : ${percentText(share)}` };
}

/** One employer's declaration against its reference (R6323-1 II); a year's SMIC is the one in force on 31 December. */
function declarationShare(d: EmployerDeclaration, params: Parameters, on: string): Share {
  switch (d.basis) {
    case 'HOURS': {
      const legal = params.at('acquisition.referenceHours', on).value;
      const reference = d.agreedFullTimeHours ?? legal;
      const kind = d.agreedFullTimeHours === null ? 'durée légale' : 'durée conventionnelle';
      return {
        share: fraction(hundredths(d.hours), hundredths(reference)),
        text: `${d.employer} : ${hoursText(d.hours)} sur ${hoursText(reference)} (${kind})`,
      };
    }
    case 'DAYS': {
      const max = params.at('acquisition.forfaitDaysMax', on).value;
      const reference = Math.min(d.forfaitDays, max);
      const capped = d.forfaitDays > max ? ` (forfait de ${d.forfaitDays} jours, retenu dans la limite de ${max})` : '';
      return { share: fraction(d.days, reference), text: `${d.employer} : ${d.days} jours sur un forfait de ${reference} jours${capped}` };
    }
    case 'PAY': {
      const hours = params.at('acquisition.payReferenceSmicHours', on).value;
      const smic = params.at('smic.hourly', on).value;
      const reference = hours * smic;
      return {
        share: fraction(d.pay, reference),
        text: `${d.employer} : ${formatEuros(d.pay)} de rémunération sur ${formatNumber(hours)} × ${formatEuros(smic)} (SMIC horaire) = ${formatEuros(reference)}`,
      };
    }
  }
}

const capAtOne = (f: Fraction) => (atLeast(f, fraction(1, 1)) ? fraction(1, 1) : f);

function salariedEntitlement(activity: ActivityYear, params: Parameters, on: string): Omit<YearEntitlement, 'year' | 'creditDate'> | null {
  const shares = [periodsShare(activity), ...activity.declarations.map((d) => declarationShare(d, params, on))].filter((s) => s !== null);
  if (shares.length === 0) return null;
  // Several employers in one year add up; beyond one full time the credit stays the yearly one.
  const worked = capAtOne(shares.reduce((sum, s) => addFractions(sum, s.share), ZERO));
  // A single percent declaration says it all; employers' figures are listed before their total.
  const detail = shares.length === 1 && activity.declarations.length === 0 ? '' : `${shares.map((s) => s.text).join(' ; ')} ; au total `;
  const lowQualifiedBelow = params.at('acquisition.lowQualificationBelowLevel', on);
  const lowQualified = activity.qualificationLevel !== null && activity.qualificationLevel < lowQualifiedBelow.value;
  const base = params.at('acquisition.yearlyCredit.standard', on);
  let ceiling: { value: number } = params.at('acquisition.ceiling.standard', on);
  let yearly = base.value;
  const sources = [base.source];
  let who = 'salarié';
  if (lowQualified) {
    const lq = params.at('acquisition.yearlyCredit.lowQualified', on);
    yearly = lq.value;
    ceiling = params.at('acquisition.ceiling.lowQualified', on);
    sources.push(lq.source);
    who = `salarié peu qualifié (niveau ${activity.qualificationLevel} < ${lowQualifiedBelow.value})`;
  }
  const supplement = activity.oeth ? params.at('acquisition.oethSupplement', on) : null;
  if (supplement) {
    const oethCeiling = params.at('acquisition.ceiling.oeth', on);
    // The OETH supplement raises the standard credit; it does not add to the low-qualified one.
    if (base.value + supplement.value > yearly) yearly = base.value + supplement.value;
    if (oethCeiling.value > ceiling.value) ceiling = oethCeiling;
    sources.push(supplement.source);
    who = `${who} bénéficiaire de l'obligation d'emploi (OETH)`;
  }
  const halfTime = params.at('acquisition.halfTimePercent', on);
  const time = percentText(worked);
  if (atLeast(worked, fraction(halfTime.value, 100))) {
    return {
      rule: 'EMPLOYEE_HALF_TIME_OR_MORE',
      amount: yearly,
      ceiling: ceiling.value,
      explanation: `${who} en ${activity.year} : ${detail}${time} d'un temps plein (au moins ${halfTime.value}\u00a0%) : ${formatEuros(yearly)}`,
      legalSource: sources.join('; '),
    };
  }
  let amount = centsTimesRoundedUp(yearly, worked);
  let formula = `${formatEuros(yearly)} × ${time} = ${formatEuros(amount)}`;
  if (supplement && !params.at('acquisition.oethSupplementProRata', on).value) {
    // The other reading of D6323-3-3: the 300 € are added in full to the prorated credit.
    const flat = centsTimesRoundedUp(yearly - supplement.value, worked) + supplement.value;
    if (flat > amount) {
      amount = flat;
      formula = `${formatEuros(yearly - supplement.value)} × ${time} + ${formatEuros(supplement.value)} = ${formatEuros(amount)}`;
    }
  }
  return {
    rule: 'EMPLOYEE_PRO_RATA',
    amount,
    ceiling: ceiling.value,
    explanation: `${who} en ${activity.year} : ${detail}${time} d'un temps plein (moins de ${halfTime.value}\u00a0%) : ${formula} (au prorata, arrondi au centime d'euro supérieur, R6323-1)`,
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
      explanation: `travailleur indépendant en ${activity.year}, contribution à la formation professionnelle non acquittée : aucun droit acquis (L6323-27)`,
      legalSource: yearly.source,
    };
  }
  const daysOfYear = daysIn(activity.year);
  const days = activity.selfEmployedPeriods.reduce((sum, p) => sum + daysBetween(p.from, p.to), 0);
  if (days === 0 || days === daysOfYear) {
    return {
      rule: 'SELF_EMPLOYED',
      amount: yearly.value,
      ceiling: ceiling.value,
      explanation: `travailleur indépendant toute l'année ${activity.year}, contribution à la formation acquittée : ${formatEuros(yearly.value)}`,
      legalSource: yearly.source,
    };
  }
  const share = fraction(days, daysOfYear);
  const amount = centsTimesRoundedUp(yearly.value, share);
  return {
    rule: 'SELF_EMPLOYED_PRO_RATA',
    amount,
    ceiling: ceiling.value,
    explanation: `travailleur indépendant ${days} jours sur ${daysOfYear} en ${activity.year}, contribution à la formation acquittée : ${formatEuros(yearly.value)} × ${days}/${daysOfYear} = ${formatEuros(amount)} (à due proportion, arrondi au centime d'euro supérieur, R6323-22)`,
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
      explanation: `admis en ESAT en ${activity.year} : ${formatEuros(yearly.value)} par année d'admission, à temps plein ou à temps partiel (R6323-29)`,
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
      explanation: `aucune activité salariée ou indépendante en ${activity.year} (par exemple demandeur d'emploi) : les droits sont conservés, aucun n'est acquis (L6323-3)`,
      legalSource: 'L6323-3; L6323-11',
    };
  }
  return { year: activity.year, creditDate, ...best };
}

/** Activity years recorded before declarations and self-employed periods existed read as having none. */
export function withDefaults(stored: Omit<ActivityYear, 'declarations' | 'selfEmployedPeriods'> & Partial<ActivityYear>): ActivityYear {
  return { ...stored, declarations: stored.declarations ?? [], selfEmployedPeriods: stored.selfEmployedPeriods ?? [] };
}
