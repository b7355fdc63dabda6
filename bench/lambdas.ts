import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildLambdas, LAMBDA_BUNDLES, type LambdaName, MAX_CODE_BYTES } from '../scripts/build-lambdas';
import { round } from './lib/stats';

const ZALO_USER = '8915748452619487411';
const STAFF_AUTH = { authorization: 'Bearer bench-staff-token' };

interface Triggers {
  /** A trivial first call that builds the services the handler builds lazily: "ready". */
  ready?: unknown;
  /** Then a citizen's (or staff member's) real first request: understanding and knowledge loaded. */
  first?: unknown;
}

/** How each Lambda is woken up in a fresh process. */
const TRIGGERS: Record<LambdaName, Triggers> = {
  chat: {
    ready: httpEvent('GET', '/healthz'),
    first: httpEvent(
      'POST',
      '/api/chat',
      JSON.stringify({ sessionId: 'cold-start-session', text: 'làm lại căn cước cần gì' }),
    ),
  },
  staff: {
    ready: httpEvent('GET', '/api/staff/me', undefined, STAFF_AUTH),
    first: httpEvent('GET', '/api/staff/knowledge', undefined, STAFF_AUTH, 'q=can%20cuoc'),
  },
  integrations: {
    ready: httpEvent('PUT', '/api/integrations/dossiers/H43.25-241008-0012'),
  },
  // The unsigned `{}` probe Zalo sends when the webhook URL is saved.
  'zalo-webhook': { ready: httpEvent('POST', '/zalo/webhook', '{}') },
  'zalo-processor': {
    // A push with nothing in it: builds the services and the Zalo runtime, sends nothing.
    ready: { type: 'zalo_send', channel: 'zalo', userId: ZALO_USER, messages: [] },
    // A citizen's message: a whole turn; with no OA token configured the reply is logged, not sent.
    first: {
      type: 'zalo_event',
      receivedAt: '2026-11-22T00:00:00.000Z',
      event: {
        app_id: '4321987654321098765',
        event_name: 'user_send_text',
        timestamp: '1763769600000',
        sender: { id: ZALO_USER },
        recipient: { id: '2512523625412515321' },
        message: { msg_id: 'cold-start-msg', text: 'làm lại căn cước cần gì' },
      },
    },
  },
  // Scheduled; a call would reach Zalo's OAuth server, so only the import is measured.
  'zalo-token-refresh': {},
  // A socket opening: builds the services; a frame would post to API Gateway, so none is sent.
  realtime: {
    ready: {
      requestContext: {
        routeKey: '$connect',
        connectionId: 'cold-start',
        domainName: 'localhost',
        stage: 'ws',
      },
    },
  },
};

