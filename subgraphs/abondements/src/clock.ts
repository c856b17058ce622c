// The time the service believes it is: the system clock, or CLOCK_NOW (ISO instant) in tests and demos.
export interface Clock {
  now: () => Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): Clock {
  const fixed = env.CLOCK_NOW;
  if (!fixed) return systemClock;
  const instant = new Date(fixed);
  if (Number.isNaN(instant.getTime())) throw new Error(`CLOCK_NOW must be an ISO instant, got ${fixed}`);
  return { now: () => instant };
}

const parisDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });

let lastDay: { minute: number; date: string } | undefined;

/**
 * The calendar day in France: rules and deadlines are French dates. Every funding plan asks for
 * it and Intl formatting is slow, so the last answer is kept for its (UTC) minute: Paris is a
 * whole number of hours from UTC, so its days change only on a minute boundary.
 */
export const frenchDate = (instant: Date): string => {
  const minute = Math.floor(instant.getTime() / 60_000);
  if (lastDay?.minute !== minute) lastDay = { minute, date: parisDate.format(instant) };
  return lastDay.date;
};
