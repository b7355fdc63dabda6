import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { METRIC_NAMES } from '../functions/shared/metrics';
import { ADDRESS_LIMIT_SAMPLING_IN_AWS } from '../infra/runtime-settings';
import { PRICES, type Prices } from './lib/prices';
import { round } from './lib/stats';
import type { PerRequest, StoreOpsBench } from './store-ops';

/** Everything the cost model assumes beyond what the bench measures; each is written in docs/cost.md. */
export interface CostAssumptions {
  lambdaMemoryMb: number;
  /** Lambda gives one full vCPU at 1,769 MB and a proportional share below. */
  fullCpuAtMb: number;
  /** One DynamoDB request from a Lambda in the same region. */
  dynamoRoundTripMs: number;
  /** One OA send from Singapore to Zalo's servers in Viet Nam. */
  oaSendRoundTripMs: number;
  /** START, END and REPORT lines Lambda writes per invocation (none when only its warnings are kept). */
  platformLogBytesPerInvocation: number;
  /** One API Gateway access log line (the JSON format of infra/constructs/http-api.ts). */
  accessLogBytesPerRequest: number;
  /** How long the chat page stays open and visible in a web conversation (its socket stays open). */
  webVisibleSecondsPerConversation: number;
  /** web/js/chat-app.js polls every 2.5 s while the page is visible and its socket cannot open. */
  pollIntervalSeconds: number;
  /** Pages whose socket cannot open (a proxy refusing WebSockets) and that poll instead. */
  pollingFallbackShare: number;
  /** web/js/socket.js pings an idle socket this often (API Gateway closes sockets idle 10 min). */
  socketPingSeconds: number;
  /** One PostToConnection from a Lambda to API Gateway in the same region. */
  postToConnectionMs: number;
  /** EMF metric names (functions/shared/metrics.ts), billed in a month they are published in. */
  customMetrics: number;
  /** The operations dashboard (infra/constructs/ops-dashboard.ts); an account's first 3 are free. */
  dashboards: number;
  /** Share of conversations on web chat; the rest on Zalo. */
  webShare: number;
  /**
   * The chat page's first visit per web conversation, through CloudFront: bytes (compressed) and
   * requests. `npm run bench` measures both on the built pages (bench/lib/widget-weight.ts).
   */
  widgetBytesPerConversation: number;
  widgetRequestsPerConversation: number;
  /** What the idle month stores: sessions expire after 30 days, dossiers and addresses stay. */
  idleStoredGb: number;
  /** 6 Lambdas × (errors, throttles) + dead letters + API 5xx + 3 tables (infra/constructs/ops-alarms.ts). */
  alarms: number;
  /** The Zalo secret and the integration key (infra/constructs/app-secrets.ts). */
  secrets: number;
  /** The customer-managed key of the alarm topic. */
  kmsKeys: number;
  /** The scheduled Zalo token refresh (hourly; it refreshes only when the pair is about 20 h old). */
  scheduledInvocationsPerMonth: number;
}

export function defaultAssumptions(): CostAssumptions {
  return {
    lambdaMemoryMb: configuredLambdaMemory(),
    fullCpuAtMb: 1769,
    dynamoRoundTripMs: 5,
    oaSendRoundTripMs: 80,
    platformLogBytesPerInvocation: platformLogBytes(),
    accessLogBytesPerRequest: 350,
    webVisibleSecondsPerConversation: 180,
    pollIntervalSeconds: 2.5,
    pollingFallbackShare: 0.05,
    socketPingSeconds: 240,
    postToConnectionMs: 10,
    customMetrics: METRIC_NAMES.length,
    dashboards: 1,
    webShare: 0.5,
    widgetBytesPerConversation: 80_000,
    widgetRequestsPerConversation: 12,
    idleStoredGb: 0.1,
    alarms: 19,
    secrets: 2,
    kmsKeys: 1,
    scheduledInvocationsPerMonth: 730,
  };
}

/**
 * START, END and REPORT lines: about 350 bytes an invocation, unless the functions keep only the
 * platform's warnings (infra/constructs/assistant-function.ts), as they do now.
 */
