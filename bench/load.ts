/**
 * `npm run load`: 5,000 messages from 200 sessions, mixed intents, half over web chat and half as
 * signed Zalo OA events, against a started local server (its own process) whose OA send API points
 * at a fake on loopback that records each reply by recipient. Every message must get exactly one
 * answer: for web, the HTTP answer; for Zalo, the replies that reach the fake after the event and
 * before that citizen's next message (a citizen waits for the answer before writing again). Some
 * Zalo events are delivered twice on purpose, as Zalo redelivers, and must still be answered once.
 * Writes docs/load.md; the last line on standard output is one JSON object.
 *
 * Options: --sessions=200 --messages=5000 --rate=30 (messages/s offered) --zalo-share=0.5
 *          --redeliver=0.05 --ramp=20 (seconds over which sessions start) --max-seconds=300
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { groupByIntent, readTrainingMessages, seededRandom } from './lib/corpus';
import { describeEnvironment, environmentLine } from './lib/environment';
import { startFakeOa } from './lib/fake-oa';
import { timedJson } from './lib/http-client';
import { spawnServer } from './lib/spawn-server';
import { round, type Summary, summarise } from './lib/stats';
import { BENCH_ZALO, signedEvent } from './lib/zalo-events';

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/u, '').split('=');
    return [k, Number(v)];
  }),
) as Record<string, number>;
const SESSIONS = args.sessions ?? 200;
const MESSAGES = args.messages ?? 5000;
const RATE = args.rate ?? 30;
const ZALO_SHARE = args['zalo-share'] ?? 0.5;
const REDELIVER = args.redeliver ?? 0.05;
const MAX_SECONDS = args['max-seconds'] ?? 300;
/** Sessions start one after another over this many seconds. */
const RAMP_SECONDS = args.ramp ?? 20;
/** A Zalo answer that has not started within this is lost. */
const ANSWER_TIMEOUT_MS = 10_000;
/** After the first reply of an answer, the rest of it (more parts, more messages) follows within this. */
const ANSWER_SETTLE_MS = 150;
const TARGETS = { p99Ms: 150 } as const;

const say = (line: string) => process.stderr.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const environment = describeEnvironment();
say(`load: ${environmentLine(environment)}`);

// ---- what the citizens say ----

const random = seededRandom(20261122);
const byIntent = groupByIntent(readTrainingMessages());
// After a hand-off request the assistant stays silent by design: not what this run measures.
byIntent.delete('human_handoff');
const intents = [...byIntent.keys()].sort();
const DOSSIERS = Array.from({ length: 20 }, (_, i) => ({
  code: `H43.25-2611${String(10 + (i % 18)).padStart(2, '0')}-${String(1000 + i).padStart(4, '0')}`,
  phone: `09${String(12345600 + i * 7).padStart(8, '0')}`,
}));

function scriptFor(count: number): string[] {
  const out: string[] = [];
  while (out.length < count) {
    // One session in ten looks a dossier up: the code, then the last 4 digits of the phone.
    if (out.length < count - 1 && random() < 0.04) {
      const d = DOSSIERS[Math.floor(random() * DOSSIERS.length)] as (typeof DOSSIERS)[number];
      out.push(`tra cứu hồ sơ ${d.code}`, d.phone.slice(-4));
      continue;
    }
    const list = byIntent.get(intents[Math.floor(random() * intents.length)] as string) as string[];
    out.push(list[Math.floor(random() * list.length)] as string);
  }
  return out.slice(0, count);
}

interface Session {
  channel: 'web' | 'zalo';
  id: string;
  script: string[];
}
const sessions: Session[] = Array.from({ length: SESSIONS }, (_, i) => {
  // Interleaved, so both channels ramp up together.
  const channel = Math.floor((i + 1) * ZALO_SHARE) > Math.floor(i * ZALO_SHARE) ? 'zalo' : 'web';
  const count = Math.floor(MESSAGES / SESSIONS) + (i < MESSAGES % SESSIONS ? 1 : 0);
  const id =
    channel === 'zalo'
      ? `8915748452${String(600000000 + i)}`
      : `load-web-session-${String(i).padStart(4, '0')}`;
  return { channel, id, script: scriptFor(count) };
});

// ---- the run ----

