import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LabelledMessage {
  text: string;
  intent: string;
}

const TRAINING_DIR = new URL('../../intents/data/', import.meta.url).pathname;

/**
 * Citizen-style messages for the benchmarks, read from the NLU's own training files
 * (intents/data/*.tsv, `text<TAB>intent`). The held-out folder and the evaluation set of
 * ../shared/data/dvc-faq are never read here: a benchmark must not peek at evaluation data.
 */
export function readTrainingMessages(dir = TRAINING_DIR): LabelledMessage[] {
  const files = readdirSync(dir, { withFileTypes: true })
    .filter((f) => f.isFile() && f.name.endsWith('.tsv'))
    .map((f) => f.name)
    .sort();
  const out: LabelledMessage[] = [];
  for (const file of files) {
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
      if (line.trim() === '' || line.startsWith('#')) continue;
      const [text, intent] = line.split('\t');
      if (text?.trim() && intent?.trim()) out.push({ text: text.trim(), intent: intent.trim() });
    }
  }
  return out;
}

/** `count` messages spread evenly over the list (so every intent file is represented). */
export function spread<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  const step = items.length / count;
  return Array.from({ length: count }, (_, i) => items[Math.floor(i * step)] as T);
}

/** A small deterministic generator (mulberry32), so runs are repeatable. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function groupByIntent(messages: readonly LabelledMessage[]): Map<string, string[]> {
  const byIntent = new Map<string, string[]>();
  for (const m of messages) {
    const list = byIntent.get(m.intent) ?? [];
    list.push(m.text);
    byIntent.set(m.intent, list);
  }
  return byIntent;
}
