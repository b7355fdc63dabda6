import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices, type Services } from '../functions/app/container';
import { dynamoClient, dynamoRequestsOf } from '../functions/app/dynamo';
import type { AsyncInvoker, ProcessorJob } from '../functions/app/invoker';
import { processJob } from '../functions/channels/zalo/processor';
import { buildZaloRuntime } from '../functions/channels/zalo/runtime';
import { createZaloWebhookHandler } from '../functions/channels/zalo/webhook';
import { readConfig } from '../functions/config/config';
import { createChatHandler } from '../functions/handlers/chat';
import { handleSocketEvent } from '../functions/handlers/realtime';
import { ensureTables, startEmbeddedDynamo } from '../functions/local/embedded-dynamo';
import { systemClock } from '../functions/shared/clock';
import { createLogger } from '../functions/shared/logger';
import { emfMetrics } from '../functions/shared/metrics';
import { ADDRESS_LIMIT_SAMPLING_IN_AWS } from '../infra/runtime-settings';
import { memoryTables } from '../tests/support/memory-tables';
import { type CapacityTally, difference, meterCapacity } from './lib/capacity-meter';
import { httpEvent } from './lib/http-event';
import { round } from './lib/stats';
import { BENCH_ZALO, signedEvent } from './lib/zalo-events';

/** A typical citizen conversation: greet, ask a procedure, a follow-up, look a dossier up, thank. */
export const SCRIPTED_CONVERSATION = [
  'xin chào',
  'làm lại căn cước cần giấy tờ gì',
  'lệ phí bao nhiêu',
  'tra cứu hồ sơ H43.25-241008-0012',
  '5678',
  'cảm ơn bạn',
] as const;

const DOSSIER = {
  procedure: 'Cấp lại thẻ căn cước',
  agency: 'Công an phường Đô Vinh',
  phone: '0912345678',
  status: 'processing' as const,
  receivedAt: '2026-11-08',
  dueAt: '2026-12-15',
};

export interface PerRequest {
  requests: number;
  /** DynamoDB requests by API, per request of this kind. */
  dynamoRequests: Record<string, number>;
  readUnits: number;
  writeUnits: number;
  /** Application log bytes written per request (structured JSON lines, info level). */
  logBytes: number;
  /** Local wall time per request with the embedded store (loopback DynamoDB). */
  localMs: number;
  /** Calls to the OA send API per request (the processor's sends). */
  oaCalls: number;
  /** Sequential store round trips per request, on average and at most (see capacity-meter.ts). */
  rounds: number;
  maxRounds: number;
}

/**
 * One page's socket over a conversation. Only its subscribe frame (with the backlog) invokes the
 * Lambda: the WebSocket API has no $connect or $disconnect route (infra/constructs/realtime-api.ts).
 */
export interface SocketOps {
  subscribe: PerRequest;
  /** Frames the Lambda posts to the page per conversation (subscribed, backlog). */
  postsPerConversation: number;
}

export interface StoreOpsBench {
  turnsPerConversation: number;
  web: {
    turn: PerRequest;
    poll: PerRequest;
    socket: SocketOps;
    /** Mean bytes of an answer's body (a turn's, a poll's): what CloudFront carries back to the page. */
    responseBytes: { turn: number; poll: number };
  };
  zalo: { webhook: PerRequest; processor: PerRequest };
  /** Per-turn compute with the store in memory: what a Lambda spends on the CPU, store waits apart. */
  computeMsPerTurn: number;
}

/**
 * Counts what one scripted conversation costs the store, request by request, by metering the
 * DynamoDB client of real services (real NLU and knowledge base) against the embedded store:
 * a web conversation (each turn, then one poll of the transcript) and the same conversation
 * over Zalo (the webhook's claim, then the processor's turn and sends to a stubbed OA API).
 */
