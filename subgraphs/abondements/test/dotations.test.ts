// Dotations over time (L6323-4 III as amended by décret 2025-341): deadline and refund of unused money.
import { describe, expect, it } from 'vitest';
import { dotationStateOn } from '../src/domain/dotations.ts';
import { buildFundingPlan } from '../src/domain/funding-plan.ts';
import { karim, karimDotation, quote, webDeveloperSession } from './fixtures.ts';

describe('a dotation over time', () => {
  it.each([
    {
      scenario: 'before its deadline, all unused money is usable',
      dotation: { spent: 30_000 },
      date: '2026-12-31',
      expected: { expired: false, usable: 70_000, refundedToFunder: 0 },
    },
    {
      scenario: 'the day after its deadline, unused money goes back to the employer',
      dotation: { spent: 30_000 },
      date: '2027-01-01',
      expected: { expired: true, usable: 0, refundedToFunder: 70_000 },
    },
    {
      scenario: 'after the deadline without a refund clause, nothing goes back and nothing is usable',
      dotation: { refundIfUnused: false },
      date: '2027-01-01',
      expected: { expired: true, usable: 0, refundedToFunder: 0 },
    },
    {
      scenario: 'without a deadline it never expires',
      dotation: { deadline: null, refundIfUnused: false },
      date: '2040-01-01',
      expected: { expired: false, usable: 100_000, refundedToFunder: 0 },
    },
  ])('$scenario', ({ dotation, date, expected }) => {
    expect(dotationStateOn({ ...karimDotation, ...dotation }, date)).toEqual(expected);
  });

  it('is not spent on a session starting after its deadline, and the plan says why', () => {
    const plan = buildFundingPlan({
      person: karim,
      session: { ...webDeveloperSession, startDate: '2027-02-01' },
      quote: quote({ date: '2027-02-01', price: 500_000, balance: 350_000 }),
      today: '2026-11-01',
      rules: [],
      dotations: [karimDotation],
      franceTravailRequests: [],
      holdings: [],
    });
    expect(plan?.abondements).toEqual([]);
    expect(plan?.notes).toContainEqual({
      code: 'DOTATION_EXPIRED',
      message:
        "La dotation du financeur « Employeur de Karim Benali » n'est pas utilisée : son échéance du 31/12/2026 est passée et son reliquat est revenu au financeur (L6323-4 III).",
    });
  });

  it('spends a targeted dotation before an untargeted one (décret 2025-1156: targeted first)', () => {
    const general = { ...karimDotation, id: 'dotation-general', restrictedToCertifications: [], deadline: '2026-06-30', amount: 50_000 };
    const plan = buildFundingPlan({
      person: karim,
      session: webDeveloperSession,
      quote: quote({ price: 500_000, balance: 0 }),
      today: '2026-01-10',
      rules: [],
      dotations: [general, karimDotation],
      franceTravailRequests: [],
      holdings: [],
    });
    expect(plan?.abondements.map((a) => [a.dotation?.id, a.amount])).toEqual([
      ['dotation-karim-rncp37674', 100_000],
      ['dotation-general', 50_000],
    ]);
  });
});