function platformLogBytes(): number {
  const file = fileURLToPath(new URL('../infra/constructs/assistant-function.ts', import.meta.url));
  if (!existsSync(file)) return 350;
  return /systemLogLevelV2:\s*lambda\.SystemLogLevel\.WARN/u.test(readFileSync(file, 'utf8')) ? 0 : 350;
}

/** The memory every Lambda gets unless it says otherwise (infra/constructs/assistant-function.ts). */
function configuredLambdaMemory(): number {
  const file = fileURLToPath(new URL('../infra/constructs/assistant-function.ts', import.meta.url));
  if (!existsSync(file)) return 512;
  const m = /memorySize:\s*props\.memorySize\s*\?\?\s*(\d+)/u.exec(readFileSync(file, 'utf8'));
  return m ? Number(m[1]) : 512;
}

export interface LineItem {
  item: string;
  quantity: string;
  usd: number;
}

export interface ConversationCost {
  channel: 'web' | 'zalo';
  lines: LineItem[];
  /** US dollars per 1,000 conversations. */
  per1000: number;
  /** Web: the part of the cost due to the widget's socket and the fallback polling. */
  pollShare?: number;
}

export interface CostModel {
  assumptions: CostAssumptions;
  prices: Prices;
  /** Estimated Lambda duration per request kind, in ms. */
  durations: Record<'webTurn' | 'webPoll' | 'webSocket' | 'zaloWebhook' | 'zaloProcessor', number>;
  web: ConversationCost;
  zalo: ConversationCost;
  /** The mix of `webShare`. */
  mixedPer1000: number;
  idle: { lines: LineItem[]; monthly: number };
  /** Custom metrics, billed in any month with traffic. */
  metricsMonthly: number;
}

/**
 * Cost per 1,000 conversations and the idle month, from the measured store operations, log bytes
 * and CPU time of one scripted conversation. A Lambda's duration is estimated as the measured
 * local CPU time scaled to its share of a vCPU, plus one assumed round trip per DynamoDB request
 * and per OA send.
 */
