import { foldDiacritics } from '../../intents/normalise';
import { dataPath } from '../data-files';
import { readKnowledgeBase } from '../knowledge-base';
import { CITIZEN_QUERIES, OUT_OF_SCOPE_QUERIES } from './sample-queries';

export interface KnowledgeBench {
  /** Opening the built file (header, postings lines) in this process. */
  loadMs: number;
  entries: number;
  queries: number;
  /** One `search` (k = 3), wall clock, after one warm-up pass over the same queries. */
  searchP50Ms: number;
  searchP99Ms: number;
  searchMaxMs: number;
  /**
   * The same, in CPU time of this process: on a shared machine the wall-clock tail is mostly time the
   * process spent waiting for a core, which CPU time leaves out; it counts every thread of the process
   * (garbage-collector helpers too), so it can exceed the wall clock.
   */
  searchCpuP50Ms: number;
  searchCpuP99Ms: number;
}

function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

/**
 * Load time and search latency with the whole catalogue loaded, for the project's benchmark script.
 * The query set: the team's citizen messages, out-of-scope messages, and every `titleStride`-th
 * catalogue title typed without marks (long queries, the heavy end).
 */
export function benchKnowledge(
  options: { path?: string; titleStride?: number; rounds?: number } = {},
): KnowledgeBench {
  const started = performance.now();
  const kb = readKnowledgeBase(options.path ?? dataPath('knowledgeBase'));
  const loadMs = performance.now() - started;

  const stride = options.titleStride ?? 10;
  const titles = kb
    .entries()
    .filter((_, i) => i % stride === 0)
    .map((e) => foldDiacritics(e.title));
  const queries = [...CITIZEN_QUERIES, ...OUT_OF_SCOPE_QUERIES, ...titles];
  for (const q of queries) kb.search(q); // warm-up: decode postings, JIT
  const times: number[] = [];
  const cpu: number[] = [];
  for (let round = 0; round < (options.rounds ?? 3); round++) {
    for (const q of queries) {
      const c = process.cpuUsage();
      const t = performance.now();
      kb.search(q);
      times.push(performance.now() - t);
      const used = process.cpuUsage(c);
      cpu.push((used.user + used.system) / 1000);
    }
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return {
    loadMs,
    entries: kb.size,
    queries: times.length,
    searchP50Ms: percentile(times, 0.5),
    searchP99Ms: percentile(times, 0.99),
    searchMaxMs: times.at(-1) ?? 0,
    searchCpuP50Ms: percentile(cpu, 0.5),
    searchCpuP99Ms: percentile(cpu, 0.99),
  };
}