const fake = await startFakeOa();
const server = await spawnServer({
  ZALO_APP_ID: BENCH_ZALO.appId,
  ZALO_OA_SECRET_KEY: BENCH_ZALO.oaSecretKey,
  ZALO_ACCESS_TOKEN: fake.accessToken,
  ZALO_OA_API_BASE: fake.url,
  ZALO_OAUTH_BASE: fake.url,
  // Everyone comes from 127.0.0.1 here; per-session limits stay as configured.
  RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '1000000',
});
say(
  `server ${server.url}, fake OA ${fake.url}; ${SESSIONS} sessions, ${MESSAGES} messages, ~${RATE} messages/s offered`,
);

for (const d of DOSSIERS) {
  const r = await timedJson(`${server.url}/api/integrations/dossiers/${d.code}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${server.integrationApiKey}` },
    body: JSON.stringify({
      procedure: 'Cấp lại thẻ căn cước',
      agency: 'Công an phường Đô Vinh',
      phone: d.phone,
      status: 'processing',
      receivedAt: '2026-11-10',
      dueAt: '2026-12-20',
    }),
  });
  if (r.status !== 200 && r.status !== 201)
    throw new Error(`could not record dossier ${d.code}: ${r.status}`);
}

// Warm-up, not counted: the first requests of a fresh process pay for JIT compilation and the
// store's first writes; cold starts are measured by `npm run bench`, not here.
const warmTexts = [...byIntent.values()].flat().slice(0, 40);
await Promise.all(
  Array.from({ length: 8 }, async (_, w) => {
    for (const [i, text] of warmTexts.entries()) {
      if (i % 8 !== w) continue;
      await timedJson(`${server.url}/api/chat`, {
        method: 'POST',
        body: JSON.stringify({ sessionId: `load-warm-session-${w}`, text }),
      });
      const e = signedEvent({ userId: `891574845260000000${w}`, msgId: `load-warm-${w}-${i}`, text });
      await timedJson(`${server.url}/zalo/webhook`, { method: 'POST', body: e.body, headers: e.headers });
    }
  }),
);
await fake.waitForQuiet(500, 10_000);

interface Outcome {
  channel: 'web' | 'zalo';
  session: string;
  index: number;
  text: string;
  /** Seconds since the run started, to see whether slow answers cluster in time. */
  at: number;
  /** For a duplicated Zalo answer: what arrived. */
  bodies?: string[];
  result: 'answered' | 'silent' | 'error' | 'lost' | 'not_sent';
  status?: number;
  latencyMs?: number;
  ackMs?: number;
  replies: number;
  duplicated: boolean;
  redelivered: boolean;
}
const outcomes: Outcome[] = [];
const startedAt = Date.now();
const deadline = startedAt + MAX_SECONDS * 1000;
const meanThinkMs = (SESSIONS / RATE) * 1000;
const think = () => sleep(meanThinkMs * (0.5 + random()));

/**
 * A Zalo conversation handed to staff gets no reply from the assistant, by design: once one is
 * found in the staff queue its later messages are not waited for as long.
 */
const handedOffDuringRun = new Set<string>();
async function isHandedOff(userId: string): Promise<boolean> {
  const r = await timedJson<{ items?: { sessionId: string }[] }>(
    `${server.url}/api/staff/escalations?status=open&channel=zalo`,
    {
      headers: { authorization: `Bearer ${server.staffToken}` },
    },
  );
  return (r.body?.items ?? []).some((e) => e.sessionId === `zalo:${userId}` || e.sessionId === userId);
}

async function runWeb(s: Session) {
  for (const [index, text] of s.script.entries()) {
    if (Date.now() > deadline) {
      outcomes.push({
        channel: 'web',
        session: s.id,
        index,
        text,
        at: (Date.now() - startedAt) / 1000,
        result: 'not_sent',
        replies: 0,
        duplicated: false,
        redelivered: false,
      });
      continue;
    }
    const r = await timedJson<{ state?: string; messages?: unknown[] }>(`${server.url}/api/chat`, {
      method: 'POST',
      body: JSON.stringify({ sessionId: s.id, text }),
    });
    const replies = r.body?.messages?.length ?? 0;
    outcomes.push({
      channel: 'web',
      session: s.id,
      index,
      text,
      at: (Date.now() - startedAt) / 1000,
      result: r.status !== 200 ? 'error' : replies > 0 ? 'answered' : 'silent',
      status: r.status,
      latencyMs: r.ms,
      replies,
      duplicated: false,
      redelivered: false,
    });
    await think();
  }
}

/** Where each Zalo message's replies start in its citizen's list of received sends. */
interface Dispatch {
  outcome: Outcome;
  sentAt: bigint;
  firstSend: number;
}
const dispatches = new Map<string, Dispatch[]>();