export function costModel(
  ops: StoreOpsBench,
  assumptions = defaultAssumptions(),
  prices: Prices = PRICES,
): CostModel {
  const a = assumptions;
  const cpuScale = Math.max(1, a.fullCpuAtMb / a.lambdaMemoryMb);
  const dynamoCalls = (r: PerRequest) => Object.values(r.dynamoRequests).reduce((s, v) => s + v, 0);
  // What one loopback request to the embedded store costs locally, from the turn measured both ways.
  const localStoreMs = Math.max(
    0,
    (ops.web.turn.localMs - ops.computeMsPerTurn) / Math.max(1, dynamoCalls(ops.web.turn)),
  );
  const compute = (r: PerRequest) => Math.max(0.2, r.localMs - dynamoCalls(r) * localStoreMs);
  const duration = (r: PerRequest, cpuMs = compute(r)) =>
    round(
      Math.ceil(cpuMs * cpuScale + dynamoCalls(r) * a.dynamoRoundTripMs + r.oaCalls * a.oaSendRoundTripMs),
      0,
    );
  const durations = {
    webTurn: duration(ops.web.turn, ops.computeMsPerTurn),
    webPoll: duration(ops.web.poll),
    // The subscribe frame (with the backlog), plus the frames posted to the page; connecting and
    // disconnecting invoke nothing.
    webSocket:
      duration(ops.web.socket.subscribe) + ops.web.socket.postsPerConversation * a.postToConnectionMs,
    zaloWebhook: duration(ops.zalo.webhook),
    zaloProcessor: duration(ops.zalo.processor),
  };
  const gb = a.lambdaMemoryMb / 1024;
  const turns = ops.turnsPerConversation;
  const polls =
    a.pollingFallbackShare * Math.round(a.webVisibleSecondsPerConversation / a.pollIntervalSeconds);
  const per1000 = 1000;

  const lambdaLines = (invocations: number, gbSeconds: number): LineItem[] => [
    {
      item: 'Lambda requests',
      quantity: `${fmt(invocations * per1000)} invocations`,
      usd: (invocations * per1000 * prices.lambdaPerMillionRequests) / 1e6,
    },
    {
      item: 'Lambda compute (arm64)',
      quantity: `${fmt(gbSeconds * per1000)} GB-s`,
      usd: gbSeconds * per1000 * prices.lambdaArmPerGbSecond,
    },
  ];
  const dynamoLines = (rru: number, wru: number): LineItem[] => [
    {
      item: 'DynamoDB reads (on-demand)',
      quantity: `${fmt(rru * per1000)} RRU`,
      usd: (rru * per1000 * prices.dynamoPerMillionReadUnits) / 1e6,
    },
    {
      item: 'DynamoDB writes (on-demand)',
      quantity: `${fmt(wru * per1000)} WRU`,
      usd: (wru * per1000 * prices.dynamoPerMillionWriteUnits) / 1e6,
    },
  ];
  const logLine = (bytes: number): LineItem => ({
    item: 'CloudWatch Logs ingestion',
    quantity: `${fmt((bytes * per1000) / 1e6)} MB`,
    usd: ((bytes * per1000) / 2 ** 30) * prices.logsIngestPerGb,
  });
  /** Per 1,000 conversations, for `bytes` and `requests` of one. */
  const cloudFront = (bytes: number, requests: number) =>
    ((bytes * per1000) / 2 ** 30) * prices.cloudFrontPerGbAsia +
    ((requests * per1000) / 1e4) * prices.cloudFrontPer10kHttpsRequests;
  const apiLine = (requests: number): LineItem => ({
    item: 'API Gateway HTTP API',
    quantity: `${fmt(requests * per1000)} requests`,
    usd: (requests * per1000 * prices.httpApiPerMillionRequests) / 1e6,
  });

  // ---- web: each turn and each poll is one API request and one Lambda invocation; a page with
  // its socket open makes one socket invocation (its subscribe frame) and no poll ----
  const w = ops.web;
  const sock = w.socket;
  // Only the subscribe frame invokes the Lambda: the WebSocket API has no $connect or $disconnect
  // route (infra/constructs/realtime-api.ts).
  const socketCalls = [sock.subscribe];
  const socketMessages =
    1 + sock.postsPerConversation + 2 * Math.floor(a.webVisibleSecondsPerConversation / a.socketPingSeconds);
  const webLinesFor = (pollCount: number, socketShare: number): LineItem[] => [
    apiLine(turns + pollCount),
    {
      item: 'API Gateway WebSocket API',
      quantity: `${fmt(socketShare * socketMessages * per1000)} messages, ${fmt((socketShare * a.webVisibleSecondsPerConversation * per1000) / 60)} connection minutes`,
      usd:
        (socketShare * per1000 * socketMessages * prices.websocketPerMillionMessages) / 1e6 +
        (socketShare *
          per1000 *
          (a.webVisibleSecondsPerConversation / 60) *
          prices.websocketPerMillionConnectionMinutes) /
          1e6,
    },
    ...lambdaLines(
      turns + pollCount + socketShare * socketCalls.length,
      ((turns * durations.webTurn + pollCount * durations.webPoll + socketShare * durations.webSocket) /
        1000) *
        gb,
    ),
    ...dynamoLines(
      turns * w.turn.readUnits +
        pollCount * w.poll.readUnits +
        socketShare * socketCalls.reduce((s, r) => s + r.readUnits, 0),
      turns * w.turn.writeUnits +
        pollCount * w.poll.writeUnits +
        socketShare * socketCalls.reduce((s, r) => s + r.writeUnits, 0),
    ),
    logLine(
      turns * w.turn.logBytes +
        pollCount * w.poll.logBytes +
        socketShare * socketCalls.reduce((s, r) => s + r.logBytes, 0) +
        (turns + pollCount + socketShare * socketCalls.length) *
          (a.platformLogBytesPerInvocation + a.accessLogBytesPerRequest),
    ),
    {
      item: 'CloudFront (chat page)',
      quantity: `${fmt((a.widgetBytesPerConversation * per1000) / 1e6)} MB, ${fmt(a.widgetRequestsPerConversation * per1000)} requests`,
      usd: cloudFront(a.widgetBytesPerConversation, a.widgetRequestsPerConversation),
    },
    // The page calls the API and opens its socket on its own origin: CloudFront forwards those
    // (infra/constructs/web-hosting.ts), and bills each request and the answers' bytes.
    {
      item: 'CloudFront (API and socket, forwarded)',
      quantity: `${fmt((turns + pollCount + socketShare) * per1000)} requests`,
      usd: cloudFront(
        turns * w.responseBytes.turn + pollCount * w.responseBytes.poll,
        turns + pollCount + socketShare,
      ),
    },
  ];
  const socketShare = 1 - a.pollingFallbackShare;
  const webLines = webLinesFor(polls, socketShare);

  // ---- Zalo: the webhook (an API request and a Lambda) hands each event to the processor ----
  const z = ops.zalo;
  const zaloLines: LineItem[] = [
    apiLine(turns),
    // Zalo calls the webhook on the distribution's domain, the one verified in the Zalo app
    // (docs/zalo.md §1): CloudFront forwards it, one request per event.
    {
      item: 'CloudFront (webhook, forwarded)',
      quantity: `${fmt(turns * per1000)} requests`,
      usd: cloudFront(0, turns),
    },
    ...lambdaLines(2 * turns, ((turns * (durations.zaloWebhook + durations.zaloProcessor)) / 1000) * gb),
    ...dynamoLines(
      turns * (z.webhook.readUnits + z.processor.readUnits),
      turns * (z.webhook.writeUnits + z.processor.writeUnits),
    ),
    logLine(
      turns *
        (z.webhook.logBytes +
          z.processor.logBytes +
          2 * a.platformLogBytesPerInvocation +
          a.accessLogBytesPerRequest),
    ),
  ];

  const total = (lines: LineItem[]) => lines.reduce((s, l) => s + l.usd, 0);
  const web: ConversationCost = {
    channel: 'web',
    lines: webLines,
    per1000: total(webLines),
    pollShare: 1 - total(webLinesFor(0, 0)) / total(webLines),
  };
  const zalo: ConversationCost = { channel: 'zalo', lines: zaloLines, per1000: total(zaloLines) };

  const idleLines: LineItem[] = [
    { item: 'Secrets Manager', quantity: `${a.secrets} secrets`, usd: a.secrets * prices.secretPerMonth },
    {
      item: 'KMS customer-managed key',
      quantity: `${a.kmsKeys} key`,
      usd: a.kmsKeys * prices.kmsKeyPerMonth,
    },
    {
      item: 'CloudWatch alarms',
      quantity: `${a.alarms} standard alarms`,
      usd: a.alarms * prices.alarmPerMonth,
    },
    {
      item: 'DynamoDB storage + point-in-time recovery',
      quantity: `${a.idleStoredGb} GB`,
      usd: a.idleStoredGb * (prices.dynamoStoragePerGbMonth + prices.dynamoPitrPerGbMonth),
    },
    {
      item: 'Scheduled token refresh',
      quantity: `${a.scheduledInvocationsPerMonth} invocations`,
      usd:
        (a.scheduledInvocationsPerMonth * prices.lambdaPerMillionRequests) / 1e6 +
        a.scheduledInvocationsPerMonth * 0.5 * 0.25 * prices.lambdaArmPerGbSecond,
    },
    {
      item: 'S3 (web pages, access logs) and CloudFront',
      quantity: '< 0.1 GB stored',
      usd: 0.1 * prices.s3StandardPerGbMonth,
    },
    {
      item: 'CloudWatch dashboard',
      quantity: `${a.dashboards} (an account's first 3 are free)`,
      usd: Math.max(0, a.dashboards - 3) * prices.dashboardPerMonth,
    },
    {
      item: 'API Gateway (HTTP and WebSocket), Lambda, DynamoDB requests, custom metrics, Cognito (< 10,000 staff MAU)',
      quantity: 'nothing when idle',
      usd: 0,
    },
  ];
  return {
    assumptions: a,
    prices,
    durations,
    web,
    zalo,
    mixedPer1000: a.webShare * web.per1000 + (1 - a.webShare) * zalo.per1000,
    idle: { lines: idleLines, monthly: total(idleLines) },
    metricsMonthly: a.customMetrics * prices.customMetricPerMonth,
  };
}