export async function benchStoreOps(): Promise<StoreOpsBench> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-ops-'));
  const dynamo = await startEmbeddedDynamo({ dataDir: dir });
  let logBytes = 0;
  let oaCalls = 0;
  const stubOaApi: typeof fetch = async () => {
    oaCalls++;
    return new Response(
      JSON.stringify({ error: 0, message: 'Success', data: { message_id: 'stub', user_id: 'stub' } }),
      {
        status: 200,
        headers: { 'content-type': 'application/json' },
      },
    );
  };
  try {
    const config = readConfig({
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      AWS_REGION: 'local',
      STAFF_TOKEN: 'bench-staff',
      INTEGRATION_API_KEY: 'bench-integration',
      ZALO_APP_ID: BENCH_ZALO.appId,
      ZALO_OA_SECRET_KEY: BENCH_ZALO.oaSecretKey,
      ZALO_ACCESS_TOKEN: BENCH_ZALO.accessToken,
      RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '100000',
      // As deployed: the per-address counter sampled (infra/runtime-settings.ts).
      RATE_LIMIT_ADDRESS_SAMPLING: String(ADDRESS_LIMIT_SAMPLING_IN_AWS),
    });
    const client = dynamoClient(config);
    // Before the first request: the client builds each command's middleware chain once (cacheMiddleware).
    const meter = meterCapacity(client);
    await ensureTables(client, config.tables);
    const log = createLogger('info', {}, (line) => {
      if (process.env.BENCH_TRACE_LOGS) process.stderr.write(`LOG ${line}\n`);
      logBytes += Buffer.byteLength(line, 'utf8') + 1;
    });
    const jobs: ProcessorJob[] = [];
    const invoker: AsyncInvoker = { invoke: async (job) => void jobs.push(job) };
    // The EMF metric lines are log bytes too.
    const metrics = emfMetrics((line) => {
      logBytes += Buffer.byteLength(line, 'utf8') + 1;
    });
    // Chance made regular (every k-th request sampled), so one short script shows the expected share.
    let draws = 0;
    const random = () => (draws++ % ADDRESS_LIMIT_SAMPLING_IN_AWS === 0 ? 0 : 0.99);
    const services = createServices({
      config,
      log,
      dynamo: dynamoRequestsOf(client),
      invoker,
      metrics,
      random,
    });
    await services.stores.dossiers.upsert('H43.25-241008-0012', DOSSIER, new Date());

    const measure = async (run: () => Promise<unknown>) => {
      const before = meter.snapshot();
      const bytesBefore = logBytes;
      const callsBefore = oaCalls;
      const started = process.hrtime.bigint();
      await run();
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      return {
        tally: difference(meter.snapshot(), before),
        logBytes: logBytes - bytesBefore,
        ms,
        oaCalls: oaCalls - callsBefore,
      };
    };

    // ---- web chat ----
    const chat = createChatHandler(async () => services);
    const turns: Measured[] = [];
    const bodyBytes = { turn: 0, poll: 0 };
    let lastId: string | undefined;
    for (const text of SCRIPTED_CONVERSATION) {
      turns.push(
        await measure(async () => {
          const r = await chat(
            httpEvent('POST', '/api/chat', { body: JSON.stringify({ sessionId: 'bench-cost-web-1', text }) }),
          );
          if (r.statusCode !== 200) throw new Error(`scripted web turn answered ${r.statusCode}`);
          bodyBytes.turn += Buffer.byteLength(r.body ?? '');
        }),
      );
    }
    // The widget polls with the id of the last message it shows.
    const all = await chat(httpEvent('GET', '/api/chat/bench-cost-web-1/messages'));
    lastId = (JSON.parse(all.body ?? '{}') as { messages?: { id: string }[] }).messages?.at(-1)?.id;
    const polls: Measured[] = [];
    for (let i = 0; i < 3; i++) {
      polls.push(
        await measure(async () => {
          const r = await chat(
            httpEvent('GET', '/api/chat/bench-cost-web-1/messages', {
              query: lastId ? `after=${lastId}` : '',
            }),
          );
          bodyBytes.poll += Buffer.byteLength(r.body ?? '');
        }),
      );
    }

    // ---- the page's socket (API Gateway's WebSocket API; the Management API counted, not called) ----
    let posts = 0;
    const poster = async () => {
      posts++;
      return true;
    };
    const socketEvent = (routeKey: string, body?: unknown) =>
      handleSocketEvent(
        services,
        {
          requestContext: { routeKey, connectionId: 'bench-conn-1', domainName: 'bench.local', stage: 'ws' },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        },
        poster,
      );
    const subscribe = await measure(() =>
      socketEvent('$default', { type: 'subscribe', sessionId: 'bench-cost-web-1', after: lastId }),
    );
    const socket: SocketOps = {
      subscribe: perRequest([subscribe]),
      postsPerConversation: posts,
    };

    // ---- Zalo ----
    const webhook = createZaloWebhookHandler(async () => services);
    // The OA send API as a successful stub: the sends themselves are Zalo's business, not AWS's.
    const runtime = buildZaloRuntime(services, { fetch: stubOaApi });
    const hooks: Measured[] = [];
    const processed: Measured[] = [];
    for (const [i, text] of SCRIPTED_CONVERSATION.entries()) {
      const { body, headers } = signedEvent({
        userId: '8915748452619480001',
        msgId: `bench-cost-msg-${i}`,
        text,
      });
      jobs.length = 0;
      hooks.push(
        await measure(async () => {
          const r = await webhook(httpEvent('POST', '/zalo/webhook', { body, headers }));
          if (r.statusCode !== 200) throw new Error(`scripted Zalo delivery answered ${r.statusCode}`);
        }),
      );
      const job = jobs[0];
      if (!job) throw new Error('the webhook handed nothing to the processor');
      processed.push(await measure(() => processJob(services, job, runtime)));
    }

    const computeMsPerTurn = await measureCompute(services);
    return {
      turnsPerConversation: SCRIPTED_CONVERSATION.length,
      web: {
        turn: perRequest(turns),
        poll: perRequest(polls),
        socket,
        responseBytes: {
          turn: Math.round(bodyBytes.turn / turns.length),
          poll: Math.round(bodyBytes.poll / polls.length),
        },
      },
      zalo: { webhook: perRequest(hooks), processor: perRequest(processed) },
      computeMsPerTurn,
    };
  } finally {
    await dynamo.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Measured {
  tally: CapacityTally;
  logBytes: number;
  ms: number;
  oaCalls: number;
}

function perRequest(list: Measured[]): PerRequest {
  const n = list.length;
  const requests: Record<string, number> = {};
  for (const m of list)
    for (const [k, v] of Object.entries(m.tally.requests)) requests[k] = (requests[k] ?? 0) + v;
  const sum = (f: (m: Measured) => number) => list.reduce((s, m) => s + f(m), 0);
  return {
    requests: n,
    dynamoRequests: Object.fromEntries(Object.entries(requests).map(([k, v]) => [k, round(v / n, 2)])),
    readUnits: round(sum((m) => m.tally.readUnits) / n, 2),
    writeUnits: round(sum((m) => m.tally.writeUnits + m.tally.indexWriteUnits) / n, 2),
    logBytes: Math.round(sum((m) => m.logBytes) / n),
    localMs: round(sum((m) => m.ms) / n, 2),
    oaCalls: round(sum((m) => m.oaCalls) / n, 2),
    rounds: round(sum((m) => m.tally.rounds) / n, 2),
    maxRounds: Math.max(0, ...list.map((m) => m.tally.rounds)),
  };
}

/** The same conversation with the store in memory, several times over: the median turn's CPU time. */
async function measureCompute(base: Services): Promise<number> {
  const services = createServices({
    config: base.config,
    log: createLogger('silent'),
    tables: memoryTables(systemClock),
    nlu: base.nlu,
    kb: base.kb,
    invoker: { invoke: async () => {} },
  });
  const chat = createChatHandler(async () => services);
  const samples: number[] = [];
  for (let pass = 0; pass < 8; pass++) {
    for (const text of SCRIPTED_CONVERSATION) {
      const started = process.hrtime.bigint();
      await chat(
        httpEvent('POST', '/api/chat', {
          body: JSON.stringify({ sessionId: `bench-compute-session-${pass}`, text }),
        }),
      );
      if (pass > 0) samples.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  }
  samples.sort((a, b) => a - b);
  return round(samples[Math.floor(samples.length / 2)] ?? Number.NaN, 2);
}
