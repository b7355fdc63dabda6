/** Recall@k and mean reciprocal rank over ranked answers, where several codes may count as right. */
export interface RankingCase {
  query: string;
  /** Procedure codes that count as a right answer (several when titles repeat across levels). */
  expected: ReadonlySet<string>;
  /** Codes returned, best first. */
  ranked: readonly (string | undefined)[];
}

export interface RankingMetrics {
  count: number;
  recallAt1: number;
  recallAt3: number;
  mrr: number;
}

export function rankOf(c: RankingCase): number | undefined {
  const i = c.ranked.findIndex((code) => code !== undefined && c.expected.has(code));
  return i < 0 ? undefined : i + 1;
}

export function rankingMetrics(cases: readonly RankingCase[]): RankingMetrics {
  const ranks = cases.map(rankOf);
  const count = cases.length;
  const share = (pred: (r: number | undefined) => boolean) => (count ? ranks.filter(pred).length / count : 0);
  return {
    count,
    recallAt1: share((r) => r === 1),
    recallAt3: share((r) => r !== undefined && r <= 3),
    mrr: count ? ranks.reduce((s: number, r) => s + (r ? 1 / r : 0), 0) / count : 0,
  };
}
