import { describe, expect, it } from 'vitest';
import { frenchDate } from '../src/clock.ts';

describe('frenchDate', () => {
  it('changes day at midnight in Paris, winter and summer, even when asked again within the minute', () => {
    const at = (iso: string) => frenchDate(new Date(iso));
    expect(at('2026-01-10T22:59:00.000Z')).toBe('2026-01-10');
    expect(at('2026-01-10T22:59:59.999Z')).toBe('2026-01-10');
    expect(at('2026-01-10T23:00:00.000Z')).toBe('2026-01-11');
    expect(at('2026-01-10T23:00:30.000Z')).toBe('2026-01-11');
    expect(at('2026-07-10T21:59:59.999Z')).toBe('2026-07-10');
    expect(at('2026-07-10T22:00:00.000Z')).toBe('2026-07-11');
    expect(at('2026-03-29T00:59:59.000Z')).toBe('2026-03-29');
    expect(at('2026-10-24T21:59:59.000Z')).toBe('2026-10-24');
    expect(at('2026-10-24T22:00:00.000Z')).toBe('2026-10-25');
    expect(() => frenchDate(new Date('not a date'))).toThrow(RangeError);
  });
});
