// Polling that is gentle with phones and servers: every `intervalMs` while the tab is visible, slowing down
// (doubling up to `hiddenMaxMs`) while it is hidden or while the network fails, and at once on return.

/**
 * @param {() => Promise<unknown>} task
 * @param {{intervalMs?: number, hiddenMaxMs?: number, onFailure?: (error: unknown, failures: number) => void,
 *          onRecovery?: () => void, skip?: () => boolean}} [options]
 */
export function createPoller(task, options = {}) {
  // `skip`: nothing is worth asking for now (e.g. the answer to the user's own message is on its way).
  const { intervalMs = 2500, hiddenMaxMs = 30_000, onFailure, onRecovery, skip } = options;
  let timer = null;
  let running = false;
  let inFlight = false;
  let delay = intervalMs;
  let failures = 0;

  const schedule = () => {
    if (!running) return;
    clearTimeout(timer);
    timer = setTimeout(tick, delay);
  };

  const tick = async () => {
    if (!running || inFlight) return;
    if (skip?.()) {
      schedule();
      return;
    }
    inFlight = true;
    try {
      await task();
      if (failures > 0) onRecovery?.();
      failures = 0;
      delay = document.hidden ? Math.min(delay * 2, hiddenMaxMs) : intervalMs;
    } catch (error) {
      failures += 1;
      onFailure?.(error, failures);
      delay = Math.min(Math.max(delay, intervalMs) * 2, hiddenMaxMs);
    } finally {
      inFlight = false;
      schedule();
    }
  };

  const onVisibility = () => {
    if (!running || document.hidden) return;
    delay = intervalMs;
    clearTimeout(timer);
    tick();
  };

  return {
    start() {
      if (running) return;
      running = true;
      document.addEventListener('visibilitychange', onVisibility);
      delay = intervalMs;
      tick();
    },
    stop() {
      running = false;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    },
    /** Poll now (e.g. right after the user did something that may bring news). */
    nudge() {
      if (!running) return;
      delay = intervalMs;
      clearTimeout(timer);
      tick();
    },
  };
}
