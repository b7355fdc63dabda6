/**
 * The assistant as `npm start` runs it, in a child process of a benchmark, so the load generator
 * does not share an event loop with the server. Started with the environment the parent passes,
 * on a random port and a throw-away data folder; prints one JSON line (url and tokens) when ready
 * and stops when its standard input closes (the parent exiting or asking it to).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startLocalAssistant } from '../../functions/local/server';

// BENCH_DATA_DIR puts the embedded store elsewhere (e.g. /dev/shm, to take the disk out of the figures).
const dataDir = mkdtempSync(join(process.env.BENCH_DATA_DIR ?? tmpdir(), 'bench-server-'));
// How long the server's event loop was held up: what queues every request behind the one running.
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
const assistant = await startLocalAssistant({
  port: 0,
  dataDir,
  quiet: process.env.LOG_LEVEL === undefined,
  staffToken: process.env.STAFF_TOKEN ?? 'bench-staff-token',
  integrationApiKey: process.env.INTEGRATION_API_KEY ?? 'bench-integration-key',
  // BENCH_STORE=memory: the application's own share, with no store process beside it.
  inMemoryStore: process.env.BENCH_STORE === 'memory',
});
process.stdout.write(
  `${JSON.stringify({ url: assistant.url, staffToken: assistant.staffToken, integrationApiKey: assistant.integrationApiKey, pid: process.pid })}\n`,
);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  const started = Date.now();
  await assistant.drain();
  const rss = process.resourceUsage().maxRSS / 1024;
  await assistant.close();
  rmSync(dataDir, { recursive: true, force: true });
  loopDelay.disable();
  const ms = (ns: number) => Math.round(ns / 1e5) / 10;
  const eventLoopDelayMs = {
    p50: ms(loopDelay.percentile(50)),
    p99: ms(loopDelay.percentile(99)),
    max: ms(loopDelay.max),
  };
  process.stdout.write(
    `${JSON.stringify({ stopped: true, drainMs: Date.now() - started, maxRssMb: Math.round(rss), eventLoopDelayMs, cpuSeconds: Math.round(process.cpuUsage().user / 1e4 + process.cpuUsage().system / 1e4) / 100, uptimeSeconds: Math.round(process.uptime()) })}\n`,
  );
  process.exit(0);
}
process.stdin.on('end', () => void stop());
process.stdin.on('close', () => void stop());
process.stdin.resume();
process.on('SIGTERM', () => void stop());
