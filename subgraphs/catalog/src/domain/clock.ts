import { isIsoDate } from '@formations/schema/scalars';

/** "Today" for recruitment and start-date rules: CATALOG_TODAY (tests, demos) or the real date. */
export function today(env: NodeJS.ProcessEnv = process.env, now: Date = new Date()): string {
  const fixed = env.CATALOG_TODAY;
  if (fixed) {
    if (!isIsoDate(fixed)) throw new Error(`CATALOG_TODAY must be a date YYYY-MM-DD, got "${fixed}"`);
    return fixed;
  }
  return now.toISOString().slice(0, 10);
}
