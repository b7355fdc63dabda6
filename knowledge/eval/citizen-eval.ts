import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as z from 'zod';
import { prepareText } from '../../intents/prepare-text';
import { loadKnowledgeBase } from '../knowledge-base';

/**
 * Citizen questions written by the team (knowledge/eval/citizen-questions.tsv): everyday phrasings,
 * with and without marks, shorthand and long context. Each row names the entries that answer it; a
 * question counts as answered at rank n when any of them is at rank n. Searched as the chat does:
 * the NLU's prepared text goes to `search`.
 *
 * Run: npx tsx knowledge/eval/citizen-eval.ts
 */
const QUESTIONS_PATH = process.env.CITIZEN_QUESTIONS ?? resolve(import.meta.dirname, 'citizen-questions.tsv');

const RowSchema = z.object({
  question: z.string().min(1),
  expected: z.array(z.string().min(1)).min(1),
});
type Row = z.infer<typeof RowSchema>;

export function readCitizenQuestions(path = QUESTIONS_PATH): Row[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [question = '', expected = ''] = line.split('\t');
      return RowSchema.parse({
        question: question.trim(),
        expected: expected.split('|').map((id) => id.trim()),
      });
    });
}

function main(): void {
  const kb = loadKnowledgeBase();
  const rows = readCitizenQuestions();
  const unknown = rows.flatMap((r) => r.expected.filter((id) => !kb.get(id)));
  if (unknown.length > 0) throw new Error(`unknown entry ids: ${[...new Set(unknown)].join(', ')}`);

  let top1 = 0;
  let top3 = 0;
  const misses: string[] = [];
  for (const row of rows) {
    const hits = kb.search(prepareText(row.question), { k: 3 });
    const rank = hits.findIndex((h) => row.expected.includes(h.entry.id));
    if (rank === 0) top1++;
    if (rank >= 0) top3++;
    if (rank !== 0) {
      const got = hits.map((h) => `${h.entry.id} (${h.score.toFixed(1)})`).join(', ');
      misses.push(
        `${rank < 0 ? 'MISS ' : `rank ${rank + 1}`}  ${row.question}\n        want ${row.expected.join('|')}\n        got  ${got}`,
      );
    }
  }
  for (const miss of misses) console.log(miss);
  const pct = (n: number) => `${((100 * n) / rows.length).toFixed(1)} %`;
  console.log(`\n${rows.length} questions: top-1 ${top1} (${pct(top1)}), top-3 ${top3} (${pct(top3)})`);
}

main();
