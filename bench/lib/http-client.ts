/** A tiny JSON client for the benchmarks: one request, its status, parsed body and latency. */
export interface Timed<T = unknown> {
  status: number;
  body: T | undefined;
  ms: number;
  headers: Headers;
}

export async function timedJson<T = unknown>(
  url: string,
  init: { method?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<Timed<T>> {
  const started = process.hrtime.bigint();
  try {
    const res = await fetch(url, {
      method: init.method ?? 'GET',
      headers: { 'content-type': 'application/json', ...init.headers },
      ...(init.body !== undefined ? { body: init.body } : {}),
    });
    const text = await res.text();
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    let body: T | undefined;
    try {
      body = JSON.parse(text) as T;
    } catch {
      body = undefined;
    }
    return { status: res.status, body, ms, headers: res.headers };
  } catch {
    // A refused or reset connection counts as status 0: an error the report must show.
    return {
      status: 0,
      body: undefined,
      ms: Number(process.hrtime.bigint() - started) / 1e6,
      headers: new Headers(),
    };
  }
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
