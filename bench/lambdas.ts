import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildLambdas, LAMBDA_BUNDLES, type LambdaName, MAX_CODE_BYTES } from '../scripts/build-lambdas';
import { round } from './lib/stats';

/** How each Lambda is woken up in a fresh process so that it builds what it builds lazily. */
const TRIGGERS: Record<LambdaName, unknown> = {
  // httpHandler builds the services (configuration, tables, NLU, knowledge) before routing.
  chat: httpEvent('GET', '/healthz'),
  staff: httpEvent('GET', '/api/staff/me'),
  integrations: httpEvent('PUT', '/api/integrations/dossiers/H43.25-241008-0012'),
  // The unsigned `{}` probe Zalo sends when the webhook URL is saved.
  'zalo-webhook': httpEvent('POST', '/zalo/webhook', '{}'),
  // A push with nothing in it: builds the services and the Zalo runtime, sends nothing.
  'zalo-processor': { type: 'zalo_send', channel: 'zalo', userId: '8915748452619487411', messages: [] },
  // Scheduled; a call would reach Zalo's OAuth server, so only the import is measured.
  'zalo-token-refresh': undefined,
};

export interface ColdStart {
  /** Node's own start-up before the first line of the probe (the runtime's share, not ours). */
  bootMs: number;
  importMs: number;
  /** The first invocation, which builds the lazily created services. */
  initMs: number;
  /** import + init: what this project adds to a cold start. */
  coldStartMs: number;
  /** From spawn to ready, as the parent saw it. */
  wallMs: number;
  maxRssMb: number;
  heapUsedMb: number;
  outcome: string;
}

export interface LambdaBench {
  name: LambdaName;
  codeBytes: number;
  assetBytes: number;
  underBudget: boolean;
  heaviestInputs: { path: string; bytes: number }[];
  coldStart?: ColdStart;
  runs?: number[];
  error?: string;
}

export interface LambdasBench {
  buildMs: number;
  budgetBytes: number;
  lambdas: LambdaBench[];
  skipped: { name: string; reason: string }[];
}

const ROOT = fileURLToPath(new URL('../', import.meta.url));

const PROBE = `
import { pathToFileURL } from 'node:url';
const bootMs = performance.now();
const [bundle, triggerJson] = process.argv.slice(2);
const t0 = performance.now();
const mod = await import(pathToFileURL(bundle).href);
const t1 = performance.now();
let outcome = 'imported';
if (triggerJson !== 'none') {
  try {
    const result = await mod.handler(JSON.parse(triggerJson));
    outcome = result && typeof result === 'object' && 'statusCode' in result ? 'http ' + result.statusCode : 'ok ' + JSON.stringify(result ?? null).slice(0, 60);
  } catch (error) {
    outcome = 'threw ' + (error && error.name) + ': ' + String(error && error.message).slice(0, 160);
  }
}
const t2 = performance.now();
const mem = process.memoryUsage();
process.stdout.write(JSON.stringify({ bootMs, importMs: t1 - t0, initMs: t2 - t1, maxRssMb: process.resourceUsage().maxRSS / 1024, heapUsedMb: mem.heapUsed / 2 ** 20, outcome }) + '\\n');
process.exit(0);
`;

/**
 * Builds every Lambda bundle with the project's own build (scripts/build-lambdas.ts), reports the
 * code size against the 1 MB budget, and measures each bundle's cold start in fresh Node processes
 * (median of `runs`), with the environment pointing at a local DynamoDB-compatible endpoint.
 */
export async function benchLambdas(env: Record<string, string>, options: { runs?: number } = {}): Promise<LambdasBench> {
  const runs = options.runs ?? 3;
  const skipped: LambdasBench['skipped'] = [];
  const buildable = LAMBDA_BUNDLES.filter((spec) => {
    const missing = [spec.entry, ...spec.assets.map((a) => a.from)].find((p) => !existsSync(join(ROOT, p)));
    if (missing) skipped.push({ name: spec.name, reason: `${missing} does not exist yet` });
    return !missing;
  });
  const started = process.hrtime.bigint();
  // The budget is judged here, so an oversized bundle is still measured and reported.
  const reports = await buildLambdas({ only: buildable.map((s) => s.name), maxCodeBytes: Number.POSITIVE_INFINITY });
  const buildMs = Number(process.hrtime.bigint() - started) / 1e6;

  const dir = mkdtempSync(join(tmpdir(), 'cold-start-'));
  const probe = join(dir, 'probe.mjs');
  writeFileSync(probe, PROBE);
  const lambdas: LambdaBench[] = [];
  try {
    for (const report of reports) {
      const base: LambdaBench = {
        name: report.name,
        codeBytes: report.codeBytes,
        assetBytes: report.assetBytes,
        underBudget: report.codeBytes < MAX_CODE_BYTES,
        heaviestInputs: report.heaviestInputs.slice(0, 3).map((i) => ({ path: i.path, bytes: i.bytes })),
      };
      const trigger = TRIGGERS[report.name];
      const samples: ColdStart[] = [];
      try {
        for (let i = 0; i < runs; i++) samples.push(await coldStart(probe, join(report.dir, 'index.mjs'), trigger, env));
        samples.sort((a, b) => a.coldStartMs - b.coldStartMs);
        const median = samples[Math.floor(samples.length / 2)] as ColdStart;
        const maxRssMb = Math.max(...samples.map((s) => s.maxRssMb));
        lambdas.push({ ...base, coldStart: { ...median, maxRssMb: round(maxRssMb, 1) }, runs: samples.map((s) => s.coldStartMs) });
      } catch (error) {
        lambdas.push({ ...base, error: error instanceof Error ? error.message : String(error) });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { buildMs: round(buildMs, 0), budgetBytes: MAX_CODE_BYTES, lambdas, skipped };
}

function coldStart(probe: string, bundle: string, trigger: unknown, env: Record<string, string>): Promise<ColdStart> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [probe, bundle, trigger === undefined ? 'none' : JSON.stringify(trigger)], {
      // A clean environment, as a Lambda has: nothing of this shell leaks in.
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString('utf8');
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      const line = out.trim().split('\n').at(-1);
      if (code !== 0 || !line) {
        reject(new Error(`cold-start probe exited with ${code}: ${err.trim().split('\n').slice(-3).join(' | ')}`));
        return;
      }
      const r = JSON.parse(line) as Omit<ColdStart, 'wallMs' | 'coldStartMs'>;
      resolve({
        bootMs: round(r.bootMs, 1),
        importMs: round(r.importMs, 1),
        initMs: round(r.initMs, 1),
        coldStartMs: round(r.importMs + r.initMs, 1),
        wallMs: round(wallMs, 1),
        maxRssMb: round(r.maxRssMb, 1),
        heapUsedMb: round(r.heapUsedMb, 1),
        outcome: r.outcome,
      });
    });
  });
}

function httpEvent(method: string, path: string, body?: string) {
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    ...(body !== undefined ? { body, isBase64Encoded: false } : {}),
    requestContext: { http: { method, path, sourceIp: '203.0.113.10' }, requestId: 'cold-start-probe' },
  };
}
