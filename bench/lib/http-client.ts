import { Agent, request } from 'node:http';

/** A tiny JSON client for the benchmarks: one request, its status, parsed body and latency. */
export interface Timed<T = unknown> {
  status: number;
  body: T | undefined;
  ms: number;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * The load generator shares the machine's two cores with the server and its store, so it should
 * spend as little of them as it can: plain `node:http` over kept-alive connections costs about a
 * third of the CPU of `fetch` (undici) per request, which would otherwise be counted against the
 * server's latency. A citizen's phone is not on the server's machine.
 */
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

export function timedJson<T = unknown>(
  url: string,
  init: { method?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<Timed<T>> {
  const started = process.hrtime.bigint();
  const elapsed = () => Number(process.hrtime.bigint() - started) / 1e6;
  return new Promise((resolve) => {
    // A refused or reset connection counts as status 0: an error the report must show.
    const failed = () => resolve({ status: 0, body: undefined, ms: elapsed(), headers: {} });
    const body = init.body === undefined ? undefined : Buffer.from(init.body, 'utf8');
    const req = request(
      url,
      {
        agent,
        method: init.method ?? 'GET',
        headers: {
          'content-type': 'application/json',
          ...(body ? { 'content-length': String(body.length) } : {}),
          ...init.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', failed);
        res.on('end', () => {
          const ms = elapsed();
          let parsed: T | undefined;
          try {
            parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as T;
          } catch {
            parsed = undefined;
          }
          resolve({ status: res.statusCode ?? 0, body: parsed, ms, headers: res.headers });
        });
      },
    );
    req.on('error', failed);
    req.end(body);
  });
}

/** Runs `workers` asynchronous loops over a shared budget of `total` tasks. */
export async function runWorkers(
  workers: number,
  total: number,
  task: (worker: number, index: number) => Promise<void>,
): Promise<number> {
  const started = process.hrtime.bigint();
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      for (;;) {
        const index = next++;
        if (index >= total) return;
        await task(worker, index);
      }
    }),
  );
  return Number(process.hrtime.bigint() - started) / 1e6;
}
