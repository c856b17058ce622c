// Money is integer euro cents; the only division rounds to the cent, half up.

/** round(numerator / denominator) to the nearest cent, halves away from zero (both non-negative). */
export function divideHalfUp(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator <= 0 || numerator < 0) {
    throw new RangeError(`cannot divide ${numerator} by ${denominator} exactly`);
  }
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

/** 123456 → "1,234.56 €" (for explanations an adviser can read aloud). */
export function formatEuros(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const euros = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}${euros}.${String(abs % 100).padStart(2, '0')} €`;
}
