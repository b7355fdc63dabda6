import type { AsyncInvoker, ProcessorJob } from '../app/invoker';
import type { Logger } from '../shared/logger';

/**
 * The local stand-in for an asynchronous Lambda invocation: the job runs after the caller returned,
 * and a failure is retried twice with a pause, as Lambda does with `Event` invocations, then logged
 * as dead-lettered. `drain()` lets tests and shutdown wait for the queue.
 */
export function createInProcessInvoker(
  run: (job: ProcessorJob) => Promise<void>,
  log: Logger,
  options: { retries?: number; retryDelayMs?: number } = {},
): AsyncInvoker & { drain(): Promise<void>; deadLetters: ProcessorJob[] } {
  const retries = options.retries ?? 2;
  const retryDelayMs = options.retryDelayMs ?? 200;
  const running = new Set<Promise<void>>();
  const deadLetters: ProcessorJob[] = [];

  const attempt = async (job: ProcessorJob) => {
    for (let i = 0; i <= retries; i++) {
      try {
        await run(job);
        return;
      } catch (error) {
        log.warn('processor_failed', { type: job.type, attempt: i + 1, error });
        if (i < retries) await new Promise((r) => setTimeout(r, retryDelayMs * (i + 1)));
      }
    }
    deadLetters.push(job);
    log.error('processor_dead_letter', { type: job.type });
  };

  return {
    async invoke(job) {
      // Serialise through JSON, as the Lambda payload would be.
      const copy = JSON.parse(JSON.stringify(job)) as ProcessorJob;
      const p = new Promise<void>((resolve) => setImmediate(resolve)).then(() => attempt(copy));
      running.add(p);
      void p.finally(() => running.delete(p));
    },
    async drain() {
      while (running.size > 0) await Promise.all([...running]);
    },
    deadLetters,
  };
}
