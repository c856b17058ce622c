import { describe, expect, it } from 'vitest';
import { Parameters, ParameterError } from '../src/domain/parameters.ts';
import { params } from './helpers.ts';

const entry = (over: Record<string, unknown> = {}) => ({
  id: 'participation.amount',
  value: 10000,
  validFrom: '2024-05-02',
  validUntil: null,
  source: 'L6323-4',
  ...over,
});

describe('law parameters are data, validated at load', () => {
  it('loads the committed file, every entry with a legal source', () => {
    expect(params.all().length).toBeGreaterThan(25);
    for (const p of params.all()) expect(p.source.length).toBeGreaterThan(3);
  });

  it.each([
    ['2024-05-01', 0],
    ['2024-05-02', 10000],
    ['2024-12-31', 10000],
    ['2025-01-01', 10223],
    ['2026-01-01', 10320],
  ])('participation forfaitaire in force on %s is %i cents (L6323-4)', (date, cents) => {
    expect(params.at('participation.amount', date).value).toBe(cents);
  });

  it('has no spending cap for RS before décret 2026-127 took effect on 2026-02-26', () => {
    expect(params.find('spendingCap.RS', '2026-02-25')).toBeUndefined();
    expect(params.at('spendingCap.RS', '2026-02-26').value).toBe(150000);
  });

  it('takes a new decree as a data change: a later entry changes the value from its date', () => {
    const amended = new Parameters([entry({ validUntil: '2026-12-31' }), entry({ value: 15000, validFrom: '2027-01-01', source: 'hypothetical decree' })]);
    expect(amended.at('participation.amount', '2026-12-31').value).toBe(10000);
    expect(amended.at('participation.amount', '2027-01-01').value).toBe(15000);
  });

  it.each([
    ['an unknown id', entry({ id: 'participation.amout' }), /unknown id/],
    ['a float amount', entry({ value: 102.23 }), /not a valid cents/],
    ['a missing source', entry({ source: ' ' }), /legal source/],
    ['a bad date', entry({ validFrom: '2024-02-30' }), /validFrom/],
    ['an end before the start', entry({ validUntil: '2024-01-01' }), /validUntil/],
  ])('refuses %s', (_what, bad, message) => {
    expect(() => new Parameters([bad])).toThrow(message);
  });

  it('refuses overlapping periods of one parameter', () => {
    expect(() => new Parameters([entry(), entry({ validFrom: '2025-01-01' })])).toThrow(ParameterError);
  });

  it('says so when no value is in force', () => {
    expect(() => new Parameters([entry()]).at('participation.amount', '2020-01-01')).toThrow(/no value of participation.amount in force on 2020-01-01/);
  });
});
