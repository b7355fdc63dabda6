/**
 * The assistant as `npm start` runs it, in a child process of a benchmark, so the load generator
 * does not share an event loop with the server. Started with the environment the parent passes,
 * on a random port and a throw-away data folder; prints one JSON line (url and tokens) when ready
 * and stops when its standard input closes (the parent exiting or asking it to).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalAssistant } from '../../functions/local/server';

const dataDir = mkdtempSync(join(tmpdir(), 'bench-server-'));
const assistant = await startLocalAssistant({
  port: 0,
  dataDir,
  quiet: process.env.LOG_LEVEL === undefined,
  staffToken: process.env.STAFF_TOKEN ?? 'bench-staff-token',
  integrationApiKey: process.env.INTEGRATION_API_KEY ?? 'bench-integration-key',
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
  process.stdout.write(`${JSON.stringify({ stopped: true, drainMs: Date.now() - started, maxRssMb: Math.round(rss) })}\n`);
  process.exit(0);
}
process.stdin.on('end', () => void stop());
process.stdin.on('close', () => void stop());
process.stdin.resume();
process.on('SIGTERM', () => void stop());
