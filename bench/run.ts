/**
 * `npm run bench`: measures what the project claims and writes docs/benchmarks.md and docs/cost.md;
 * the last line on standard output is one JSON object with every figure. Each part is bounded
 * (a few thousand requests at most) so the whole run stays within a few minutes on two cores.
 * A part that cannot run (a module not there yet) is reported as such; the others still run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchAdversarial } from './adversarial';
import { benchChatHttp } from './chat-http';
import { costModel, defaultAssumptions, renderCostMarkdown } from './cost';
import { issue17Figures } from './issue17-report';
import { benchLambdasOnLocalStore } from './lambdas';
import { describeEnvironment, environmentLine } from './lib/environment';
import { spawnServer } from './lib/spawn-server';
import { measureWidgetWeight } from './lib/widget-weight';
import { benchNluCli } from './nlu-cli';
import { type BenchResults, renderBenchmarks, verdicts } from './report';
import { benchStoreOps } from './store-ops';
import { benchTurnCost } from './turn-cost';
import { benchUnderstanding } from './understanding';

const DOCS = fileURLToPath(new URL('../docs/', import.meta.url));
const started = Date.now();
const environment = describeEnvironment();
const say = (line: string) => process.stderr.write(`${line}\n`);
say(`bench: ${environmentLine(environment)}`);

async function part<T>(name: string, run: () => Promise<T> | T): Promise<T | { error: string }> {
  const t = Date.now();
  say(`▶ ${name}`);
  try {
    const result = await run();
    say(`  done in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    return result;
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n').slice(0, 3).join(' ') : String(error);
    say(`  failed: ${message}`);
    return { error: message };
  }
}

const understanding = await part('understanding + retrieval', () => benchUnderstanding());
const adversarial = await part('2,000-character adversarial messages', () => benchAdversarial());
const nluCli = await part('npm run nlu (1,000 lines)', () => benchNluCli());
const lambdas = await part('Lambda bundles and cold starts', () => benchLambdasOnLocalStore());
/** A local server in its own process, rate limits raised for the run, stopped afterwards. */
async function withServer<T>(env: Record<string, string>, run: (url: string, pid: number) => Promise<T>) {
  const server = await spawnServer({
    RATE_LIMIT_PER_MINUTE: '100000',
    RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '1000000',
    ...env,
  });
  try {
    return await run(server.url, server.pid);
  } finally {
    await server.stop();
  }
}

const chat = await part('/api/chat at 1, 10 and 50 sessions', () => withServer({}, benchChatHttp));
// The same server with its tables in its own memory and no store process: what the application
// itself costs per request, apart from the embedded store and the SDK requests to it.
const chatWithoutStore = await part('/api/chat at 10 sessions, tables in memory', () =>
  withServer({ BENCH_STORE: 'memory' }, (url, pid) =>
    benchChatHttp(url, pid, [{ concurrency: 10, requests: 1000 }]),
  ),
);
// Alone, without the rest of the bench: `npx tsx bench/turn-cost-only.ts` (bench/profile-summary.ts reads
// a CPU profile of the server taken with BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR").
const turnCost = await part('issue 17: CPU per turn and per poll, from outside the server', () =>
  withServer({}, benchTurnCost),
);
const storeOps = await part('store operations per turn (cost)', () => benchStoreOps());
const widget = await part('the chat page as published (weight)', () => measureWidgetWeight());

let costPer1000: BenchResults['costPer1000'];
if ('error' in storeOps) costPer1000 = { error: storeOps.error };
else {
  const model = costModel(storeOps, {
    ...defaultAssumptions(),
    ...('error' in widget
      ? {}
      : { widgetBytesPerConversation: widget.bytes, widgetRequestsPerConversation: widget.requests }),
  });
  costPer1000 = {
    web: model.web.per1000,
    zalo: model.zalo.per1000,
    mixed: model.mixedPer1000,
    idleMonthly: model.idle.monthly,
  };
  mkdirSync(DOCS, { recursive: true });
  writeFileSync(
    join(DOCS, 'cost.md'),
    renderCostMarkdown(model, storeOps, environment.date.slice(0, 10), environmentLine(environment)),
  );
}

const results: BenchResults = {
  environment,
  understanding,
  adversarial,
  nluCli,
  lambdas,
  chat,
  chatWithoutStore,
  turnCost,
  costPer1000,
  ...('error' in storeOps
    ? {}
    : {
        dynamoRequestsPerTurn:
          Math.round(Object.values(storeOps.web.turn.dynamoRequests).reduce((a, b) => a + b, 0) * 10) / 10,
        storeRoundsPerTurn: { mean: storeOps.web.turn.rounds, max: storeOps.web.turn.maxRounds },
      }),
  loadAverageEnd: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  durationSeconds: Math.round((Date.now() - started) / 1000),
};
mkdirSync(DOCS, { recursive: true });
writeFileSync(join(DOCS, 'benchmarks.md'), renderBenchmarks(results));
say('wrote docs/benchmarks.md and docs/cost.md');
console.log(
  JSON.stringify({ ...results, storeOps, issue17: issue17Figures(results), targetsMet: verdicts(results) }),
);
