// Money is integer euro cents. A pro-rata credit is computed exactly (BigInt fractions) and
// rounded the way its article says: "arrondi à la deuxième décimale, au centime d'euro
// supérieur" (R6323-1 II for employees, R6323-22 for the self-employed), i.e. up, never half up.

/** An exact non-negative fraction. */
export interface Fraction {
  num: bigint;
  den: bigint;
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));

export function fraction(num: number | bigint, den: number | bigint): Fraction {
  const n = BigInt(num);
  const d = BigInt(den);
  if (n < 0n || d <= 0n) throw new RangeError(`${n}/${d} is not a non-negative fraction`);
  const g = gcd(n, d) || 1n;
  return { num: n / g, den: d / g };
}

export const ZERO: Fraction = { num: 0n, den: 1n };

export const addFractions = (a: Fraction, b: Fraction): Fraction => fraction(a.num * b.den + b.num * a.den, a.den * b.den);

/** a ≥ b, exactly. */
export const atLeast = (a: Fraction, b: Fraction): boolean => a.num * b.den >= b.num * a.den;

/** cents × share, rounded up to the next cent when it has decimals (R6323-1 II, R6323-22). */
export function centsTimesRoundedUp(cents: number, share: Fraction): number {
  if (!Number.isSafeInteger(cents) || cents < 0) throw new RangeError(`${cents} is not an amount of cents`);
  const product = BigInt(cents) * share.num;
  return Number((product + share.den - 1n) / share.den);
}

/** A share as a French percentage with at most two decimals, for explanations: "49,78 %". */
export function percentText(share: Fraction): string {
  const hundredths = Number((share.num * 10000n * 2n + share.den) / (2n * share.den));
  const whole = Math.floor(hundredths / 100);
  const decimals = hundredths % 100;
  return `${whole}${decimals === 0 ? '' : `,${String(decimals).padStart(2, '0').replace(/0$/, '')}`}\u00a0%`;
}

const grouped = (whole: number) => String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');

/** 123456 → "1 234,56 €", the French way (non-breaking spaces, so an amount never wraps). */
export function formatEuros(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${grouped(Math.floor(abs / 100))},${String(abs % 100).padStart(2, '0')}\u00a0€`;
}

/** 1607 → "1 607", 803.5 → "803,5": a count or a number of hours, the French way. */
export function formatNumber(value: number): string {
  const [whole, decimals] = String(value).split('.');
  return `${grouped(Number(whole))}${decimals ? `,${decimals}` : ''}`;
}

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** "2025-12-05" → "5 décembre 2025"; the first of a month is "1er". */
export function formatDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return `${day === 1 ? '1er' : day} ${MONTHS[month - 1]} ${year}`;
}
