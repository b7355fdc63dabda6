import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ADDRESS_LIMIT_SAMPLING_IN_AWS } from '../../infra/runtime-settings';

const ENTRY = fileURLToPath(new URL('./server-process.ts', import.meta.url));

export interface ServerStopped {
  drainMs: number;
  maxRssMb: number;
  /** Event-loop delay over the server's life: time a ready request waited for the loop. */
  eventLoopDelayMs: { p50: number; p99: number; max: number };
  /** CPU time the server process used (user + system) over its life, and that life. */
  cpuSeconds: number;
  uptimeSeconds: number;
}

export interface ServerChild {
  url: string;
  staffToken: string;
  integrationApiKey: string;
  pid: number;
  /** Lines the server wrote on standard error (its logs), kept for the report's error count. */
  stderr: string[];
  /** Waits for the asynchronous queue to drain, closes the server, returns its peak memory. */
  stop(): Promise<ServerStopped>;
}

/**
 * Starts the local assistant in its own Node process (tsx loader) with `env` on top of ours.
 * BENCH_SERVER_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) is passed to that process,
 * to see where its time goes.
 */
export async function spawnServer(env: Record<string, string>): Promise<ServerChild> {
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', ENTRY], {
    // As deployed (infra/runtime-settings.ts) unless the caller says otherwise.
    env: { ...process.env, RATE_LIMIT_ADDRESS_SAMPLING: String(ADDRESS_LIMIT_SAMPLING_IN_AWS), ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  createInterface({ input: child.stderr }).on('line', (line) => {
    if (stderr.length < 10_000) stderr.push(line);
  });
  const lines = createInterface({ input: child.stdout });
  const waiting: ((line: string) => void)[] = [];
  const buffered: string[] = [];
  lines.on('line', (line) => {
    const next = waiting.shift();
    if (next) next(line);
    else buffered.push(line);
  });
  const nextLine = (timeoutMs: number) =>
    new Promise<string>((resolve, reject) => {
      const early = buffered.shift();
      if (early !== undefined) return resolve(early);
      const timer = setTimeout(
        () => reject(new Error(`server did not answer in ${timeoutMs} ms: ${stderr.slice(-5).join(' | ')}`)),
        timeoutMs,
      );
      waiting.push((line) => {
        clearTimeout(timer);
        resolve(line);
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`server exited with ${code}: ${stderr.slice(-5).join(' | ')}`));
      });
    });

  const ready = JSON.parse(await nextLine(60_000)) as {
    url: string;
    staffToken: string;
    integrationApiKey: string;
    pid: number;
  };
  return {
    ...ready,
    stderr,
    async stop() {
      child.stdin?.end();
      try {
        const line = await nextLine(60_000);
        return JSON.parse(line) as ServerStopped;
      } finally {
        // Let it exit by itself (a CPU profile is written on exit), then make sure it is gone.
        if (child.exitCode === null) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, 10_000);
            child.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
          });
        }
        if (child.exitCode === null) child.kill('SIGKILL');
      }
    },
  };
}
