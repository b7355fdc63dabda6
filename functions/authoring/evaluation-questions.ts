import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The questions every draft is checked against ("before → after"): the portal's public FAQ, the
 * held-out files of the NLU and the conversation evaluation when present. Read for comparison
 * only: nothing here ever becomes an alias or training data.
 */
export interface EvaluationQuestion {
  text: string;
  source: 'dvc-faq' | 'holdout' | 'conversations';
}

const ROOT = resolve(fileURLToPath(new URL('../../', import.meta.url)));

export interface QuestionPaths {
  dvcFaq: string;
  holdoutDir: string;
  conversationsDir: string;
}

export const DEFAULT_QUESTION_PATHS: QuestionPaths = {
  dvcFaq: join(ROOT, '../shared/data/dvc-faq/dvc_faq_qa_500.jsonl'),
  holdoutDir: join(ROOT, 'intents/data/holdout'),
  conversationsDir: join(ROOT, 'tests/conversations'),
};

export function readEvaluationQuestions(paths: QuestionPaths = DEFAULT_QUESTION_PATHS): EvaluationQuestion[] {
  const out: EvaluationQuestion[] = [];
  if (existsSync(paths.dvcFaq)) {
    for (const line of readFileSync(paths.dvcFaq, 'utf8').split('\n')) {
      try {
        const row = JSON.parse(line) as { question?: unknown };
        if (typeof row.question === 'string') out.push({ text: row.question, source: 'dvc-faq' });
      } catch {
        /* a blank or broken line is not a question */
      }
    }
  }
  out.push(...tsvFirstColumns(paths.holdoutDir, 'holdout'));
  out.push(...conversationTurns(paths.conversationsDir));
  const seen = new Set<string>();
  return out.filter((q) => !seen.has(q.text) && seen.add(q.text));
}

/** What citizens say in the scripted conversations (`tests/conversations/*.json`: `[{ turns: [{ say }] }]`). */
function conversationTurns(dir: string): EvaluationQuestion[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((f) => {
      try {
        const parsed: unknown = JSON.parse(readFileSync(join(dir, f), 'utf8'));
        const conversations = Array.isArray(parsed)
          ? parsed
          : ((parsed as { conversations?: unknown[] }).conversations ?? []);
        return conversations.flatMap((c) =>
          ((c as { turns?: { say?: unknown }[] }).turns ?? [])
            .map((t) => (typeof t.say === 'string' ? t.say.trim() : ''))
            .filter((say) => say.length > 1 && !say.startsWith('#qr:'))
            .map((text) => ({ text, source: 'conversations' as const })),
        );
      } catch {
        return []; // a file that is not a conversation list asks nothing
      }
    });
}

/** `text<TAB>label` lines; `#` starts a comment. */
function tsvFirstColumns(dir: string, source: EvaluationQuestion['source']): EvaluationQuestion[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.tsv'))
    .sort()
    .flatMap((f) =>
      readFileSync(join(dir, f), 'utf8')
        .split('\n')
        .filter((l) => l.trim() && !l.startsWith('#'))
        .map((l) => ({ text: (l.split('\t')[0] ?? '').trim(), source }))
        .filter((q) => q.text.length > 1),
    );
}
