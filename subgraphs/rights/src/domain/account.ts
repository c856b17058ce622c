// The account as the holder sees it, derived from the ledger and the recorded activity years.
import { yearEntitlement, type ActivityYear, type AcquisitionRule } from './acquisition.ts';
import { replay, type LedgerEntry } from './ledger.ts';
import type { Parameters } from './parameters.ts';

export interface PostedAcquisition extends LedgerEntry {
  year: number | null;
  explanation: string;
  legalSource: string;
}

export interface YearCredit {
  year: number;
  rule: AcquisitionRule;
  /** What the year earned before the ceiling. */
  entitled: number;
  /** What is (or will be) credited after the ceiling. */
  amount: number;
  ceiling: number;
  creditDate: string;
  posted: boolean;
  explanation: string;
  legalSource: string;
}

export const balanceOf = (entries: readonly LedgerEntry[]) => entries.reduce((sum, e) => sum + e.amount, 0);

/** The ceiling of the latest year with an activity, or the standard one. */
export function accountCeiling(years: readonly ActivityYear[], params: Parameters, today: string): number {
  const latest = years
    .map((y) => yearEntitlement(y, params))
    .filter((e) => e.rule !== 'NO_ACTIVITY')
    .sort((a, b) => b.year - a.year)[0];
  return latest?.ceiling ?? params.at('acquisition.ceiling.standard', today).value;
}

const pendingOf = (entries: readonly PostedAcquisition[], years: readonly ActivityYear[], params: Parameters) => {
  const posted = new Set(entries.filter((e) => e.kind === 'ACQUISITION').map((e) => e.year));
  return years.filter((y) => !posted.has(y.year)).map((y) => yearEntitlement(y, params));
};

/** Balance on `at`: entries dated until then, plus the recorded years credited by then. */
export function projectedBalance(entries: readonly PostedAcquisition[], years: readonly ActivityYear[], params: Parameters, at: string): number {
  return replay(entries, pendingOf(entries, years, params), params, at).balances.balance;
}

/** Every recorded year: the posted credit as written in the ledger, or the credit it will bring. */
export function yearCredits(entries: readonly PostedAcquisition[], years: readonly ActivityYear[], params: Parameters): YearCredit[] {
  const postedByYear = new Map(entries.filter((e) => e.kind === 'ACQUISITION').map((e) => [e.year, e]));
  const projected = new Map(replay(entries, pendingOf(entries, years, params), params, '9999-12-31').credits.map((c) => [c.entitlement.year, c]));
  return years.map((activity) => {
    const entitlement = yearEntitlement(activity, params);
    const posted = postedByYear.get(activity.year);
    const base = {
      year: activity.year,
      rule: entitlement.rule,
      entitled: entitlement.amount,
      ceiling: entitlement.ceiling,
      creditDate: entitlement.creditDate,
    };
    if (posted) return { ...base, amount: posted.amount, posted: true, explanation: posted.explanation, legalSource: posted.legalSource };
    const credit = projected.get(activity.year);
    return {
      ...base,
      amount: credit?.credited ?? entitlement.amount,
      posted: false,
      explanation: credit?.explanation ?? entitlement.explanation,
      legalSource: entitlement.legalSource,
    };
  });
}
