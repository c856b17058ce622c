import { describe, expect, it } from 'vitest';
import { yearEntitlement } from '../src/domain/acquisition.ts';
import { projectedBalance, yearCredits } from '../src/domain/account.ts';
import { extraCredit, replay, type LedgerEntry } from '../src/domain/ledger.ts';
import { activity, params } from './helpers.ts';

const years = (from: number, to: number, facts = {}) => Array.from({ length: to - from + 1 }, (_, i) => yearEntitlement(activity(from + i, facts), params));
const spend = (amount: number, effectiveDate: string): LedgerEntry => ({ kind: 'DEBIT', amount: -amount, effectiveDate });
const credits = (entries: LedgerEntry[], pending: ReturnType<typeof years>) => replay(entries, pending, params, '2099-12-31').credits.map((c) => c.credited);

describe('the ceiling, applied in date order against the acquired rights (L6323-11)', () => {
  it('stops at 5,000 € after ten full-time years; the eleventh is lost', () => {
    const result = replay([], years(2019, 2029), params, '2099-12-31');
    expect(result.credits.map((c) => c.credited)).toEqual([...Array(10).fill(50000), 0]);
    expect(result.balances.balance).toBe(500000);
    expect(result.credits[10]!.explanation).toContain('ceiling 5,000.00 € reached');
  });

  it('cuts a credit so the acquired rights reach the ceiling exactly (4,800 € + 500 € → 200 € credited, 300 € lost)', () => {
    const entries: LedgerEntry[] = [{ kind: 'ACQUISITION', amount: 480000, effectiveDate: '2023-04-30' }];
    const [credit] = replay(entries, years(2023, 2023), params, '2099-12-31').credits;
    expect(credit!.credited).toBe(20000);
    expect(credit!.explanation).toContain('so 200.00 € credited and 300.00 € lost');
  });

  it('resumes crediting after spending brings the balance back under the ceiling', () => {
    const entries: LedgerEntry[] = [{ kind: 'ACQUISITION', amount: 500000, effectiveDate: '2023-04-30' }, spend(100000, '2024-02-01')];
    expect(credits(entries, years(2023, 2024))).toEqual([50000, 50000]);
  });

  it('computes a credit against the balance on its own date: a later debit does not make room earlier', () => {
    const entries: LedgerEntry[] = [{ kind: 'ACQUISITION', amount: 500000, effectiveDate: '2023-04-30' }, spend(100000, '2025-06-01')];
    expect(credits(entries, years(2023, 2025))).toEqual([0, 0, 50000]);
  });

  it('stops the low-qualified at 8,000 € (L6323-11-1)', () => {
    const result = replay([], years(2019, 2029, { qualificationLevel: 2 }), params, '2099-12-31');
    expect(result.credits.map((c) => c.credited)).toEqual([...Array(10).fill(80000), 0]);
  });

  it('keeps extra credits outside the ceiling: a correctif on a full account still credits 3,000 € (L6323-13)', () => {
    const entries: LedgerEntry[] = [
      { kind: 'ACQUISITION', amount: 500000, effectiveDate: '2023-04-30' },
      { kind: 'CORRECTIF', amount: 300000, effectiveDate: '2023-06-01' },
    ];
    const result = replay(entries, years(2023, 2023), params, '2099-12-31');
    expect(result.balances).toEqual({ balance: 800000, acquired: 500000, supplementary: 300000 });
    expect(result.credits[0]!.credited).toBe(0);
  });

  it('spends acquired rights first before décret 2025-1156 (arrêté 30 July 2020): room opens for the next credit', () => {
    const entries: LedgerEntry[] = [
      { kind: 'ACQUISITION', amount: 500000, effectiveDate: '2023-04-30' },
      { kind: 'CORRECTIF', amount: 300000, effectiveDate: '2023-06-01' },
      spend(100000, '2025-12-02'),
    ];
    expect(credits(entries, years(2025, 2025))).toEqual([50000]);
  });

  it('spends supplementary rights first from 3 Dec 2025 (décret 2025-1156): acquired rights stay at the ceiling', () => {
    const entries: LedgerEntry[] = [
      { kind: 'ACQUISITION', amount: 500000, effectiveDate: '2023-04-30' },
      { kind: 'CORRECTIF', amount: 300000, effectiveDate: '2023-06-01' },
      spend(100000, '2025-12-03'),
    ];
    expect(credits(entries, years(2025, 2025))).toEqual([0]);
  });

  it('projects a recorded year only from its credit date', () => {
    const posted = [{ kind: 'ACQUISITION' as const, amount: 50000, effectiveDate: '2026-04-30', year: 2025, explanation: '', legalSource: '' }];
    const recorded = [activity(2025), activity(2026)];
    expect(projectedBalance(posted, recorded, params, '2027-04-29')).toBe(50000);
    expect(projectedBalance(posted, recorded, params, '2027-04-30')).toBe(100000);
    expect(yearCredits(posted, recorded, params).map((c) => [c.year, c.amount, c.posted])).toEqual([
      [2025, 50000, true],
      [2026, 50000, false],
    ]);
  });
});

describe('extra credits', () => {
  it.each([
    ['C2P: 2 points on 31 Aug 2023 at 375 €', 'R4163-11', 'C2P' as const, '2023-08-31', 2, 75000],
    ['C2P: 2 points on 1 Sept 2023 at 500 €', 'R4163-11', 'C2P' as const, '2023-09-01', 2, 100000],
    ['abondement correctif', 'L6323-13', 'CORRECTIF' as const, '2024-03-01', undefined, 300000],
    ['work accident with incapacity ≥ 10 %', 'L432-12', 'ATMP' as const, '2024-03-01', undefined, 750000],
  ])('%s (%s)', (_scenario, article, kind, date, points, amount) => {
    const credit = extraCredit(kind, date, params, points);
    expect(credit.amount).toBe(amount);
    expect(credit.legalSource).toContain(article);
  });

  it('refuses a C2P credit without points', () => {
    expect(() => extraCredit('C2P', '2024-01-01', params)).toThrow(/points/);
  });
});
