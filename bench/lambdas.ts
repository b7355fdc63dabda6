/**
 * Lambda bundle sizes and cold starts. Part of `npm run bench`; alone (the rest of the bench takes
 * minutes) with `npm run bench:lambdas [-- chat staff …] [--runs=5]`, which prints one line per Lambda.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dynamoClient } from '../functions/app/dynamo';
import { readConfig } from '../functions/config/config';
import { ensureTables, startEmbeddedDynamo } from '../functions/local/embedded-dynamo';
import { buildLambdas, LAMBDA_BUNDLES, type LambdaName, MAX_CODE_BYTES } from '../scripts/build-lambdas';
import { round } from './lib/stats';
import { BENCH_ZALO } from './lib/zalo-events';

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
  /**
   * Cold start and the first real request together, the median over the runs of their sum (issue
   * 17's figure): taken from the runs themselves, not from the run whose cold start alone was the
   * median, whose first request is one sample.
   */
  coldWithFirst?: { medianMs: number; runs: number[] };
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
  options: { runs?: number; only?: readonly LambdaName[] } = {},
): Promise<LambdasBench> {
  // Five runs: on a shared VM a single slow run moves a median of three.
  const runs = options.runs ?? 5;
  const skipped: LambdasBench['skipped'] = [];
  const wanted = options.only ? LAMBDA_BUNDLES.filter((s) => options.only?.includes(s.name)) : LAMBDA_BUNDLES;
  const buildable = wanted.filter((spec) => {
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
          samples.push(await coldStart(probe, join(report.dir, 'index.mjs'), freshIds(trigger, i), env));
        samples.sort((a, b) => a.coldStartMs - b.coldStartMs);
        const median = samples[Math.floor(samples.length / 2)] as ColdStart;
        const maxRssMb = Math.max(...samples.map((s) => s.maxRssMb));
        const sums = samples
          .flatMap((s) =>
            s.firstRequestMs === undefined ? [] : [round(s.coldStartMs + s.firstRequestMs, 1)],
          )
          .sort((a, b) => a - b);
        const middle = sums[Math.floor(sums.length / 2)];
        lambdas.push({
          ...base,
          coldStart: { ...median, maxRssMb: round(maxRssMb, 1) },
          runs: samples.map((s) => s.coldStartMs),
          ...(middle === undefined ? {} : { coldWithFirst: { medianMs: middle, runs: sums } }),
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

/**
 * Each run's first request as a new citizen's: its own web session and Zalo message id. With the
 * same ids, later runs continued the first run's conversation, and the Zalo processor skipped the
 * message as a redelivery.
 */
function freshIds(triggers: Triggers, run: number): Triggers {
  const stamp = `${Date.now().toString(36)}-${run}`;
  return JSON.parse(
    JSON.stringify(triggers)
      .replaceAll('cold-start-session', `cold-start-session-${stamp}`)
      .replaceAll('cold-start-msg', `cold-start-msg-${stamp}`),
  ) as Triggers;
}

function coldStart(
  probe: string,
  bundle: string,
  triggers: Triggers,
  env: Record<string, string>,
): Promise<ColdStart> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    // BENCH_COLD_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles a cold start.
    const nodeArgs = (process.env.BENCH_COLD_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const child = spawn(process.execPath, [...nodeArgs, probe, bundle, JSON.stringify(triggers)], {
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

/** {@link benchLambdas} against a fresh embedded store with the tables created, as the bench runs it. */
export async function benchLambdasOnLocalStore(
  options: { runs?: number; only?: readonly LambdaName[] } = {},
): Promise<LambdasBench> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-cold-'));
  const dynamo = await startEmbeddedDynamo({ dataDir: dir });
  try {
    const config = readConfig({ DYNAMODB_ENDPOINT: dynamo.endpoint, AWS_REGION: 'local' });
    const client = dynamoClient(config);
    await ensureTables(client, config.tables);
    client.destroy();
    return await benchLambdas(
      {
        DYNAMODB_ENDPOINT: dynamo.endpoint,
        AWS_REGION: 'ap-southeast-1',
        STAFF_AUTH: 'token',
        STAFF_TOKEN: 'bench-staff-token',
        INTEGRATION_API_KEY: 'bench-integration-key',
        ZALO_APP_ID: BENCH_ZALO.appId,
        ZALO_OA_SECRET_KEY: BENCH_ZALO.oaSecretKey,
        LOG_LEVEL: 'warn',
      },
      options,
    );
  } finally {
    await dynamo.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  const args = process.argv.slice(2);
  const runs = Number(args.find((a) => a.startsWith('--runs='))?.slice('--runs='.length) ?? 3);
  const names = args.filter((a) => !a.startsWith('--'));
  const unknown = names.filter((n) => !LAMBDA_BUNDLES.some((s) => s.name === n));
  if (unknown.length > 0) throw new Error(`No such Lambda: ${unknown.join(', ')}`);
  const load = () => (loadavg()[0] ?? 0).toFixed(2);
  const loadStart = load();
  const result = await benchLambdasOnLocalStore({
    runs,
    ...(names.length > 0 ? { only: names as LambdaName[] } : {}),
  });
  console.log(`load average ${loadStart} → ${load()}; median of ${runs}; build ${result.buildMs} ms`);
  for (const l of result.lambdas) {
    const c = l.coldStart;
    console.log(
      [
        l.name.padEnd(19),
        `code ${(l.codeBytes / 1000).toFixed(1)} kB`,
        c
          ? `import ${c.importMs} + ready ${c.readyCallMs} = cold ${c.coldStartMs} ms; first ${c.firstRequestMs ?? '—'} ms; ` +
            `cold+first ${l.coldWithFirst ? `${l.coldWithFirst.medianMs} ms (median of ${l.coldWithFirst.runs.join(' ')})` : '—'}; boot ${c.bootMs}; ${c.outcome}; runs ${l.runs?.join(' ')}`
          : `error: ${l.error}`,
      ].join('  '),
    );
  }
  for (const s of result.skipped) console.log(`${s.name}: skipped, ${s.reason}`);
}
