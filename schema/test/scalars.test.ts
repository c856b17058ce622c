import { describe, expect, it } from 'vitest';
import { CentsScalar, DateScalar, isIsoDate } from '../src/scalars.ts';

describe('Cents', () => {
  it.each([0, 12345, 5_100_000_000])('accepts the integer %d', (value) => {
    expect(CentsScalar.parseValue(value)).toBe(value);
  });
  it.each([12.5, '100', Number.MAX_SAFE_INTEGER + 2])('refuses %s', (value) => {
    expect(() => CentsScalar.parseValue(value)).toThrow(/Cents/);
  });
});

describe('Date', () => {
  it.each([
    ['2026-02-28', true],
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['20260228', false],
    ['2026-13-01', false],
  ])('%s is a date: %s', (value, ok) => {
    expect(isIsoDate(value)).toBe(ok);
    if (!ok) expect(() => DateScalar.parseValue(value)).toThrow(/YYYY-MM-DD/);
  });
});