async function runZalo(s: Session) {
  const mine: Dispatch[] = [];
  dispatches.set(s.id, mine);
  for (const [index, text] of s.script.entries()) {
    const at = (Date.now() - startedAt) / 1000;
    if (Date.now() > deadline) {
      outcomes.push({
        channel: 'zalo',
        session: s.id,
        index,
        text,
        at,
        result: 'not_sent',
        replies: 0,
        duplicated: false,
        redelivered: false,
      });
      continue;
    }
    const firstSend = fake.sendsTo(s.id).length;
    const { body, headers } = signedEvent({ userId: s.id, msgId: `load-${s.id}-${index}`, text });
    const redelivered = random() < REDELIVER;
    const sentAt = process.hrtime.bigint();
    const deliver = () => timedJson(`${server.url}/zalo/webhook`, { method: 'POST', body, headers });
    const acks = await Promise.all(redelivered ? [deliver(), deliver()] : [deliver()]);
    const bad = acks.find((a) => a.status !== 200);
    const outcome: Outcome = {
      channel: 'zalo',
      session: s.id,
      index,
      text,
      at,
      result: bad ? 'error' : 'answered',
      status: bad?.status ?? 200,
      ackMs: Math.max(...acks.map((a) => a.ms)),
      replies: 0,
      duplicated: false,
      redelivered,
    };
    outcomes.push(outcome);
    mine.push({ outcome, sentAt, firstSend });
    // The citizen reads the answer (all of it) before writing again.
    const arrived = await fake.waitForMore(
      s.id,
      firstSend,
      handedOffDuringRun.has(s.id) ? 1000 : ANSWER_TIMEOUT_MS,
    );
    if (!arrived && !handedOffDuringRun.has(s.id) && (await isHandedOff(s.id))) handedOffDuringRun.add(s.id);
    let seen = fake.sendsTo(s.id).length;
    for (;;) {
      await sleep(ANSWER_SETTLE_MS);
      const now = fake.sendsTo(s.id).length;
      if (now === seen) break;
      seen = now;
    }
    await think();
  }
}

/**
 * After the run: every send a citizen received between one of their messages and the next belongs
 * to that message (a citizen writes again only after the answer and a pause), the last message
 * takes what came after it. No send → lost; the same body twice in one answer → duplicated.
 */
function attributeZaloReplies() {
  for (const [userId, list] of dispatches) {
    const all = fake.sendsTo(userId);
    for (const [i, d] of list.entries()) {
      const window = all.slice(d.firstSend, list[i + 1]?.firstSend ?? all.length);
      const bodies = window.map((w) => w.body);
      d.outcome.replies = window.length;
      d.outcome.duplicated = new Set(bodies).size !== bodies.length;
      if (d.outcome.duplicated) d.outcome.bodies = bodies;
      const first = window[0];
      if (first) d.outcome.latencyMs = Number(first.at - d.sentAt) / 1e6;
      else if (d.outcome.result === 'answered') d.outcome.result = 'lost';
    }
  }
}

/** The machine's load average every 10 s: other work on a shared machine shows up in the tail. */
const loadSamples: number[] = [];
const progress = setInterval(() => {
  loadSamples.push(round(loadavg()[0] ?? 0, 2));
  say(`  ${outcomes.length} / ${MESSAGES} messages, ${Math.round((Date.now() - startedAt) / 1000)} s`);
}, 10_000);
await Promise.all(
  sessions.map(async (s, i) => {
    // Citizens arrive over a ramp, not all in the same second.
    await sleep((i / sessions.length) * RAMP_SECONDS * 1000 + random() * 200);
    await (s.channel === 'web' ? runWeb(s) : runZalo(s));
  }),
);
clearInterval(progress);
const runSeconds = (Date.now() - startedAt) / 1000;

// Anything still on its way after the last answers belongs to those answers.
await fake.waitForQuiet(2000, 30_000);
attributeZaloReplies();

// Conversations handed to staff stay silent by design; count those apart from lost answers.
const escalations = await timedJson<{ items?: { sessionId: string; channel: string }[] }>(
  `${server.url}/api/staff/escalations?status=open`,
  {
    headers: { authorization: `Bearer ${server.staffToken}` },
  },
);
// Zalo conversations appear as `zalo:<user id>` in the staff queue.
const handedOff = new Set((escalations.body?.items ?? []).map((e) => e.sessionId.replace(/^zalo:/u, '')));
for (const o of outcomes) if (o.result === 'lost' && handedOff.has(o.session)) o.result = 'silent';

const stopped = await server.stop();
await fake.close();

// ---- figures ----

