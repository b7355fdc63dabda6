import { loadNlu } from '../intents';
import { loadKnowledgeBase } from '../knowledge/knowledge-base';
import { readTrainingMessages, spread } from './lib/corpus';
import { elapsedMs, round, type Summary, summarise } from './lib/stats';

export interface UnderstandingBench {
  messages: number;
  samples: number;
  nluLoadMs: number;
  kbLoadMs: number;
  kbEntries: number;
  /** Understanding and retrieval together, as the chat does them for a question. */
  total: Summary;
  understanding: Summary;
  retrieval: Summary;
}

/**
 * Per-message latency of what every citizen question costs: `nlu.understand` then the knowledge
 * search the procedure flow runs (k = 5 over the message text). Warm: one untimed pass first,
 * then `passes` timed passes over a few hundred varied training messages.
 */
export function benchUnderstanding(options: { messages?: number; passes?: number } = {}): UnderstandingBench {
  const corpus = spread(readTrainingMessages(), options.messages ?? 400).map((m) => m.text);
  const passes = options.passes ?? 5;

  let start = process.hrtime.bigint();
  const nlu = loadNlu();
  const nluLoadMs = elapsedMs(start);
  start = process.hrtime.bigint();
  const kb = loadKnowledgeBase();
  const kbLoadMs = elapsedMs(start);

  // Warm-up: JIT, lazily decoded entries, caches.
  for (const text of corpus) kb.search(nlu.understand(text).text.raw, { k: 5 });

  const total: number[] = [];
  const understanding: number[] = [];
  const retrieval: number[] = [];
  let sink = 0;
  for (let pass = 0; pass < passes; pass++) {
    for (const text of corpus) {
      const t0 = process.hrtime.bigint();
      const u = nlu.understand(text);
      const t1 = process.hrtime.bigint();
      const hits = kb.search(u.text.raw, { k: 5 });
      const t2 = process.hrtime.bigint();
      sink += hits.length;
      understanding.push(Number(t1 - t0) / 1e6);
      retrieval.push(Number(t2 - t1) / 1e6);
      total.push(Number(t2 - t0) / 1e6);
    }
  }
  if (sink < 0) throw new Error('unreachable: keeps the search from being optimised away');
  return {
    messages: corpus.length,
    samples: total.length,
    nluLoadMs: round(nluLoadMs, 1),
    kbLoadMs: round(kbLoadMs, 1),
    kbEntries: kb.size,
    total: summarise(total),
    understanding: summarise(understanding),
    retrieval: summarise(retrieval),
  };
}
