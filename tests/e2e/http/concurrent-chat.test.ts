import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorShape } from '../../support/error-shape';
import { api, startTestServer } from '../../support/local-server';

/** A double-tap or a flaky phone network, on `npm start`: many messages of one session at once. */
let server: Awaited<ReturnType<typeof startTestServer>>;
let http: ReturnType<typeof api>;
beforeAll(async () => {
  server = await startTestServer();
  http = api(server.url);
});
afterAll(async () => {
  await server?.stop();
});

describe('one session, many messages at once', () => {
  it('answers every accepted message and keeps it in order; a refusal is a 429 in the contract shape', async () => {
    const sessionId = 'e2e-concurrent-0001';
    const results = await Promise.all(Array.from({ length: 20 }, () => http.chat(sessionId, 'xin chào')));
    for (const r of results) {
      expect([200, 429]).toContain(r.status);
      if (r.status === 429) expect(r.body).toEqual(errorShape);
      else expect(r.body.messages.length).toBeGreaterThan(0);
    }
    const answered = results.filter((r) => r.status === 200);
    expect(answered.length).toBeGreaterThanOrEqual(1);
    // Every reply any of them got is in the transcript, in id order, and nothing else.
    const poll = await http.poll(sessionId);
    const ids: string[] = poll.body.messages.map((m: { id: string }) => m.id);
    expect(ids).toEqual([...ids].sort());
    const replied = answered.flatMap((r) => r.body.messages.map((m: { id: string }) => m.id)).sort();
    expect(ids).toEqual(replied);
  });

  it('"cho tôi gặp cán bộ" twice at once leaves one request in the staff queue', async () => {
    const sessionId = 'e2e-concurrent-0002';
    const [a, b] = await Promise.all([
      http.chat(sessionId, 'cho tôi gặp cán bộ'),
      http.chat(sessionId, 'cho tôi gặp cán bộ'),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const queue = await http.call('GET', '/api/staff/escalations?status=open', undefined, 'staff-test-token');
    expect(queue.status).toBe(200);
    const mine = queue.body.items.filter((e: { sessionId: string }) => e.sessionId === sessionId);
    expect(mine).toHaveLength(1);
  });
});
