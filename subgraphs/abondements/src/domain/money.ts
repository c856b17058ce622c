// Exact money: integer cents, percentages in basis points, one rounding rule per computation.
import type { Rounding } from './types.ts';

/** `basisPoints` of `cents` (5000 = 50 %), rounded to the cent as the rule says. */
export function percentOf(cents: number, basisPoints: number, rounding: Rounding): number {
  // BigInt keeps the product exact for any amount the Cents scalar accepts.
  const product = BigInt(cents) * BigInt(basisPoints);
  const whole = product / 10000n;
  const rest = product % 10000n;
  if (rest === 0n) return Number(whole);
  switch (rounding) {
    case 'DOWN':
      return Number(whole);
    case 'UP':
      return Number(whole + 1n);
    case 'HALF_UP':
      return Number(rest * 2n >= 10000n ? whole + 1n : whole);
  }
}

/** French notation, as advisers and holders read it: 1 234,56 € (no-break spaces). */
export const formatEuros = (cents: number): string => {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const euros = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  return `${sign}${euros},${String(abs % 100).padStart(2, '0')}\u00a0€`;
};

/** A day as French readers write it: 02/03/2026. */
export const formatDay = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
