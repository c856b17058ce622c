import { describe, expect, it } from 'vitest';
import { yearEntitlement } from '../src/domain/acquisition.ts';
import { projectedBalance, yearCredits } from '../src/domain/account.ts';
import { extraCredit, ExtraCreditError, replay, type LedgerEntry } from '../src/domain/ledger.ts';
import { activity, params, plain } from './helpers.ts';

const years = (from: number, to: number, facts = {}) => Array.from({ length: to - from + 1 }, (_, i) => yearEntitlement(activity(from + i, facts), params));
const spend = (amount: number, effectiveDate: string): LedgerEntry => ({ kind: 'DEBIT', amount: -amount, effectiveDate });
const credits = (entries: LedgerEntry[], pending: ReturnType<typeof years>) => replay(entries, pending, params, '2099-12-31').credits.map((c) => c.credited);

describe('the ceiling, applied in date order against the acquired rights (L6323-11)', () => {
  it('stops at 5,000 € after ten full-time years; the eleventh is lost', () => {
    const result = replay([], years(2019, 2029), params, '2099-12-31');
    expect(result.credits.map((c) => c.credited)).toEqual([...Array(10).fill(50000), 0]);
    expect(result.balances.balance).toBe(500000);
    expect(plain(result.credits[10]!.explanation)).toContain('plafond de 5 000,00 € atteint');
  });

  it('cuts a credit so the acquired rights reach the ceiling exactly (4,800 € + 500 € → 200 € credited, 300 € lost)', () => {
    const entries: LedgerEntry[] = [{ kind: 'ACQUISITION', amount: 480000, effectiveDate: '2023-04-30' }];
    const [credit] = replay(entries, years(2023, 2023), params, '2099-12-31').credits;
    expect(credit!.credited).toBe(20000);
    expect(plain(credit!.explanation)).toContain('200,00 € inscrits et 300,00 € perdus (L6323-11)');
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

  // Décret 2025-1156 of 3 Dec 2025, published on 4 Dec: « le texte entre en vigueur le lendemain de sa publication ».
  // A debit spends the pots in the order in force on its own day; spending acquired rights opens room under the ceiling.
  it.each([
    ['3 Dec 2025, the day the decree was signed: still the 2020 order (arrêté 30 juillet 2020)', '2025-12-03', [50000]],
    ['4 Dec 2025, the day it was published: still the 2020 order', '2025-12-04', [50000]],
    ['5 Dec 2025, its entry into force: supplementary rights first, acquired rights stay at the ceiling', '2025-12-05', [0]],
  ])('a debit of 1,000 € on %s', (_scenario, date, expected) => {
    const entries: LedgerEntry[] = [
      { kind: 'ACQUISITION', amount: 500000, effectiveDate: '2023-04-30' },
      { kind: 'CORRECTIF', amount: 300000, effectiveDate: '2023-06-01' },
      spend(100000, date),
    ];
    expect(credits(entries, years(2025, 2025))).toEqual(expected);
  });

  it('keeps an APC abondement outside the ceiling, like the other extra credits (R6323-3-2)', () => {
    const entries: LedgerEntry[] = [
      { kind: 'ACQUISITION', amount: 500000, effectiveDate: '2023-04-30' },
      { kind: 'APC', amount: 350000, effectiveDate: '2024-02-01' },
    ];
    expect(replay(entries, [], params, '2099-12-31').balances).toEqual({ balance: 850000, acquired: 500000, supplementary: 350000 });
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
  const correctif = (firmHeadcount: number, interviewsHeld = false, nonMandatoryTraining = false) => ({
    correctif: { firmHeadcount, interviewsHeld, nonMandatoryTraining },
  });

  it.each([
    ['C2P: 2 points on 31 Aug 2023 at 375 €', 'R4163-11', 'C2P' as const, '2023-08-31', { c2pPoints: 2 }, 75000],
    ['C2P: 2 points on 1 Sept 2023 at 500 €', 'R4163-11', 'C2P' as const, '2023-09-01', { c2pPoints: 2 }, 100000],
    [
      'abondement correctif: 120 employees, interviews missed, no non-mandatory training',
      'L6323-13',
      'CORRECTIF' as const,
      '2024-03-01',
      correctif(120),
      300000,
    ],
    ['abondement correctif at exactly 50 employees ("au moins cinquante salariés")', 'L6315-1', 'CORRECTIF' as const, '2024-03-01', correctif(50), 300000],
    ['work accident with incapacity ≥ 10 %', 'L432-12', 'ATMP' as const, '2024-03-01', {}, 750000],
    ['dismissal after refusing a collective performance agreement: the legal minimum', 'R6323-3-2', 'APC' as const, '2024-03-01', { amount: 300000 }, 300000],
    ['dismissal after refusing an APC: the agreement gives more', 'R6323-3-2', 'APC' as const, '2024-03-01', { amount: 450000 }, 450000],
  ])('%s (%s)', (_scenario, article, kind, date, facts, amount) => {
    const credit = extraCredit(kind, date, params, facts);
    expect(credit.amount).toBe(amount);
    expect(credit.legalSource).toContain(article);
  });

  it.each([
    ['a C2P credit without points', 'C2P' as const, '2024-01-01', {}, 'FACTS_MISSING', /nombre entier de points/],
    ['a correctif without its facts', 'CORRECTIF' as const, '2024-01-01', {}, 'FACTS_MISSING', /effectif de l'entreprise/],
    [
      'a correctif in a firm of 49 (L6315-1 II: « au moins cinquante salariés »)',
      'CORRECTIF' as const,
      '2024-01-01',
      correctif(49),
      'FIRM_TOO_SMALL',
      /l'entreprise compte 49 salariés, il n'est dû que dans les entreprises d'au moins 50 salariés \(L6315-1 II\)/,
    ],
    [
      'a correctif when the interviews were held',
      'CORRECTIF' as const,
      '2024-01-01',
      correctif(200, true),
      'INTERVIEWS_HELD',
      /entretiens professionnels prévus sur la période de 6 ans ont eu lieu/,
    ],
    [
      'a correctif when a non-mandatory training was given',
      'CORRECTIF' as const,
      '2024-01-01',
      correctif(200, false, true),
      'TRAINING_GIVEN',
      /au moins une formation non obligatoire/,
    ],
    ['an APC abondement below 3,000 €', 'APC' as const, '2024-01-01', { amount: 299999 }, 'BELOW_MINIMUM', /2 999,99 € est moins que le minimum de 3 000,00 €/],
  ])('refuses %s, in French with a code', (_what, kind, date, facts, code, message) => {
    let refusal: unknown;
    try {
      extraCredit(kind, date, params, facts);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(ExtraCreditError);
    expect((refusal as ExtraCreditError).code).toBe(code);
    expect(plain((refusal as ExtraCreditError).message)).toMatch(message);
  });

  it('says the review period of the interviews is 8 years, to be confirmed, after loi 2025-989 (L6315-1 as amended, status reported)', () => {
    expect(() => extraCredit('CORRECTIF', '2025-10-26', params, correctif(200, true))).toThrow(/période de 8 ans \(durée rapportée, à confirmer\)/);
    expect(() => extraCredit('CORRECTIF', '2025-10-25', params, correctif(200, true))).toThrow(/période de 6 ans ont eu lieu/);
  });
});
