import { readTrainingMessages } from './lib/corpus';
import { runWorkers, timedJson } from './lib/http-client';
import { type CpuSplit, cpuMeter } from './lib/process-cpu';
import { round } from './lib/stats';

/** Issue 17's load, measured from outside the server: CPU read from /proc for each process. */
export const TURN_COST_PLAN = { turns: 2000, sessions: 100, concurrency: 4, polls: 400 } as const;

export interface PollCost {
  /** Turns in the conversation before the polls. */
  turnsBefore: number;
  polls: number;
  cpu: CpuSplit;
}

export interface TurnCostBench {
  plan: typeof TURN_COST_PLAN;
  errors: number;
  /** CPU per web turn: the server process, and the embedded store it started. */
  turn: CpuSplit;
  /** CPU per poll (`?after=` the last message, nothing new) after 2 turns and after 40. */
  pollAfter2: PollCost;
  pollAfter40: PollCost;
  /** Server + store CPU of a poll after 40 turns ÷ after 2: 1 when a poll reads only what is new. */
  pollRatio: number;
}

interface Answer {
  messages?: { id: string }[];
}

/**
 * Issue 17's server figures against a server in its own process (keep-alive client, the embedded
 * store): 2,000 turns over 100 sessions, 4 at a time; then what a poll costs once a conversation
 * is 2 turns long and once it is 40 turns long.
 */
export async function benchTurnCost(baseUrl: string, serverPid: number): Promise<TurnCostBench> {
  const plan = TURN_COST_PLAN;
  const texts = readTrainingMessages()
    .filter((m) => m.intent !== 'human_handoff')
    .map((m) => m.text);
  const text = (i: number) => texts[(i * 37) % texts.length] as string;
  const post = (sessionId: string, body: string) =>
    timedJson<Answer>(`${baseUrl}/api/chat`, {
      method: 'POST',
      body: JSON.stringify({ sessionId, text: body }),
    });

  // Warm-up: JIT, connections, the store's first writes. 200 turns is the protocol issue 17's
  // figures were measured with; BENCH_TURN_WARMUP=2000 shows a steady state (V8 still compiles
  // after 200 turns: about a tenth of the server's CPU in the measured turns, by `perf`).
  await runWorkers(
    plan.concurrency,
    Number(process.env.BENCH_TURN_WARMUP ?? 200),
    async (_w, i) => void (await post(`turn-cost-warm-${i % 20}`, text(i))),
  );

  let errors = 0;
  // Task i goes to session i mod 100: the 4 in flight always belong to different sessions.
  const meter = cpuMeter(serverPid);
  await runWorkers(plan.concurrency, plan.turns, async (_w, i) => {
    const r = await post(`turn-cost-session-${i % plan.sessions}`, text(i));
    if (r.status !== 200) errors++;
  });
  const turn = measured(meter.split(plan.turns));

  const pollCost = async (turnsBefore: number): Promise<PollCost> => {
    const sessionId = `turn-cost-poll-${turnsBefore}`;
    for (let i = 0; i < turnsBefore; i++) if ((await post(sessionId, text(i))).status !== 200) errors++;
    const all = await timedJson<Answer>(`${baseUrl}/api/chat/${sessionId}/messages`);
    const last = all.body?.messages?.at(-1)?.id;
    const url = `${baseUrl}/api/chat/${sessionId}/messages${last ? `?after=${last}` : ''}`;
    await runWorkers(plan.concurrency, 40, async () => void (await timedJson(url)));
    const pollMeter = cpuMeter(serverPid);
    await runWorkers(plan.concurrency, plan.polls, async () => {
      if ((await timedJson(url)).status !== 200) errors++;
    });
    return { turnsBefore, polls: plan.polls, cpu: measured(pollMeter.split(plan.polls)) };
  };
  const pollAfter2 = await pollCost(2);
  const pollAfter40 = await pollCost(40);
  const work = (p: PollCost) => p.cpu.serverMs + p.cpu.storeMs;
  return {
    plan,
    errors,
    turn,
    pollAfter2,
    pollAfter40,
    pollRatio: round(work(pollAfter40) / Math.max(0.001, work(pollAfter2)), 2),
  };
}

function measured(split: CpuSplit | undefined): CpuSplit {
  if (!split) throw new Error('CPU per process needs Linux /proc');
  return split;
}
