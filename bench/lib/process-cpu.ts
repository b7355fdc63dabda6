import { readFileSync } from 'node:fs';

/** CPU seconds (user + system) a process has used so far, from /proc; undefined where there is none. */
export function processCpuSeconds(pid: number): number | undefined {
  try {
    // Fields after the command name (which may hold spaces) start at "state"; utime and stime are the
    // 12th and 13th of them, in clock ticks (100 per second on Linux).
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/** The direct children of a process (the server's embedded store), from /proc. */
export function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/u)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

export interface CpuSplit {
  /** CPU milliseconds per request: the server process, its store process(es), this load generator. */
  serverMs: number;
  storeMs: number;
  loadGeneratorMs: number;
  totalMs: number;
}

/**
 * Measures who spent the machine's CPU over a stretch of requests: the server, the embedded store
 * it started, and the process generating the load. On two cores their sum per request bounds the
 * throughput, and with it the latency of requests that queue behind each other.
 */
export function cpuMeter(serverPid: number) {
  const storePids = childPids(serverPid);
  const read = () => ({
    server: processCpuSeconds(serverPid),
    store: storePids
      .map(processCpuSeconds)
      .reduce<number | undefined>(
        (sum, s) => (sum === undefined || s === undefined ? undefined : sum + s),
        0,
      ),
    self: process.cpuUsage(),
  });
  const start = read();
  return {
    split(requests: number): CpuSplit | undefined {
      const end = read();
      if (start.server === undefined || end.server === undefined || requests === 0) return undefined;
      const perRequest = (seconds: number) => Math.round((seconds * 1000 * 100) / requests) / 100;
      const self = process.cpuUsage(start.self);
      const serverMs = perRequest(end.server - start.server);
      const storeMs =
        start.store === undefined || end.store === undefined ? 0 : perRequest(end.store - start.store);
      const loadGeneratorMs = perRequest((self.user + self.system) / 1e6);
      return {
        serverMs,
        storeMs,
        loadGeneratorMs,
        totalMs: Math.round((serverMs + storeMs + loadGeneratorMs) * 100) / 100,
      };
    },
  };
}
