// A partial completion, from tables quoting the rule (domain/completion.ts): what the organisation is
// owed for the hours attended, and what goes back to each payer.
import { describe, expect, it } from 'vitest';
import { amountDue, completionParameterOn, paidShare, settle } from '../src/domain/completion.ts';

const rule = completionParameterOn('2026-11-25');

describe('what the organisation is owed', () => {
  it('the rule in force says where it comes from', () => {
    expect(rule.source).toMatch(/inférieure à 25 %.*25 % du coût/);
    expect(rule.source).toMatch(/entre 25 % et 80 %.*prorata/);
    expect(rule.source).toMatch(/80 % ou plus, 100 %/);
    expect(() => completionParameterOn('2019-01-01')).toThrow(RangeError);
  });

  it.each([
    // rate, share owed, the terms say
    [0, 25, '"avec une assiduité inférieure à 25 %, l\'organisme recevra 25 % du coût": even with no hour attended'],
    [10, 25, 'below 25 %: 25 % of the price'],
    [24, 25, 'below 25 %: 25 % of the price'],
    [25, 25, '"entre 25 % et 80 %": prorata of the hours'],
    [50, 50, 'prorata of the hours'],
    [79, 79, 'prorata of the hours'],
    [80, 100, '"80 % ou plus, 100 % du coût de la commande"'],
    [100, 100, 'all attended'],
  ])('%s %% attended: %s %% of the price is owed (%s)', (rate, share) => {
    expect(paidShare(rate, rule)).toBe(share);
  });

  const aif = completionParameterOn('2026-11-25', 'AIF');
  it.each([
    // rate, share owed: France Travail pays the hours done (its rule is marked reported: our reading, to confirm)
    [0, 0, 'no hour attended, nothing owed: no floor'],
    [10, 10, 'pro rata'],
    [79, 79, 'pro rata'],
    [95, 95, 'no 80 % threshold: still pro rata'],
    [100, 100, 'all attended'],
  ])('AIF: %s %% attended, %s %% of the price owed (%s)', (rate, share) => {
    expect(aif.status).toBe('reported');
    expect(aif.source).toMatch(/à la fin du stage après production de certains justificatifs/);
    expect(paidShare(rate, aif)).toBe(share);
  });

  it.each([
    [320_000, 50, 160_000, 'half of 3,200 €'],
    [123_457, 33, 40_740, '33 % of 1,234.57 € is 407.4081 €: rounded down to 407.40 €'],
    [99_999, 79, 78_999, '789.9921 €: rounded down to 789.99 €'],
    [100_001, 10, 25_000, '25 % of 1,000.01 € is 250.0025 €: 250.00 €'],
  ])('a price of %s cents at %s %%: %s cents owed (%s)', (price, rate, due) => {
    expect(amountDue(price, rate, rule)).toBe(due);
  });

  it.each([-1, 101, 50.5])('a completion rate of %s is refused', (rate) => {
    expect(() => paidShare(rate, rule)).toThrow(RangeError);
  });
});

describe('who pays it: the spending order of décret 2025-1156, what was not owed goes back from the other end', () => {
  const parts = [
    { kind: 'DOTATION' as const, amount: 10_000 },
    { kind: 'CPF_RIGHTS' as const, amount: 30_000 },
    { kind: 'TOP_UP' as const, amount: 160_000 },
    { kind: 'TOP_UP' as const, amount: 120_000 },
  ];
  it.each([
    // rate, owed, kept per part (dotation, CPF, top-up 1, top-up 2), the holder's 0 € back
    [100, 320_000, [10_000, 30_000, 160_000, 120_000], 'all attended: every payer pays all'],
    [50, 160_000, [10_000, 30_000, 120_000, 0], 'half: the last top-up goes back whole, the first in part'],
    [10, 80_000, [10_000, 30_000, 40_000, 0], 'below 25 %: 25 % is owed'],
    [25, 80_000, [10_000, 30_000, 40_000, 0], '25 %'],
  ])('%s %% attended of 3,200 €: %s cents owed, kept %j (%s)', (rate, due, kept) => {
    const s = settle(parts, 0, 320_000, rate, rule);
    expect(s).toEqual({ due, kept, remainingCostRefund: 0 });
    expect(s.kept.reduce((a, b) => a + b, 0)).toBe(due);
  });

  it("the holder's own payment is the last spent, so the first given back", () => {
    // 1,000 € session: 300 € of CPF rights, 700 € paid by the holder; 40 % attended: 400 € owed.
    expect(settle([{ kind: 'CPF_RIGHTS', amount: 30_000 }], 70_000, 100_000, 40, rule)).toEqual({ due: 40_000, kept: [30_000], remainingCostRefund: 60_000 });
    // 20 % attended: 250 € owed, all from the rights; the holder gets all 700 € back and 50 € of rights are refunded.
    expect(settle([{ kind: 'CPF_RIGHTS', amount: 30_000 }], 70_000, 100_000, 20, rule)).toEqual({ due: 25_000, kept: [25_000], remainingCostRefund: 70_000 });
  });
});