const count = (f: (o: Outcome) => boolean) => outcomes.filter(f).length;
const latency = (channel?: 'web' | 'zalo') =>
  summarise(
    outcomes
      .filter((o) => o.latencyMs !== undefined && (!channel || o.channel === channel))
      .map((o) => o.latencyMs as number),
  );
const serverErrors = server.stderr.filter((l) => /"level":"error"/u.test(l));
const figures = {
  environment,
  options: {
    sessions: SESSIONS,
    messages: MESSAGES,
    offeredRatePerSecond: RATE,
    zaloShare: ZALO_SHARE,
    redeliverShare: REDELIVER,
  },
  runSeconds: round(runSeconds, 1),
  loadAverageEnd: round(loadavg()[0] ?? 0, 2),
  achievedRatePerSecond: round(outcomes.filter((o) => o.result !== 'not_sent').length / runSeconds, 1),
  sent: count((o) => o.result !== 'not_sent'),
  answered: count((o) => o.result === 'answered'),
  errors: count((o) => o.result === 'error'),
  lost: count((o) => o.result === 'lost'),
  duplicated: count((o) => o.duplicated),
  silentHandedOff: count((o) => o.result === 'silent'),
  notSentTimeLimit: count((o) => o.result === 'not_sent'),
  redeliveredEvents: count((o) => o.redelivered),
  byChannel: {
    web: {
      sent: count((o) => o.channel === 'web' && o.result !== 'not_sent'),
      answered: count((o) => o.channel === 'web' && o.result === 'answered'),
    },
    zalo: {
      sent: count((o) => o.channel === 'zalo' && o.result !== 'not_sent'),
      answered: count((o) => o.channel === 'zalo' && o.result === 'answered'),
      repliesReceived: fake.total(),
    },
  },
  latency: { all: latency(), web: latency('web'), zalo: latency('zalo') },
  zaloWebhookAck: summarise(outcomes.filter((o) => o.ackMs !== undefined).map((o) => o.ackMs as number)),
  escalationsOpened: handedOff.size,
  server: {
    errorLogLines: serverErrors.length,
    deadLetters: serverErrors.filter((l) => /dead_letter/u.test(l)).length,
    maxRssMb: stopped.maxRssMb,
    eventLoopDelayMs: stopped.eventLoopDelayMs,
    cpuSeconds: stopped.cpuSeconds,
    uptimeSeconds: stopped.uptimeSeconds,
  },
  errorStatuses: Object.fromEntries(
    [...new Set(outcomes.filter((o) => o.result === 'error').map((o) => o.status))].map((st) => [
      String(st),
      count((o) => o.result === 'error' && o.status === st),
    ]),
  ),
};
const timeline = loadSamples.map((load, i) => {
  const inBucket = outcomes.filter((o) => o.latencyMs !== undefined && o.at >= i * 10 && o.at < (i + 1) * 10);
  const s = summarise(inBucket.map((o) => o.latencyMs as number));
  return { from: i * 10, messages: s.n, p50: s.p50, p99: s.p99, loadAverage: load };
});
const slowest = outcomes
  .filter((o) => o.latencyMs !== undefined)
  .sort((x, y) => (y.latencyMs as number) - (x.latencyMs as number))
  .slice(0, 8)
  .map((o) => ({
    channel: o.channel,
    ms: round(o.latencyMs as number, 0),
    atSecond: round(o.at, 1),
    text: o.text.slice(0, 60),
  }));
const duplicates = outcomes
  .filter((o) => o.duplicated)
  .map((o) => ({ session: o.session, index: o.index, text: o.text, bodies: o.bodies }));
const targetsMet = {
  noErrors: figures.errors === 0,
  noneLost: figures.lost === 0,
  noneDuplicated: figures.duplicated === 0,
  p99Under150ms: figures.latency.all.p99 < TARGETS.p99Ms,
};

const DOCS = fileURLToPath(new URL('../docs/', import.meta.url));
mkdirSync(DOCS, { recursive: true });
writeFileSync(
  join(DOCS, 'load.md'),
  renderLoad(figures, targetsMet, serverErrors.slice(0, 5), slowest, duplicates, timeline),
);
say('wrote docs/load.md');
console.log(JSON.stringify({ ...figures, slowest, duplicates, timeline, targetsMet }));

