import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedSend {
  userId: string;
  /** The message body as sent (text, buttons), serialised: two identical answers compare equal. */
  body: string;
  /** `process.hrtime.bigint()` when it arrived. */
  at: bigint;
}

export interface FakeOa {
  url: string;
  accessToken: string;
  sendsTo(userId: string): ReceivedSend[];
  total(): number;
  /** Resolves when `userId` has received more than `count` sends, or after `timeoutMs` (false). */
  waitForMore(userId: string, count: number, timeoutMs: number): Promise<boolean>;
  /** Resolves when no send has arrived for `quietMs`, or after `maxMs`. */
  waitForQuiet(quietMs: number, maxMs: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * The OA send API on loopback for the load run, recording every send by recipient with its arrival
 * time, so each citizen message can be matched with the replies it caused. Answers as Zalo does
 * (HTTP 200, `error: 0`); checks the access token.
 */
export async function startFakeOa(accessToken = 'load-access-token'): Promise<FakeOa> {
  const byUser = new Map<string, ReceivedSend[]>();
  const waiters = new Map<string, (() => void)[]>();
  let total = 0;
  let lastAt = process.hrtime.bigint();
  let counter = 0;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const reply = (body: unknown) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.method !== 'POST' || !req.url?.startsWith('/v3.0/oa/message/cs'))
        return reply({ error: -201, message: 'not supported' });
      if (req.headers.access_token !== accessToken)
        return reply({ error: -216, message: 'Access token is invalid' });
      let parsed: { recipient?: { user_id?: string }; message?: unknown };
      try {
        parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return reply({ error: -201, message: 'invalid body' });
      }
      const userId = String(parsed.recipient?.user_id ?? '');
      const at = process.hrtime.bigint();
      const list = byUser.get(userId) ?? [];
      list.push({ userId, body: JSON.stringify(parsed.message ?? null), at });
      byUser.set(userId, list);
      total++;
      lastAt = at;
      for (const wake of waiters.get(userId) ?? []) wake();
      waiters.delete(userId);
      reply({ error: 0, message: 'Success', data: { message_id: `load-${++counter}`, user_id: userId } });
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    accessToken,
    sendsTo: (userId) => byUser.get(userId) ?? [],
    total: () => total,
    async waitForMore(userId, count, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while ((byUser.get(userId)?.length ?? 0) <= count) {
        const left = deadline - Date.now();
        if (left <= 0) return false;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          const list = waiters.get(userId) ?? [];
          list.push(() => {
            clearTimeout(timer);
            resolve();
          });
          waiters.set(userId, list);
        });
      }
      return true;
    },
    async waitForQuiet(quietMs, maxMs) {
      const deadline = Date.now() + maxMs;
      while (Date.now() < deadline) {
        const idleMs = Number(process.hrtime.bigint() - lastAt) / 1e6;
        if (idleMs >= quietMs) return;
        await new Promise((r) => setTimeout(r, Math.min(quietMs - idleMs + 5, 200)));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
