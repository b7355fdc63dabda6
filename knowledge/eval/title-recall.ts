import { foldDiacritics } from '../../intents/normalise';
import type { ProcedureRecord } from '../catalogue/procedure-record';
import type { LoadedKnowledgeBase } from '../knowledge-base';
import { titleKey } from './dvc-faq';
import { type RankingCase, rankingMetrics } from './retrieval-metrics';

/**
 * Every catalogue title typed without marks must find its own procedure first. Titles that repeat
 * across levels (the same procedure at province and commune level) cannot be told apart by the title,
 * so any procedure with the same title counts as right.
 */
export function evaluateFoldedTitles(kb: LoadedKnowledgeBase, procedures: readonly ProcedureRecord[]) {
  const codesByTitle = new Map<string, Set<string>>();
  for (const p of procedures) {
    const key = titleKey(p.title);
    codesByTitle.set(key, (codesByTitle.get(key) ?? new Set()).add(p.code));
  }
  const cases: RankingCase[] = procedures.map((p) => ({
    query: foldDiacritics(p.title),
    expected: codesByTitle.get(titleKey(p.title)) ?? new Set([p.code]),
    ranked: kb.search(foldDiacritics(p.title), { k: 3 }).map((h) => h.code),
  }));
  const duplicateTitles = [...codesByTitle.values()].filter((s) => s.size > 1).length;
  return { metrics: rankingMetrics(cases), cases, duplicateTitles };
}
