// Recommended sessions re-ranked with what they cost the person: 70 % catalog's relevance,
// 30 % affordability (1 / (1 + remaining cost / 1,000 €)). Each case can be computed by hand.
import { describe, expect, it } from 'vitest';
import { affordability, rankByRelevanceAndCost, type RankInput } from '../src/domain/ranking.ts';

describe('affordability', () => {
  it.each([
    [0, 1],
    [100_000, 0.5], // 1,000 € left: half
    [200_000, 1 / 3],
    [10_320, 1 / 1.1032], // only the participation forfaitaire
    [null, 0], // unknown price: no plan, nothing known of the cost
  ])('%s cents left → %s', (remaining, value) => {
    expect(affordability(remaining)).toBeCloseTo(value, 10);
  });
});

describe('rankByRelevanceAndCost', () => {
  const o = (sessionId: string, relevance: number, remainingCost: number | null): RankInput => ({ sessionId, relevance, remainingCost });

  it.each([
    {
      scenario: 'Camille: every plan leaves 0 €, so catalog’s relevance decides',
      options: [o('nantes', 0.74, 0), o('la-roche-jan-11', 0.93, 0), o('la-roche-jan-18', 0.92, 0)],
      max: null,
      expected: [
        ['la-roche-jan-11', 0.951],
        ['la-roche-jan-18', 0.944],
        ['nantes', 0.818],
      ],
    },
    {
      scenario: 'Karim: the distance session leaving 700 € beats the one next door leaving 2,400 € (0.7 × 0.94 + 0.3 / 1.7 > 0.7 × 0.93 + 0.3 / 3.4)',
      options: [o('lyon', 0.93, 240_000), o('distance', 0.94, 70_000)],
      max: null,
      expected: [
        ['distance', 0.8345],
        ['lyon', 0.7392],
      ],
    },
    {
      scenario: 'Karim with at most 1,000 € to pay: only the distance session remains',
      options: [o('lyon', 0.93, 240_000), o('distance', 0.94, 70_000), o('villeurbanne', 0.88, 200_000)],
      max: 100_000,
      expected: [['distance', 0.8345]],
    },
    {
      scenario: 'a session of unknown price comes after a known one of the same relevance, and never passes a cost limit',
      options: [o('unknown-price', 0.9, null), o('free', 0.9, 0)],
      max: null,
      expected: [
        ['free', 0.93],
        ['unknown-price', 0.63],
      ],
    },
    {
      scenario: 'the limit is inclusive, and 0 keeps only what is fully funded',
      options: [o('unknown-price', 0.9, null), o('free', 0.5, 0), o('one-cent', 0.9, 1)],
      max: 0,
      expected: [['free', 0.65]],
    },
    {
      scenario: 'equal ranks: the cheaper first, then the session id',
      options: [o('b', 0.5, 0), o('a', 0.5, 0)],
      max: 0,
      expected: [
        ['a', 0.65],
        ['b', 0.65],
      ],
    },
  ])('$scenario', ({ options, max, expected }) => {
    expect(rankByRelevanceAndCost(options, 10, max).map((r) => [r.option.sessionId, r.rank])).toEqual(expected);
  });

  it('returns at most `first`', () => {
    const options = Array.from({ length: 12 }, (_, i) => o(`s${i}`, i / 12, 0));
    expect(rankByRelevanceAndCost(options, 5).map((r) => r.option.sessionId)).toEqual(['s11', 's10', 's9', 's8', 's7']);
  });
});
