import { RateLimitedError } from './errors';

/**
 * One lane per conversation in this process: turns of the same session run one after the other,
 * in the order they arrived, instead of racing each other's optimistic commit. (Across processes,
 * e.g. two Lambda instances, the commit's version check and its retries keep them apart.) A lane
 * holds at most `maxQueued` turns; one more is refused as rate limited rather than left waiting.
 */
export function sessionLanes(maxQueued: number) {
  const lanes = new Map<string, { tail: Promise<unknown>; queued: number }>();
  return {
    run<T>(key: string, work: () => Promise<T>): Promise<T> {
      const lane = lanes.get(key) ?? { tail: Promise.resolve(), queued: 0 };
      if (lane.queued >= maxQueued) return Promise.reject(new RateLimitedError(1));
      lane.queued++;
      lanes.set(key, lane);
      const run = lane.tail.then(() => work());
      lane.tail = run.then(
        () => undefined,
        () => undefined,
      );
      const release = () => {
        lane.queued--;
        if (lane.queued === 0 && lanes.get(key) === lane) lanes.delete(key);
      };
      run.then(release, release);
      return run;
    },
    /** Sessions with turns running or queued (for tests: the lanes do not leak). */
    get size() {
      return lanes.size;
    },
  };
}