export interface ColdStart {
  /** Node's own start-up before the first line of the probe (the runtime's share, not ours). */
  bootMs: number;
  importMs: number;
  /** The trivial first call, which builds the lazily created services. */
  readyCallMs: number;
  /** import + ready call: what this project adds to a cold start before it can answer. */
  coldStartMs: number;
  /** The first real request after that (model and knowledge base loaded, first store calls). */
  firstRequestMs?: number;
  /** From spawn to the end of the first real request (or ready), as the parent saw it. */
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
const [bundle, triggersJson] = process.argv.slice(2);
const triggers = JSON.parse(triggersJson);
const describe = (result) =>
  result && typeof result === 'object' && 'statusCode' in result ? 'http ' + result.statusCode : 'ok ' + JSON.stringify(result ?? null).slice(0, 40);
async function call(handler, event) {
  try {
    return describe(await handler(event));
  } catch (error) {
    return 'threw ' + (error && error.name) + ': ' + String(error && error.message).slice(0, 160);
  }
}
const t0 = performance.now();
const mod = await import(pathToFileURL(bundle).href);
const t1 = performance.now();
const outcomes = ['imported'];
if (triggers.ready !== undefined) outcomes[0] = 'ready ' + (await call(mod.handler, triggers.ready));
const t2 = performance.now();
if (triggers.first !== undefined) outcomes.push('first ' + (await call(mod.handler, triggers.first)));
const t3 = performance.now();
const mem = process.memoryUsage();
process.stdout.write(JSON.stringify({
  bootMs, importMs: t1 - t0, readyCallMs: t2 - t1, firstRequestMs: triggers.first !== undefined ? t3 - t2 : undefined,
  maxRssMb: process.resourceUsage().maxRSS / 1024, heapUsedMb: mem.heapUsed / 2 ** 20, outcome: outcomes.join(', '),
}) + '\\n');
process.exit(0);
`;

/**
 * Builds every Lambda bundle with the project's own build (scripts/build-lambdas.ts), reports the
 * code size against the 1 MB budget, and measures each bundle's cold start in fresh Node processes
 * (median of `runs`), with the environment pointing at a local DynamoDB-compatible endpoint.
 */
export async function benchLambdas(
  env: Record<string, string>,
  options: { runs?: number } = {},
): Promise<LambdasBench> {
  const runs = options.runs ?? 3;
  const skipped: LambdasBench['skipped'] = [];
  const buildable = LAMBDA_BUNDLES.filter((spec) => {
    const missing = [spec.entry, ...spec.assets.map((a) => a.from)].find((p) => !existsSync(join(ROOT, p)));
    if (missing) skipped.push({ name: spec.name, reason: `${missing} does not exist yet` });
    return !missing;
  });
  const started = process.hrtime.bigint();
  // The budget is judged here, so an oversized bundle is still measured and reported.
  const reports = await buildLambdas({
    only: buildable.map((s) => s.name),
    maxCodeBytes: Number.POSITIVE_INFINITY,
  });
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
        for (let i = 0; i < runs; i++)
          samples.push(await coldStart(probe, join(report.dir, 'index.mjs'), trigger, env));
        samples.sort((a, b) => a.coldStartMs - b.coldStartMs);
        const median = samples[Math.floor(samples.length / 2)] as ColdStart;
        const maxRssMb = Math.max(...samples.map((s) => s.maxRssMb));
        lambdas.push({
          ...base,
          coldStart: { ...median, maxRssMb: round(maxRssMb, 1) },
          runs: samples.map((s) => s.coldStartMs),
        });
      } catch (error) {
        lambdas.push({ ...base, error: error instanceof Error ? error.message : String(error) });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { buildMs: round(buildMs, 0), budgetBytes: MAX_CODE_BYTES, lambdas, skipped };
}

function coldStart(
  probe: string,
  bundle: string,
  triggers: Triggers,
  env: Record<string, string>,
): Promise<ColdStart> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [probe, bundle, JSON.stringify(triggers)], {
      // A clean environment, as a Lambda has. Without AWS_LAMBDA_FUNCTION_NAME the handlers do not
      // start warming up at import, so import, ready and first request are measured apart.
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
        reject(
          new Error(`cold-start probe exited with ${code}: ${err.trim().split('\n').slice(-3).join(' | ')}`),
        );
        return;
      }
      const r = JSON.parse(line) as Omit<ColdStart, 'wallMs' | 'coldStartMs'>;
      resolve({
        bootMs: round(r.bootMs, 1),
        importMs: round(r.importMs, 1),
        readyCallMs: round(r.readyCallMs, 1),
        coldStartMs: round(r.importMs + r.readyCallMs, 1),
        ...(r.firstRequestMs !== undefined ? { firstRequestMs: round(r.firstRequestMs, 1) } : {}),
        wallMs: round(wallMs, 1),
        maxRssMb: round(r.maxRssMb, 1),
        heapUsedMb: round(r.heapUsedMb, 1),
        outcome: r.outcome,
      });
    });
  });
}

function httpEvent(
  method: string,
  path: string,
  body?: string,
  headers: Record<string, string> = {},
  query = '',
) {
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: query,
    queryStringParameters: Object.fromEntries(new URLSearchParams(query).entries()),
    headers: { 'content-type': 'application/json', ...headers },
    ...(body !== undefined ? { body, isBase64Encoded: false } : {}),
    requestContext: { http: { method, path, sourceIp: '203.0.113.10' }, requestId: 'cold-start-probe' },
  };
}
