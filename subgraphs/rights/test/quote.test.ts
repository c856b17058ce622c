import { describe, expect, it } from 'vitest';
import { quote, type QuoteRequest } from '../src/domain/quote.ts';
import { params } from './helpers.ts';

const employee = (over: Partial<QuoteRequest> = {}): QuoteRequest => ({
  date: '2025-03-01',
  price: 200000,
  balance: 300000,
  status: 'EMPLOYEE',
  hasDrivingLicence: false,
  kind: 'RNCP',
  ...over,
});

describe('participation forfaitaire (L6323-4)', () => {
  it.each([
    ['none before 2 May 2024', '2024-05-01', 0, false, 'décret 2024-394'],
    ['100 € from 2 May 2024', '2024-05-02', 10000, true, 'décret 2024-394'],
    ['102.23 € in 2025', '2025-03-01', 10223, true, 'arrêté du 26 décembre 2024'],
    ['103.20 € in 2026', '2026-03-01', 10320, true, 'arrêté du 30 décembre 2025'],
  ])('an employee pays %s', (_scenario, date, amount, due, source) => {
    const { participation } = quote(employee({ date }), params);
    expect(participation).toMatchObject({ amount, due });
    expect(participation.legalSource).toContain(source);
  });

  it.each([
    ['a job seeker', { status: 'JOB_SEEKER' as const }, 'job seeker (L6323-4)'],
    ['an employer top-up', { topUpFrom: ['EMPLOYER'] }, 'top-up from the employer (L6323-4)'],
    ['an OPCO top-up', { topUpFrom: ['REGION', 'OPCO'] }, 'top-up from the opco (L6323-4)'],
    ['C2P points used for a career change', { fundedWith: ['C2P_CAREER_CHANGE' as const] }, 'C2P points used for a career change (L6323-4)'],
    ['an AT/MP credit', { fundedWith: ['ATMP' as const] }, 'AT/MP credit (L6323-4, CSS L432-12)'],
  ])('is waived for %s', (_scenario, over, reason) => {
    const { participation } = quote(employee(over), params);
    expect(participation).toMatchObject({ due: false, exemptionReason: reason, amount: 10223 });
  });

  it('is not waived by a Région top-up (only EMPLOYER and OPCO exempt)', () => {
    const { participation } = quote(employee({ topUpFrom: ['REGION'] }), params);
    expect(participation).toMatchObject({ due: true, exemptWithTopUpFrom: ['EMPLOYER', 'OPCO'] });
  });
});

describe('what the holder’s own rights cover', () => {
  it('stops at the price less the participation due (2025: 1,200 € − 102.23 €)', () => {
    expect(quote(employee({ price: 120000, balance: 500000 }), params).coveredByRights).toBe(109777);
  });

  it('stops at the balance when it is lower', () => {
    expect(quote(employee({ balance: 30000 }), params).coveredByRights).toBe(30000);
  });

  it('covers the whole price for an exempt job seeker', () => {
    expect(quote(employee({ status: 'JOB_SEEKER', price: 120000, balance: 500000 }), params).coveredByRights).toBe(120000);
  });
});

describe('spending caps by kind of training (D6323-1 A, décret 2026-127, from 26 Feb 2026)', () => {
  it.each([
    ['RS on 2026-03-01: 1,500 €', 'RS' as const, '2026-03-01', 150000, 150000],
    ['RS the day before the decree: no cap', 'RS' as const, '2026-02-25', null, 200000 - 10320],
    ['CléA is no RS cap', 'CLEA' as const, '2026-03-01', null, 200000 - 10320],
    ['bilan de compétences: 1,600 €', 'BILAN_COMPETENCES' as const, '2026-03-01', 160000, 160000],
    ['an RNCP title: no cap', 'RNCP' as const, '2026-03-01', null, 200000 - 10320],
  ])('%s', (_scenario, kind, date, cap, covered) => {
    const q = quote(employee({ kind, date }), params);
    expect(q.spendingCap).toBe(cap);
    expect(q.coveredByRights).toBe(covered);
    if (cap !== null) expect(q.spendingCapSource).toContain('D6323-1 A');
  });
});

describe('eligibility', () => {
  it('refuses the light-vehicle licence to an employee without co-funding from 26 Feb 2026 (D6323-1 A)', () => {
    const q = quote(employee({ kind: 'DRIVING_LICENCE_B', date: '2026-03-01', price: 150000 }), params);
    expect(q).toMatchObject({ eligible: false, coveredByRights: 0, spendingCap: 90000 });
    expect(q.ineligibilityReason).toContain('only for job seekers or with a third-party co-funding');
  });

  it('accepts it for a co-funded employee, capped at 900 €', () => {
    const q = quote(employee({ kind: 'DRIVING_LICENCE_B', date: '2026-03-01', price: 150000, coFunded: true }), params);
    expect(q).toMatchObject({ eligible: true, coveredByRights: 90000 });
  });

  it('accepts it for a job seeker without a licence, capped at 900 €, participation waived', () => {
    const q = quote(employee({ kind: 'DRIVING_LICENCE_B', date: '2026-03-01', price: 150000, status: 'JOB_SEEKER' }), params);
    expect(q).toMatchObject({ eligible: true, coveredByRights: 90000, participation: { due: false } });
  });

  it('refuses it to a holder who already has a valid licence, since 19 May 2024', () => {
    const q = quote(employee({ kind: 'DRIVING_LICENCE_B', date: '2024-06-01', status: 'JOB_SEEKER', hasDrivingLicence: true }), params);
    expect(q.eligible).toBe(false);
    expect(q.ineligibilityReason).toContain('already has a valid driving licence');
    expect(quote(employee({ kind: 'DRIVING_LICENCE_B', date: '2024-05-18', status: 'JOB_SEEKER', hasDrivingLicence: true }), params).eligible).toBe(true);
  });

  it('accepts it for an employee without co-funding before 26 Feb 2026', () => {
    expect(quote(employee({ kind: 'DRIVING_LICENCE_B', date: '2025-06-01' }), params).eligible).toBe(true);
  });

  it('refuses a training leading to no eligible certification (L6323-6)', () => {
    const q = quote(employee({ kind: 'OTHER' }), params);
    expect(q).toMatchObject({ eligible: false, coveredByRights: 0 });
    expect(q.ineligibilityReason).toContain('L6323-6');
  });
});

describe('ordering date', () => {
  it('refuses a session that has already started: it can no longer be ordered (CPF general terms: an order precedes the session)', () => {
    const q = quote(employee({ date: '2026-11-25', sessionStart: '2026-11-02' }), params);
    expect(q).toMatchObject({ eligible: false, coveredByRights: 0 });
    expect(q.ineligibilityReason).toContain('2026-11-02');
  });

  it('quotes a session starting later with the rules of the ordering day', () => {
    const q = quote(employee({ date: '2026-11-25', sessionStart: '2027-01-11' }), params);
    expect(q.eligible).toBe(true);
    expect(q.participation.amount).toBe(10320);
  });
});
