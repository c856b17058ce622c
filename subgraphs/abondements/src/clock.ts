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

/** The calendar day in France: rules and deadlines are French dates. */
export const frenchDate = (instant: Date): string => parisDate.format(instant);
