// Recommended sessions re-ranked with what they would cost the person. Pure: catalog gives the
// relevance (job, gap closed, nearness, start), this file adds the money.

export interface RankInput {
  sessionId: string;
  /** The catalog's relevance, 0 … 1 (TrainingOption.score). */
  relevance: number;
  /** What the holder pays under the funding plan (FundingPlan.remainingCost); null when the price is unknown. */
  remainingCost: number | null;
}

export interface Ranked<T extends RankInput> {
  option: T;
  /** 0 … 1: RELEVANCE_WEIGHT × relevance + (1 − RELEVANCE_WEIGHT) × affordability. */
  rank: number;
}

/** Share of the final order decided by relevance; the rest by what remains to pay. */
export const RELEVANCE_WEIGHT = 0.7;
/** Remaining cost (cents) at which affordability is worth half: 1,000 €. */
export const HALF_AFFORDABLE_COST = 100_000;

/** 1 when nothing remains to pay, ½ at 1,000 €, ⅓ at 2,000 €…; 0 when the price is unknown. */
export function affordability(remainingCost: number | null): number {
  return remainingCost === null ? 0 : 1 / (1 + remainingCost / HALF_AFFORDABLE_COST);
}

/**
 * The best `first` options, by relevance and remaining cost. With `maxRemainingCost`, only those
 * whose plan leaves at most that to pay (a session of unknown price has no plan: left out).
 * Ties: the lower remaining cost, then the session id.
 */
export function rankByRelevanceAndCost<T extends RankInput>(options: readonly T[], first: number, maxRemainingCost: number | null = null): Ranked<T>[] {
  return options
    .filter((o) => maxRemainingCost === null || (o.remainingCost !== null && o.remainingCost <= maxRemainingCost))
    .map((option) => ({
      option,
      rank: Math.round((RELEVANCE_WEIGHT * option.relevance + (1 - RELEVANCE_WEIGHT) * affordability(option.remainingCost)) * 10_000) / 10_000,
    }))
    .sort(
      (a, b) =>
        b.rank - a.rank ||
        (a.option.remainingCost ?? Number.MAX_SAFE_INTEGER) - (b.option.remainingCost ?? Number.MAX_SAFE_INTEGER) ||
        a.option.sessionId.localeCompare(b.option.sessionId),
    )
    .slice(0, first);
}
