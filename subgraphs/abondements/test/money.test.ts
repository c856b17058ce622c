import { describe, expect, it } from 'vitest';
import { formatEuros, percentOf } from '../src/domain/money.ts';

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

describe('amounts in French notation', () => {
  it.each([
    { cents: 123_456, words: '1\u00a0234,56\u00a0€' },
    { cents: 10_320, words: '103,20\u00a0€' },
    { cents: 5, words: '0,05\u00a0€' },
    { cents: 123_456_789, words: '1\u00a0234\u00a0567,89\u00a0€' },
    { cents: -80_000, words: '-800,00\u00a0€' },
  ])('$cents cents read $words', ({ cents, words }) => {
    expect(formatEuros(cents)).toBe(words);
  });
});
