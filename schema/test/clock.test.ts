import { describe, expect, it } from 'vitest';
import { clockFromEnv, parisDate, parseClockNow, pinClock } from '../src/clock.ts';

describe('parisDate', () => {
  it('changes day at midnight in Paris, winter and summer, even when asked again within the minute', () => {
    const at = (iso: string) => parisDate(new Date(iso));
    expect(at('2026-01-10T22:59:00.000Z')).toBe('2026-01-10');
    expect(at('2026-01-10T22:59:59.999Z')).toBe('2026-01-10');
    expect(at('2026-01-10T23:00:00.000Z')).toBe('2026-01-11');
    expect(at('2026-01-10T23:00:30.000Z')).toBe('2026-01-11');
    expect(at('2026-07-10T21:59:59.999Z')).toBe('2026-07-10');
    expect(at('2026-07-10T22:00:00.000Z')).toBe('2026-07-11');
    expect(at('2026-03-29T00:59:59.000Z')).toBe('2026-03-29');
    expect(at('2026-10-24T21:59:59.000Z')).toBe('2026-10-24');
    expect(at('2026-10-24T22:00:00.000Z')).toBe('2026-10-25');
    expect(() => parisDate(new Date('not a date'))).toThrow(RangeError);
  });
});

describe('CLOCK_NOW', () => {
  it('pins the start: 00:30 in Paris on 5 December 2025 is already the 5th, while UTC still says the 4th', () => {
    const clock = clockFromEnv({ CLOCK_NOW: '2025-12-04T23:30:00Z' });
    expect(clock.now().toISOString().slice(0, 10)).toBe('2025-12-04');
    expect(clock.today()).toBe('2025-12-05');
  });

  it('takes a plain date as that day in Paris, and runs on from the pinned instant', async () => {
    const clock = clockFromEnv({ CLOCK_NOW: '2026-11-25' });
    expect(clock.today()).toBe('2026-11-25');
    const first = clock.now().getTime();
    await new Promise((resolve) => setTimeout(resolve, 15));
    expect(clock.now().getTime()).toBeGreaterThan(first);
  });

  it('gives processes started at different moments the same time when pinned together', async () => {
    const env = pinClock({ CLOCK_NOW: '2026-11-25T09:00:00Z' });
    const first = clockFromEnv(env);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const later = clockFromEnv(env);
    expect(Math.abs(first.now().getTime() - later.now().getTime())).toBeLessThan(5);
    expect(pinClock(env)).toBe(env);
    expect(pinClock({ PORT: '1' })).toEqual({ PORT: '1' });
  });

  it('refuses what is not a date or an instant, naming the variable', () => {
    expect(() => parseClockNow('2026-02-30')).toThrow(/CLOCK_NOW/);
    expect(() => parseClockNow('tomorrow')).toThrow(/CLOCK_NOW/);
  });

  it('is the system clock when unset', () => {
    const clock = clockFromEnv({});
    expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(1000);
  });
});