function renderLoad(
  f: typeof figures,
  t: typeof targetsMet,
  errorSamples: string[],
  slow: typeof slowest,
  dups: typeof duplicates,
  steps: typeof timeline,
): string {
  const yes = (b: boolean) => (b ? 'yes' : '**no**');
  const row = (name: string, s: Summary) =>
    `| ${name} | ${s.n} | ${s.p50} | ${s.p90} | ${s.p99} | ${s.max} |`;
  return `# Load run

Generated by \`npm run load\` (bench/load.ts). Environment: ${environmentLine(f.environment)}.

${f.options.sessions} sessions (${Math.round(f.options.zaloShare * 100)} % Zalo OA, the rest web chat) sent ${f.sent} messages of mixed intents
(training messages of every intent but the hand-off request, and dossier lookups with code and phone)
to a local server in its own process (sessions starting over ${RAMP_SECONDS} s), at about ${f.options.offeredRatePerSecond} messages/s offered (${f.achievedRatePerSecond}/s achieved,
${f.runSeconds} s). Each citizen waits for the answer before writing again. Zalo events are signed as Zalo
signs them; ${f.redeliveredEvents} of them (${Math.round(f.options.redeliverShare * 100)} %) were delivered twice, as Zalo redelivers. The OA send
API is a fake on loopback that records each reply by recipient; every reply a citizen receives
between two of their messages belongs to the first. Before the counted run, 80 warm-up requests
(not counted) take the JIT and the store's first writes out of the figures.

## Against the targets

| target | measured | met |
|---|---|---|
| 0 errors | ${f.errors}${
    Object.keys(f.errorStatuses).length
      ? ` (${Object.entries(f.errorStatuses)
          .map(([k, v]) => `${v} × HTTP ${k}`)
          .join(', ')})`
      : ''
  } | ${yes(t.noErrors)} |
| 0 lost answers | ${f.lost} | ${yes(t.noneLost)} |
| 0 duplicated answers | ${f.duplicated} | ${yes(t.noneDuplicated)} |
| p99 < ${TARGETS.p99Ms} ms | ${f.latency.all.p99} ms | ${yes(t.p99Under150ms)} |

## Counts

| | web | Zalo | all |
|---|---:|---:|---:|
| messages sent | ${f.byChannel.web.sent} | ${f.byChannel.zalo.sent} | ${f.sent} |
| answered exactly once | ${f.byChannel.web.answered} | ${f.byChannel.zalo.answered} | ${f.answered} |

Errors ${f.errors}, lost ${f.lost}, duplicated ${f.duplicated}, silent because handed to staff
${f.silentHandedOff} (${f.escalationsOpened} escalations opened), not sent within the time limit ${f.notSentTimeLimit}.
OA sends received by the fake: ${f.byChannel.zalo.repliesReceived}. Server: ${f.server.errorLogLines} error log lines,
${f.server.deadLetters} dead letters, peak memory ${f.server.maxRssMb} MB, event-loop delay p99 ${f.server.eventLoopDelayMs.p99} ms
(max ${f.server.eventLoopDelayMs.max} ms), ${f.server.cpuSeconds} s of CPU in ${f.server.uptimeSeconds} s. Load average at the
end of the run: ${f.loadAverageEnd}.
${errorSamples.length ? `\nFirst error lines of the server:\n\n${errorSamples.map((l) => `    ${l.slice(0, 300)}`).join('\n')}\n` : ''}
## Latency (ms)

Web: the HTTP round trip of \`POST /api/chat\`. Zalo: from sending the webhook event to the first reply
reaching the OA API. Webhook acknowledgement: the HTTP round trip of \`POST /zalo/webhook\`.

| | n | p50 | p90 | p99 | max |
|---|---:|---:|---:|---:|---:|
${row('all answers', f.latency.all)}
${row('web chat', f.latency.web)}
${row('Zalo (event → first reply)', f.latency.zalo)}
${row('Zalo webhook acknowledgement', f.zaloWebhookAck)}

Over time (messages sent in each 10 s, their latency, and the machine's 1-minute load average then):

| from s | messages | p50 ms | p99 ms | load average |
|---:|---:|---:|---:|---:|
${steps.map((x) => `| ${x.from} | ${x.messages} | ${x.p50} | ${x.p99} | ${x.loadAverage} |`).join('\n')}

The slowest answers (second of the run, channel, ms, message):

${slow.map((o) => `- ${o.atSecond} s, ${o.channel}, ${o.ms} ms: “${o.text}”`).join('\n')}
${
  dups.length
    ? `\n## Duplicated answers\n\n${dups.map((d) => `- ${d.session} message ${d.index} “${d.text}”: ${(d.bodies ?? []).map((b) => b.slice(0, 120)).join(' ‖ ')}`).join('\n')}\n`
    : ''
}`;
}
