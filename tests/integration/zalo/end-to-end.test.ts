import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  FAKE_ZALO_DEFAULTS,
  type FakeZaloServer,
  signedDelivery,
  startFakeZaloServer,
  zaloFixture,
  zaloSignature,
} from '../../support/fake-zalo-server';
import { startTestServer } from '../../support/local-server';
import { zaloEnv } from '../../unit/zalo/zalo-test-kit';

/**
 * Issue 5's "done when", against the whole assistant (`npm start` in a function) with every Zalo
 * setting pointing at the fake Zalo servers on loopback.
 */
let fake: FakeZaloServer;
let server: Awaited<ReturnType<typeof startTestServer>>;
let msg = 0;

beforeAll(async () => {
  fake = await startFakeZaloServer();
  server = await startTestServer({ env: { ...zaloEnv(fake), RATE_LIMIT_PER_MINUTE: '1000' } });
});
afterAll(async () => {
  await server?.stop();
  await fake?.close();
});
beforeEach(() => fake.reset());

/** A fresh citizen event, stamped now (the interaction window counts from it). */
function event(name: string, overrides: Record<string, unknown> = {}) {
  msg++;
  const base = zaloFixture(name, { timestamp: String(Date.now()), ...overrides });
  if (base.message && !(overrides.message as { msg_id?: string } | undefined)?.msg_id) {
    base.message = { ...(base.message as object), msg_id: `e2e-${Date.now()}-${msg}` };
  }
  return base;
}

async function post(body: string, headers: Record<string, string>) {
  const res = await fetch(`${server.url}/zalo/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return { status: res.status, body: await res.text() };
}
const deliver = (e: Record<string, unknown>) => {
  const d = signedDelivery(e);
  return post(d.body, d.headers);
};
const USER = '8915748452619487411';

describe('Zalo OA end to end (npm start + fake Zalo)', () => {
  it('answers a signed user_send_text through the OA API: right recipient, configured token, about what was asked', async () => {
    const res = await deliver(
      event('user-send-text', { message: { text: 'làm lại căn cước cần giấy tờ gì' } }),
    );
    expect(res.status).toBe(200);
    await server.drain();
    const sent = fake.delivered();
    expect(sent.length).toBeGreaterThan(0);
    for (const s of sent) {
      expect(s.userId).toBe(USER);
      expect(s.accessToken).toBe(FAKE_ZALO_DEFAULTS.accessToken);
    }
    expect(
      sent
        .map((s) => s.message.text)
        .join('\n')
        .toLowerCase(),
    ).toContain('căn cước');
  });

  it('answers a forged signature with 200 and processes nothing', async () => {
    const body = JSON.stringify(event('user-send-text'));
    const res = await post(body, {
      'x-zevent-signature': zaloSignature(body, '1718000000000', { oaSecretKey: 'forged' }),
    });
    expect(res.status).toBe(200);
    await server.drain();
    expect(fake.requests).toEqual([]);
  });

  it('answers the unsigned {} probe with 200', async () => {
    expect((await post('{}', {})).status).toBe(200);
    await server.drain();
    expect(fake.requests).toEqual([]);
  });

  it('answers the same msg_id delivered three times exactly as often as once', async () => {
    const e = event('user-send-text', {
      message: { msg_id: `dup-${Date.now()}`, text: 'lệ phí làm lại căn cước' },
    });
    const results = await Promise.all([deliver(e), deliver(e), deliver(e)]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    await server.drain();
    const once = fake.delivered().length;
    expect(once).toBeGreaterThan(0);
    fake.reset();
    await deliver(e);
    await server.drain();
    expect(fake.requests).toEqual([]);
    // And a different message id is answered with as many parts: the three above counted once.
    await deliver(event('user-send-text', { message: { text: 'lệ phí làm lại căn cước' } }));
    await server.drain();
    expect(fake.delivered().length).toBe(once);
  });

  it('sends nothing for an oa_send_text echo', async () => {
    expect((await deliver(event('oa-send-text'))).status).toBe(200);
    await server.drain();
    expect(fake.requests).toEqual([]);
  });

  it('welcomes a follower', async () => {
    await deliver(event('follow', { follower: { id: '7015748452619487412' } }));
    await server.drain();
    const sent = fake.delivered();
    expect(sent[0]?.userId).toBe('7015748452619487412');
    expect(sent.map((s) => s.message.text).join('\n')).toMatch(/Xin chào/u);
  });

  it('answers an image', async () => {
    await deliver(event('user-send-image'));
    await server.drain();
    expect(fake.delivered().length).toBeGreaterThan(0);
    expect(fake.delivered()[0]?.message.text).toMatch(/ảnh/u);
  });

  it('when the API answers -216, refreshes the token exactly once and the reply then goes out', async () => {
    fake.script.oa({ error: -216 });
    await deliver(event('user-send-text', { message: { text: 'đăng ký khai sinh cần gì' } }));
    await server.drain();
    expect(fake.oauthCalls()).toHaveLength(1);
    const sent = fake.delivered();
    expect(sent.length).toBeGreaterThan(0);
    expect(sent[0]?.accessToken).toBe(fake.tokens().accessToken);
    expect(sent[0]?.accessToken).not.toBe(FAKE_ZALO_DEFAULTS.accessToken);
  });

  it('never sends a message longer than 2,000 characters', async () => {
    for (const text of [
      'thủ tục đăng ký kinh doanh hộ gia đình',
      'cấp giấy phép xây dựng nhà ở riêng lẻ cần những gì',
      'hướng dẫn',
    ]) {
      await deliver(event('user-send-text', { message: { text } }));
    }
    await server.drain();
    expect(fake.oaSends().length).toBeGreaterThan(0);
    for (const s of fake.oaSends()) expect((s.message.text ?? '').length).toBeLessThanOrEqual(2000);
  });
});
