import { percentile } from './eval/metrics';
import { loadNlu } from './index';
import type { Nlu } from './types';

export interface NluBenchmark {
  count: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
}

/**
 * Per-message latency of `understand`, warm: every message is understood once to warm the JIT and
 * caches, then timed one by one. For the lead's benchmark suite; not for tests (no timed assertions).
 */
export function benchNlu(messages: readonly string[], nlu: Nlu = loadNlu(), rounds = 3): NluBenchmark {
  for (const message of messages) nlu.understand(message);
  const timings: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const message of messages) {
      const started = performance.now();
      nlu.understand(message);
      timings.push(performance.now() - started);
    }
  }
  return {
    count: timings.length,
    p50Ms: percentile(timings, 50),
    p99Ms: percentile(timings, 99),
    meanMs: timings.reduce((a, b) => a + b, 0) / Math.max(1, timings.length),
  };
}
