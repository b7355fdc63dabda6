import type { BenchResults } from './report';

/** Issue 17's table: where each figure stood when the issue was filed, and what it must reach. */
export const ISSUE17_BASELINE = {
  serverMsPerTurn: 5.0,
  storeMsPerTurn: 3.75,
  storeRoundTripsPerTurn: 4.4,
  pollRatio: 1.8,
  mixedPer1000: 0.17,
  idleMonthly: 3.76,
} as const;
export const ISSUE17_TARGETS = {
  serverMsPerTurn: ISSUE17_BASELINE.serverMsPerTurn / 2,
  storeMsPerTurn: ISSUE17_BASELINE.storeMsPerTurn / 2,
  storeRoundTripsPerTurn: 2,
  pollRatio: 1.3,
  mixedPer1000: 0.05,
  idleMonthly: 3.76,
  coldStartWithFirstAnswerMs: 150,
} as const;

const has = <T>(v: T | { error: string } | undefined): v is T =>
  !!v && !(typeof v === 'object' && 'error' in v);
const met = (value: number | undefined, limit: number) =>
  value === undefined ? '—' : value <= limit ? 'yes' : '**no**';
const show = (value: number | undefined, unit = '') =>
  value === undefined ? 'not measured' : `${value}${unit}`;

/** The rows of issue 17's table, as docs/benchmarks.md shows them and the JSON line carries them. */
export function issue17Figures(r: BenchResults) {
  const t = has(r.turnCost) ? r.turnCost : undefined;
  const cost = has(r.costPer1000) ? r.costPer1000 : undefined;
  const chatBench = has(r.lambdas) ? r.lambdas.lambdas.find((l) => l.name === 'chat') : undefined;
  return {
    serverMsPerTurn: t?.turn.serverMs,
    storeMsPerTurn: t?.turn.storeMs,
    storeRoundTripsPerTurn: r.storeRoundsPerTurn?.mean,
    storeRoundTripsMax: r.storeRoundsPerTurn?.max,
    storeRequestsPerTurn: r.dynamoRequestsPerTurn,
    pollRatio: t?.pollRatio,
    mixedPer1000: cost ? Math.round(cost.mixed * 1000) / 1000 : undefined,
    idleMonthly: cost ? Math.round(cost.idleMonthly * 100) / 100 : undefined,
    coldStartWithFirstAnswerMs:
      chatBench?.coldWithFirst === undefined ? undefined : Math.round(chatBench.coldWithFirst.medianMs),
  };
}

export function renderIssue17(r: BenchResults): string[] {
  const f = issue17Figures(r);
  const t = has(r.turnCost) ? r.turnCost : undefined;
  const b = ISSUE17_BASELINE;
  const g = ISSUE17_TARGETS;
  return [
    '## Issue 17: push instead of polling, half the work per turn',
    '',
    t
      ? `Measured from outside the server process (CPU from /proc): ${t.plan.turns} turns over ${t.plan.sessions} sessions, ${t.plan.concurrency} at a time, kept-alive client, the embedded store; then ${t.plan.polls} polls with \`?after=\` the last message of a 2-turn and of a 40-turn conversation.${t.errors ? ` **${t.errors} requests failed.**` : ''} Load average ${r.environment.loadAverage1m} at the start, ${r.loadAverageEnd ?? '?'} at the end: on a shared machine these figures move; compare runs taken on a quiet one. The CPU lines are halves of the figures quoted when the issue was filed, on another day's VM; \`npm run bench:paired\` measures this checkout and the code the issue was filed against alternately, and their ratio is what the VM's speed cannot move.`
      : `Not measured: ${r.turnCost && 'error' in r.turnCost ? r.turnCost.error : 'skipped'}.`,
    '',
    '| figure | when filed | now | must reach | met |',
    '|---|---:|---:|---:|---|',
    `| server CPU per web turn | ${b.serverMsPerTurn} ms | ${show(f.serverMsPerTurn, ' ms')} | ≤ ${g.serverMsPerTurn} ms | ${met(f.serverMsPerTurn, g.serverMsPerTurn)} |`,
    `| embedded-store CPU per web turn | ${b.storeMsPerTurn} ms | ${show(f.storeMsPerTurn, ' ms')} | ≤ ${g.storeMsPerTurn} ms | ${met(f.storeMsPerTurn, g.storeMsPerTurn)} |`,
    `| store round trips a web turn waits on, mean (most) over docs/cost.md's script | ~${b.storeRoundTripsPerTurn} | ${show(f.storeRoundTripsPerTurn)}${f.storeRoundTripsMax === undefined ? '' : ` (${f.storeRoundTripsMax})`} | ≤ ${g.storeRoundTripsPerTurn} | ${met(f.storeRoundTripsPerTurn, g.storeRoundTripsPerTurn)} |`,
    `| store requests per web turn, same script (what the cost model bills) | — | ${show(f.storeRequestsPerTurn)} | — | — |`,
    `| CPU of a poll after 40 turns ÷ after 2 | ${b.pollRatio} | ${show(f.pollRatio)} | ≤ ${g.pollRatio} | ${met(f.pollRatio, g.pollRatio)} |`,
    `| AWS cost per 1,000 conversations (50 % web, 50 % Zalo) | $${b.mixedPer1000} | ${f.mixedPer1000 === undefined ? 'not measured' : `$${f.mixedPer1000}`} | ≤ $${g.mixedPer1000} | ${met(f.mixedPer1000, g.mixedPer1000)} |`,
    `| idle month | $${b.idleMonthly} | ${f.idleMonthly === undefined ? 'not measured' : `$${f.idleMonthly}`} | ≤ $${g.idleMonthly} | ${met(f.idleMonthly, g.idleMonthly)} |`,
    `| chat Lambda cold start + first question answered | ~284 ms | ${show(f.coldStartWithFirstAnswerMs, ' ms')} | ≤ ${g.coldStartWithFirstAnswerMs} ms | ${met(f.coldStartWithFirstAnswerMs, g.coldStartWithFirstAnswerMs)} |`,
    '',
    t
      ? `Per poll: after 2 turns server ${t.pollAfter2.cpu.serverMs} ms + store ${t.pollAfter2.cpu.storeMs} ms; after 40 turns server ${t.pollAfter40.cpu.serverMs} ms + store ${t.pollAfter40.cpu.storeMs} ms. The load generator spent ${t.turn.loadGeneratorMs} ms per turn. With the live socket open a page polls nothing: polls remain for pages whose socket cannot open.`
      : '',
    '',
  ];
}