function fmt(n: number): string {
  if (n >= 100) return Math.round(n).toLocaleString('en-US');
  return String(round(n, 2));
}

export function usd(n: number): string {
  if (n === 0) return '$0';
  if (n < 0.01) return `$${n.toFixed(4)}`;
  return `$${n.toFixed(2)}`;
}

/** docs/cost.md: the figures, where they come from, and the assumptions to re-check. */
export function renderCostMarkdown(
  model: CostModel,
  ops: StoreOpsBench,
  measuredOn: string,
  environment: string,
): string {
  const a = model.assumptions;
  const p = model.prices;
  const table = (lines: LineItem[]) =>
    [
      '| item | per 1,000 conversations | USD |',
      '|---|---:|---:|',
      ...lines.map((l) => `| ${l.item} | ${l.quantity} | ${usd(l.usd)} |`),
    ].join('\n');
  const opsRow = (name: string, r: PerRequest) =>
    `| ${name} | ${Object.entries(r.dynamoRequests)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')} | ${r.readUnits} | ${r.writeUnits} | ${r.logBytes} | ${r.oaCalls} | ${r.localMs} |`;
  const polls =
    a.pollingFallbackShare * Math.round(a.webVisibleSecondsPerConversation / a.pollIntervalSeconds);
  return `# What it costs on AWS

Generated by \`npm run bench\` on ${measuredOn} (${environment}). The measured figures come from
the bench; the prices are public list prices for **${p.region}** as understood on **${p.checkedOn}**,
without free tiers. **Prices change: re-check every one of them** on the AWS pricing pages or in the
AWS Pricing Calculator before quoting this page.

## The answer

| | USD |
|---|---:|
| 1,000 web chat conversations | ${usd(model.web.per1000)} |
| 1,000 Zalo conversations | ${usd(model.zalo.per1000)} |
| 1,000 conversations, ${Math.round(a.webShare * 100)} % web / ${Math.round((1 - a.webShare) * 100)} % Zalo | **${usd(model.mixedPer1000)}** |
| an idle month (no conversation at all) | **${usd(model.idle.monthly)}** |
| a month with 10,000 conversations (idle + 10 × the mix + ${a.customMetrics} custom metrics) | ${usd(model.idle.monthly + 10 * model.mixedPer1000 + model.metricsMonthly)} |

A conversation is the scripted one below: ${ops.turnsPerConversation} citizen messages. Zalo's own
charges are not AWS costs: replies within 48 hours of the citizen's last message are free on the OA.

## Measured (one scripted conversation, real NLU and knowledge base, the embedded store)

Script (${ops.turnsPerConversation} turns): greeting, a procedure question, a follow-up on the fee, a dossier
lookup (code, then the last 4 digits of the phone), thanks. DynamoDB requests and capacity units are
counted on the DynamoDB client itself (\`ReturnConsumedCapacity\` on every request, as the store
computes it: 4 KB per strongly consistent read unit, 1 KB per write unit; writes to the index
counted again). Per request of each kind:

| request | DynamoDB requests | read units | write units | log bytes | OA sends | local ms |
|---|---|---:|---:|---:|---:|---:|
${opsRow('web chat turn (`POST /api/chat`)', ops.web.turn)}
${opsRow('web poll (`GET /api/chat/{id}/messages?after=`)', ops.web.poll)}
${opsRow('socket subscribe (`$default`, with the backlog)', ops.web.socket.subscribe)}
${opsRow('Zalo webhook (`POST /zalo/webhook`)', ops.zalo.webhook)}
${opsRow('Zalo processor (turn + sends)', ops.zalo.processor)}

UpdateItem is the per-address counter on the web, sampled as deployed (1 request in
${ADDRESS_LIMIT_SAMPLING_IN_AWS} counted as ${ADDRESS_LIMIT_SAMPLING_IN_AWS}, functions/http/address-limit.ts), and the dossier check's attempt
budget; the per-session limit is counted in the session item itself. Earlier turns stay in the
session item while it fits one write unit, so most turns write one item. A poll is measured
here after the ${ops.turnsPerConversation} turns (docs/benchmarks.md compares its CPU after 2 and after 40 turns).
The socket's subscribe frame gets ${ops.web.socket.postsPerConversation} frames back (subscribed, the backlog) through
API Gateway's Management API, counted here, not called.

CPU time of a web turn with the store in memory (median): **${ops.computeMsPerTurn} ms** on this machine.

Estimated billed Lambda duration (${a.lambdaMemoryMb} MB arm64, which gets ${round(a.lambdaMemoryMb / a.fullCpuAtMb, 2)} of a vCPU,
so CPU time × ${round(a.fullCpuAtMb / a.lambdaMemoryMb, 2)}; plus ${a.dynamoRoundTripMs} ms per DynamoDB request and
${a.oaSendRoundTripMs} ms per OA send, ${a.postToConnectionMs} ms per frame posted to a socket): web turn ${model.durations.webTurn} ms, poll ${model.durations.webPoll} ms,
a page's socket (its subscribe frame) ${model.durations.webSocket} ms,
Zalo webhook ${model.durations.zaloWebhook} ms, Zalo processor ${model.durations.zaloProcessor} ms.

## Per 1,000 web conversations

${table(model.web.lines)}
| **total** | | **${usd(model.web.per1000)}** |

The page listens on a WebSocket for what arrives outside its own turns (staff replies, notices) and
polls nothing while it is open; only pages whose socket cannot open (assumed
${Math.round(a.pollingFallbackShare * 100)} %) poll every ${a.pollIntervalSeconds} s, ${round(polls, 1)} polls per conversation on average. With the page open
${a.webVisibleSecondsPerConversation} s per conversation, the socket and the fallback polls together are about
${Math.round((model.web.pollShare ?? 0) * 100)} % of the web cost (polling for everyone was 85 % when issue 17 was filed).

The chat page is published bundled (scripts/build-web.ts): a first visit is ${a.widgetRequestsPerConversation} requests and
${fmt(a.widgetBytesPerConversation / 1000)} kB gzip-compressed, measured on the built pages (the page as written is a graph of
nine modules: 12 requests, three round trips deep on a phone). Answers come back through CloudFront
too (the API is on the page's own origin): ${ops.web.responseBytes.turn} bytes per turn on average in the script.

## Per 1,000 Zalo conversations

${table(model.zalo.lines)}
| **total** | | **${usd(model.zalo.per1000)}** |

## The idle month

${['| item | quantity | USD / month |', '|---|---|---:|', ...model.idle.lines.map((l) => `| ${l.item} | ${l.quantity} | ${usd(l.usd)} |`)].join('\n')}
| **total** | | **${usd(model.idle.monthly)}** |

Nothing runs when nobody writes: no servers, no NAT gateway, no provisioned capacity. The
${a.customMetrics} custom metrics (CloudWatch EMF, no dimensions) cost ${usd(model.metricsMonthly)} in a month with any traffic and nothing
in an idle one.

## Assumptions (change them in bench/cost.ts and bench/lib/prices.ts)

| assumption | value |
|---|---|
${Object.entries(a)
  .map(([k, v]) => `| ${k} | ${v} |`)
  .join('\n')}

| price (${p.region}, ${p.checkedOn}) | USD |
|---|---:|
${Object.entries(p)
  .filter(([k]) => k !== 'checkedOn' && k !== 'region')
  .map(([k, v]) => `| ${k} | ${v} |`)
  .join('\n')}

What is left out: WebSocket frames' bytes through CloudFront (a few hundred bytes per frame), Secrets Manager API calls
(one read per cold start), SQS for the dead-letter queue (empty when healthy), Cognito (staff are
far below 10,000 monthly active users), and any free tier (CloudFront's 10 M requests and 1 TB a month, which would take the CloudFront lines
to $0 at a province's volume; the first 1 M Lambda requests and
400,000 GB-s a month would make a small province's bill close to zero).
`;
}
