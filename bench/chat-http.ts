import { readTrainingMessages } from './lib/corpus';
import { runWorkers, timedJson } from './lib/http-client';
import { type CpuSplit, cpuMeter } from './lib/process-cpu';
import { round, type Summary, summarise } from './lib/stats';

export interface ChatLevel {
  concurrency: number;
  requests: number;
  errors: number;
  /** 200 answers without a bot message (a handed-off conversation stays silent). */
  silent: number;
  latency: Summary;
  throughputPerSecond: number;
  wallMs: number;
  /** CPU per request of the server, its store and the load generator (Linux /proc), when known. */
  cpu?: CpuSplit;
}

export interface ChatHttpBench {
  levels: ChatLevel[];
  /** The sequential run (one session, one request at a time): issue 2's p99 under 100 ms. */
  sequentialP99: number;
}

interface ChatAnswer {
  messages?: unknown[];
}

/**
 * `POST /api/chat` against a started local server at 1, 10 and 50 concurrent sessions. Each
 * session sends its messages one after the other (as a person does), so concurrency is the number
 * of sessions in flight. Hand-off requests are left out of the mix: after one, the assistant stays
 * silent and the turn no longer measures understanding and answering.
 */
export async function benchChatHttp(
  baseUrl: string,
  serverPid: number | undefined,
  plan: { concurrency: number; requests: number }[] = [
    { concurrency: 1, requests: 300 },
    { concurrency: 10, requests: 1000 },
    { concurrency: 50, requests: 1500 },
  ],
): Promise<ChatHttpBench> {
  const texts = readTrainingMessages()
    .filter((m) => m.intent !== 'human_handoff')
    .map((m) => m.text);
  const pick = (worker: number, index: number) => texts[(worker * 131 + index * 17) % texts.length] as string;
  const post = (sessionId: string, text: string) =>
    timedJson<ChatAnswer>(`${baseUrl}/api/chat`, {
      method: 'POST',
      body: JSON.stringify({ sessionId, text }),
    });

  // Warm-up: JIT, connection pool, the store's first writes.
  await runWorkers(4, 80, async (w, i) => void (await post(`bench-warm-session-${w}`, pick(w, i))));

  const levels: ChatLevel[] = [];
  for (const { concurrency, requests } of plan) {
    const latencies: number[] = [];
    let errors = 0;
    let silent = 0;
    const meter = serverPid === undefined ? undefined : cpuMeter(serverPid);
    const wallMs = await runWorkers(concurrency, requests, async (worker, index) => {
      const r = await post(`bench-c${concurrency}-session-${worker}`, pick(worker, index));
      latencies.push(r.ms);
      if (r.status !== 200) errors++;
      else if (!r.body?.messages?.length) silent++;
    });
    const cpu = meter?.split(requests);
    levels.push({
      concurrency,
      requests,
      errors,
      silent,
      latency: summarise(latencies),
      throughputPerSecond: round((requests / wallMs) * 1000, 1),
      wallMs: round(wallMs, 0),
      ...(cpu ? { cpu } : {}),
    });
  }
  return { levels, sequentialP99: levels.find((l) => l.concurrency === 1)?.latency.p99 ?? Number.NaN };
}
