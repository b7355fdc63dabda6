import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as z from 'zod';
import { normalise } from '../../intents/normalise';
import type { ProcedureRecord } from '../catalogue/procedure-record';
import type { LoadedKnowledgeBase } from '../knowledge-base';
import { type RankingCase, type RankingMetrics, rankingMetrics } from './retrieval-metrics';

/**
 * The portal's real FAQ questions (../shared/data/dvc-faq, drpie143/egov-bot, MIT). An evaluation set
 * only: read at evaluation time from ../shared, never copied into the project, never used for aliases.
 */
export const DVC_FAQ_PATH = resolve(process.cwd(), '../shared/data/dvc-faq/dvc_faq_qa_500.jsonl');

const FaqRowSchema = z.object({ question: z.string(), expected_procedure_title: z.string() });

export interface FaqEvaluation {
  rows: number;
  metrics: RankingMetrics;
  cases: RankingCase[];
}

/** Titles compared by their syllables: "Đăng ký/ Thay đổi" and "Đăng ký/Thay đổi;" are the same title. */
export function titleKey(title: string): string {
  return normalise(title).tokens.join(' ');
}

export function evaluateDvcFaq(
  kb: LoadedKnowledgeBase,
  procedures: readonly ProcedureRecord[],
  path = DVC_FAQ_PATH,
): FaqEvaluation | undefined {
  if (!existsSync(path)) return undefined;
  const codesByTitle = new Map<string, Set<string>>();
  for (const p of procedures) {
    const key = titleKey(p.title);
    codesByTitle.set(key, (codesByTitle.get(key) ?? new Set()).add(p.code));
  }
  const rows = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => FaqRowSchema.parse(JSON.parse(l)));
  const cases: RankingCase[] = [];
  for (const row of rows) {
    const expected = codesByTitle.get(titleKey(row.expected_procedure_title));
    if (!expected) continue; // the procedure is not in this catalogue
    const hits = kb.search(row.question, { k: 10 });
    cases.push({ query: row.question, expected, ranked: hits.map((h) => h.code) });
  }
  return { rows: rows.length, metrics: rankingMetrics(cases), cases };
}
