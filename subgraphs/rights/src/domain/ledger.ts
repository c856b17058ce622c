// The CPF account as an append-only ledger: the balance is the sum of its entries. Only the
// holder's acquired rights count against the ceiling (extra credits do not, L6323-13), so the
// fold keeps the two apart and spends them in the order in force on the day of each debit.
import { formatEuros } from './money.ts';
import type { Parameters } from './parameters.ts';
import type { YearEntitlement } from './acquisition.ts';

export const ENTRY_KINDS = ['ACQUISITION', 'DEBIT', 'REFUND', 'CORRECTIF', 'C2P', 'ATMP'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];
export const EXTRA_CREDIT_KINDS = ['CORRECTIF', 'C2P', 'ATMP'] as const;
export type ExtraCreditKind = (typeof EXTRA_CREDIT_KINDS)[number];

export interface LedgerEntry {
  kind: EntryKind;
  /** Signed cents: credits positive, debits negative. */
  amount: number;
  effectiveDate: string;
}

export interface Balances {
  balance: number;
  /** Acquired rights: what the ceiling is compared with. */
  acquired: number;
  /** Extra credits not yet spent (correctif, C2P, AT/MP): outside the ceiling. */
  supplementary: number;
}

export const EMPTY: Balances = { balance: 0, acquired: 0, supplementary: 0 };

/** One entry applied to the running balances. */
export function apply(balances: Balances, entry: LedgerEntry, params: Parameters): Balances {
  const { acquired, supplementary } = balances;
  switch (entry.kind) {
    case 'ACQUISITION':
      return { balance: balances.balance + entry.amount, acquired: acquired + entry.amount, supplementary };
    case 'CORRECTIF':
    case 'C2P':
    case 'ATMP':
      return { balance: balances.balance + entry.amount, acquired, supplementary: supplementary + entry.amount };
    case 'REFUND':
      // A cancelled dossier gives the money back as acquired rights (the ledger does not track which pot paid).
      return { balance: balances.balance + entry.amount, acquired: acquired + entry.amount, supplementary };
    case 'DEBIT': {
      const spent = -entry.amount;
      const supplementaryFirst = params.at('spending.supplementaryRightsFirst', entry.effectiveDate).value;
      const fromSupplementary = supplementaryFirst ? Math.min(spent, supplementary) : Math.max(0, spent - acquired);
      return { balance: balances.balance - spent, acquired: acquired - (spent - fromSupplementary), supplementary: supplementary - fromSupplementary };
    }
  }
}

export interface AcquisitionCredit {
  entitlement: YearEntitlement;
  /** What is actually credited once the ceiling is applied. */
  credited: number;
  explanation: string;
}

/** A year's entitlement cut so the acquired rights do not exceed the ceiling (L6323-11). */
export function capToCeiling(entitlement: YearEntitlement, acquired: number): AcquisitionCredit {
  const room = Math.max(0, entitlement.ceiling - acquired);
  const credited = Math.min(entitlement.amount, room);
  const lost = entitlement.amount - credited;
  const ceilingText =
    lost === 0
      ? ''
      : credited === 0
        ? `; ceiling ${formatEuros(entitlement.ceiling)} reached (acquired rights ${formatEuros(acquired)}): nothing credited, ${formatEuros(lost)} lost`
        : `; ceiling ${formatEuros(entitlement.ceiling)}: acquired rights were ${formatEuros(acquired)}, so ${formatEuros(credited)} credited and ${formatEuros(lost)} lost`;
  return { entitlement, credited, explanation: `${entitlement.explanation}${ceilingText}` };
}

export interface Replay {
  balances: Balances;
  /** The credits of the pending entitlements, each computed against the balance on its date. */
  credits: AcquisitionCredit[];
}

/**
 * Replays posted entries and pending yearly entitlements in date order up to `until`
 * (inclusive), crediting each entitlement against the acquired rights on its credit date.
 * On one day, posted entries come before the pending credits.
 */
export function replay(entries: readonly LedgerEntry[], pending: readonly YearEntitlement[], params: Parameters, until: string): Replay {
  type Event = { date: string; order: number; entry?: LedgerEntry; entitlement?: YearEntitlement };
  const events: Event[] = [
    ...entries.filter((e) => e.effectiveDate <= until).map((entry, order) => ({ date: entry.effectiveDate, order, entry })),
    ...pending.filter((p) => p.creditDate <= until).map((entitlement) => ({ date: entitlement.creditDate, order: entries.length + entitlement.year, entitlement })),
  ].sort((a, b) => a.date.localeCompare(b.date) || a.order - b.order);
  let balances = EMPTY;
  const credits: AcquisitionCredit[] = [];
  for (const event of events) {
    if (event.entry) {
      balances = apply(balances, event.entry, params);
    } else if (event.entitlement) {
      const credit = capToCeiling(event.entitlement, balances.acquired);
      credits.push(credit);
      balances = apply(balances, { kind: 'ACQUISITION', amount: credit.credited, effectiveDate: event.date }, params);
    }
  }
  return { balances, credits };
}

export interface ExtraCredit {
  kind: ExtraCreditKind;
  amount: number;
  explanation: string;
  legalSource: string;
}

/** The amount of an extra credit on its date: a fixed sum, or C2P points at the value of the day. */
export function extraCredit(kind: ExtraCreditKind, date: string, params: Parameters, c2pPoints?: number): ExtraCredit {
  switch (kind) {
    case 'CORRECTIF': {
      const p = params.at('extraCredit.correctif', date);
      return { kind, amount: p.value, explanation: `abondement correctif: required professional interviews missed and no non-mandatory training over the review period: ${formatEuros(p.value)}`, legalSource: p.source };
    }
    case 'ATMP': {
      const p = params.at('extraCredit.atmp', date);
      return { kind, amount: p.value, explanation: `work accident or occupational disease with permanent incapacity of at least 10 %: ${formatEuros(p.value)} for a career change`, legalSource: p.source };
    }
    case 'C2P': {
      if (c2pPoints === undefined || !Number.isInteger(c2pPoints) || c2pPoints <= 0) throw new RangeError('a C2P credit needs a positive whole number of points');
      const p = params.at('extraCredit.c2pPoint', date);
      const amount = c2pPoints * p.value;
      return { kind, amount, explanation: `${c2pPoints} C2P point(s) converted on ${date} at ${formatEuros(p.value)} each: ${formatEuros(amount)}`, legalSource: p.source };
    }
  }
}
