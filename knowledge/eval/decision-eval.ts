import { existsSync, readFileSync } from 'node:fs';
import * as z from 'zod';
import { understandLine } from '../../intents/cli/nlu-lines';
import { loadNlu } from '../../intents/index';
import { readCatalogue } from '../catalogue/catalogue-file';
import { loadKnowledgeBase } from '../knowledge-base';
import { DVC_FAQ_PATH, titleKey } from './dvc-faq';

/**
 * `npx tsx knowledge/eval/decision-eval.ts`: the chat's `decision` on the portal's real FAQ questions
 * (../shared/data/dvc-faq, an evaluation set only, never copied or used for aliases). An "answer" is
 * right when its procedure has the expected title; a question whose procedure is not in the catalogue
 * should end in "choose" or "unknown", so an "answer" to it counts as wrong.
 */
const Row = z.object({ question: z.string(), expected_procedure_title: z.string() });

if (!existsSync(DVC_FAQ_PATH)) {
  console.error(`${DVC_FAQ_PATH} not found`);
  process.exit(0);
}
const codesByTitle = new Map<string, Set<string>>();
for (const p of readCatalogue()) {
  const key = titleKey(p.title);
  codesByTitle.set(key, (codesByTitle.get(key) ?? new Set()).add(p.code));
}
const nlu = loadNlu();
const kb = loadKnowledgeBase();
const rows = readFileSync(DVC_FAQ_PATH, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => Row.parse(JSON.parse(l)));
const counts = {
  answer: 0,
  right: 0,
  choose: 0,
  chooseHolds: 0,
  unknown: 0,
  inCatalogue: 0,
  procedureIntent: 0,
};
const wrong: string[] = [];
for (const row of rows) {
  const expected = codesByTitle.get(titleKey(row.expected_procedure_title));
  if (expected) counts.inCatalogue++;
  const line = understandLine(row.question, nlu, kb);
  if (line.intent === 'procedure_info') counts.procedureIntent++;
  counts[line.decision]++;
  if (line.decision === 'answer') {
    const ok = expected?.has(line.answers[0]?.code ?? '') ?? false;
    if (ok) counts.right++;
    else wrong.push(`${expected ? 'WRONG' : 'NOT-IN-KB'}\t${row.question}\t→ ${line.answers[0]?.title}`);
  }
  if (line.decision === 'choose' && line.answers.some((a) => expected?.has(a.code ?? '')))
    counts.chooseHolds++;
}
const pct = (n: number, d: number) => `${((100 * n) / Math.max(1, d)).toFixed(1)} %`;
console.log(`questions ${rows.length}, procedure in catalogue ${counts.inCatalogue}`);
console.log(`intent procedure_info: ${pct(counts.procedureIntent, rows.length)}`);
console.log(
  `decision answer ${counts.answer} (right ${counts.right}, precision ${pct(counts.right, counts.answer)}), choose ${counts.choose} (holds the right one ${counts.chooseHolds}), unknown ${counts.unknown}`,
);
if (process.argv.includes('--misses')) console.log(wrong.join('\n'));
