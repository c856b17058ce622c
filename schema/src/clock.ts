// One clock for every process. French law days are Paris days: a rule, a deadline or a
// parameter applies from midnight in Paris, not in UTC. CLOCK_NOW pins the instant in tests and
// demos (an ISO instant, or a date meaning noon in Paris) as of CLOCK_NOW_SET_AT (epoch ms; the
// process start when absent); the clock then runs on from there, so timestamps still order
// events, and processes given the same two values agree to the millisecond.
import { isIsoDate } from './scalars.ts';

export interface Clock {
  now: () => Date;
  /** The calendar day in Paris now, YYYY-MM-DD. */
  today: () => string;
}

const parisFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });

let lastDay: { minute: number; date: string } | undefined;

/**
 * The calendar day in Paris of an instant. Intl formatting is slow and hot paths ask for it,
 * so the last answer is kept for its minute: Paris is a whole number of hours from UTC, so its
 * days change only on a minute boundary.
 */
export function parisDate(instant: Date): string {
  const minute = Math.floor(instant.getTime() / 60_000);
  if (Number.isNaN(minute)) throw new RangeError('parisDate: invalid instant');
  if (lastDay?.minute !== minute) lastDay = { minute, date: parisFormat.format(instant) };
  return lastDay.date;
}

/** A clock read from `now` (tests move it by hand). */
export const clockOf = (now: () => Date): Clock => ({ now, today: () => parisDate(now()) });

/** A clock that reads `start` at the real instant `setAt` and runs at the speed of the system clock. */
export function clockFrom(start: Date, setAt = Date.now()): Clock {
  const offset = start.getTime() - setAt;
  return clockOf(() => new Date(Date.now() + offset));
}

export const systemClock: Clock = clockOf(() => new Date());

/** CLOCK_NOW: "2026-11-25" (noon in Paris that day) or an ISO instant "2025-12-04T23:30:00Z". */
export function parseClockNow(value: string): Date {
  // Noon UTC is 13:00 or 14:00 in Paris: the same calendar day whatever the season.
  const instant = isIsoDate(value) ? new Date(`${value}T12:00:00Z`) : /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(instant.getTime())) throw new Error(`CLOCK_NOW must be a date (YYYY-MM-DD) or an ISO instant, got "${value}"`);
  return instant;
}

export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): Clock {
  if (!env.CLOCK_NOW) return systemClock;
  const setAt = env.CLOCK_NOW_SET_AT ? Number(env.CLOCK_NOW_SET_AT) : Date.now();
  if (!Number.isSafeInteger(setAt)) throw new Error(`CLOCK_NOW_SET_AT must be epoch milliseconds, got "${env.CLOCK_NOW_SET_AT}"`);
  return clockFrom(parseClockNow(env.CLOCK_NOW), setAt);
}

/** The environment with CLOCK_NOW (if any) fixed to this instant, for every process started with it. */
export function pinClock<E extends Record<string, string | undefined>>(env: E): E {
  return env.CLOCK_NOW && !env.CLOCK_NOW_SET_AT ? { ...env, CLOCK_NOW_SET_AT: String(Date.now()) } : env;
}
