import { describe, expect, it } from 'vitest';
import { percentOf } from '../src/domain/money.ts';

describe('percentages in basis points, rounded to the cent', () => {
  it.each([
    { cents: 123_457, bp: 5000, rounding: 'DOWN', expected: 61_728 },
    { cents: 123_457, bp: 5000, rounding: 'HALF_UP', expected: 61_729 },
    { cents: 123_457, bp: 5000, rounding: 'UP', expected: 61_729 },
    { cents: 100_001, bp: 3333, rounding: 'HALF_UP', expected: 33_330 },
    { cents: 100_001, bp: 3333, rounding: 'UP', expected: 33_331 },
    { cents: 150_000, bp: 5000, rounding: 'UP', expected: 75_000 },
    { cents: 9_007_199_254_740_991, bp: 10_000, rounding: 'DOWN', expected: 9_007_199_254_740_991 },
  ] as const)('$bp bp of $cents rounded $rounding = $expected', ({ cents, bp, rounding, expected }) => {
    expect(percentOf(cents, bp, rounding)).toBe(expected);
  });
});
