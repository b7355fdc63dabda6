import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FAKE_ZALO_DEFAULTS,
  type FakeZaloServer,
  startFakeZaloServer,
  zaloEnv,
  zaloSignature,
} from '../support/fake-zalo-server';
import { startTestServer } from '../support/local-server';
import { captureSuiteLogs, itLeavesNoPersonalDataInLogs, PLANTED, PLANTED_TEXTS } from './suite-logs';

const logs = captureSuiteLogs();
let fake: FakeZaloServer;
let server: Awaited<ReturnType<typeof startTestServer>>;
const unauthorized = { error: { code: 'unauthorized', message: expect.stringMatching(/\S/u) } };

beforeAll(async () => {
  fake = await startFakeZaloServer();
  server = await startTestServer({
    quiet: false,
    env: {
      LOG_LEVEL: 'debug',
      ...zaloEnv(fake),
    },
  });
});
afterAll(async () => {
  await server?.stop();
  await fake?.close();
});

let msgCounter = 0;
function textEvent(userId: string, text: string, o: { msgId?: string; timestamp?: string } = {}) {
  return {
    app_id: FAKE_ZALO_DEFAULTS.appId,
    user_id_by_app: '5512345678901234567',
    event_name: 'user_send_text',
    timestamp: o.timestamp ?? String(Date.now()),
    sender: { id: userId },
    recipient: { id: '2512523625412515321' },
    message: { msg_id: o.msgId ?? `security-msg-${++msgCounter}`, text },
  };
}

async function post(path: string, body: string, headers: Record<string, string>) {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  const text = await res.text();
  return { status: res.status, text };
}
const signed = (body: string, timestamp: string, keys?: Parameters<typeof zaloSignature>[2]) => ({
  'x-zevent-signature': zaloSignature(body, timestamp, keys),
});
const sendsTo = (userId: string) => fake.oaSends().filter((s) => s.userId === userId);

describe('forged Zalo events are answered 200 (Zalo would retry anything else) and never processed', () => {
  const user = '6100000000000000001';
  it.each<[string, () => { body: string; headers: Record<string, string> }]>([
    [
      'a random signature',
      () => ({
        body: JSON.stringify(textEvent(user, 'xin chào')),
        headers: { 'x-zevent-signature': `mac=${createHash('sha256').update('forged').digest('hex')}` },
      }),
    ],
    [
      'signed with another OA secret key',
      () => {
        const e = textEvent(user, 'xin chào');
        const body = JSON.stringify(e);
        return { body, headers: signed(body, e.timestamp, { oaSecretKey: 'someone-else' }) };
      },
    ],
    [
      'signed with the App Secret instead of the OA secret key',
      () => {
        const e = textEvent(user, 'xin chào');
        const body = JSON.stringify(e);
        return { body, headers: signed(body, e.timestamp, { variant: 'app_secret_sha256' }) };
      },
    ],
    [
      'a genuine signature over a tampered body',
      () => {
        const e = textEvent(user, 'xin chào');
        const headers = signed(JSON.stringify(e), e.timestamp);
        return { body: JSON.stringify({ ...e, message: { ...e.message, text: PLANTED_TEXTS[0] } }), headers };
      },
    ],
    [
      'a genuine signature with the timestamp changed',
      () => {
        const e = textEvent(user, 'xin chào');
        const headers = signed(JSON.stringify(e), e.timestamp);
        return { body: JSON.stringify({ ...e, timestamp: String(Number(e.timestamp) + 1) }), headers };
      },
    ],
    [
      'no signature on a real event',
      () => ({ body: JSON.stringify(textEvent(user, PLANTED_TEXTS[1] as string)), headers: {} }),
    ],
    [
      'a malformed signature header',
      () => ({
        body: JSON.stringify(textEvent(user, 'xin chào')),
        headers: { 'x-zevent-signature': 'mac=not-hex' },
      }),
    ],
    [
      'a signature for another app id',
      () => {
        const e = { ...textEvent(user, 'xin chào'), app_id: '1111111111111111111' };
        const body = JSON.stringify(e);
        return { body, headers: signed(body, e.timestamp, { appId: '1111111111111111111' }) };
      },
    ],
  ])('%s', async (_name, make) => {
    const { body, headers } = make();
    const r = await post('/zalo/webhook', body, headers);
    expect(r.status).toBe(200);
    await server.drain();
    expect(sendsTo(user)).toEqual([]);
  });

  it('the Bot Platform webhook refuses a missing or wrong secret token', async () => {
    const update = JSON.stringify({
      event_name: 'message.text.received',
      message: {
        message_id: 'm1',
        date: Date.now(),
        text: 'xin chào',
        from: { id: 'u1', display_name: 'A', is_bot: false },
        chat: { id: 'u1', chat_type: 'PRIVATE' },
      },
    });
    for (const headers of [{}, { 'x-bot-api-secret-token': 'wrong-secret-token' }] as Record<
      string,
      string
    >[]) {
      const r = await post('/zalo/bot/webhook', update, headers);
      expect(r.status).toBe(401);
      expect(JSON.parse(r.text)).toEqual(unauthorized);
    }
  });

  it('the unsigned {} probe Zalo sends when the URL is saved gets 200 and does nothing', async () => {
    const before = fake.oaSends().length;
    expect((await post('/zalo/webhook', '{}', {})).status).toBe(200);
    await server.drain();
    expect(fake.oaSends().length).toBe(before);
  });
});

describe('replayed Zalo events are processed once', () => {
  it('the same signed delivery five times (three at once) is answered exactly once', async () => {
    // A baseline: what a citizen gets for this question from one delivery.
    const base = textEvent('6200000000000000001', 'làm lại căn cước cần gì');
    const baseBody = JSON.stringify(base);
    expect((await post('/zalo/webhook', baseBody, signed(baseBody, base.timestamp))).status).toBe(200);
    await server.drain();
    const expected = sendsTo('6200000000000000001').map((s) => s.message.text);
    expect(expected.length).toBeGreaterThan(0);

    const user = '6200000000000000002';
    const e = textEvent(user, 'làm lại căn cước cần gì', { msgId: 'replayed-msg-0001' });
    const body = JSON.stringify(e);
    const headers = signed(body, e.timestamp);
    const acks = await Promise.all([1, 2, 3].map(() => post('/zalo/webhook', body, headers)));
    acks.push(await post('/zalo/webhook', body, headers));
    // A replay re-signed with a later timestamp (what a replaying attacker with the key, or a
    // redelivery, could send): still the same message.
    const later = { ...e, timestamp: String(Number(e.timestamp) + 60_000) };
    const laterBody = JSON.stringify(later);
    acks.push(await post('/zalo/webhook', laterBody, signed(laterBody, later.timestamp)));
    expect(acks.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    await server.drain();
    expect(sendsTo(user).map((s) => s.message.text)).toEqual(expected);
  });

  it('personal data sent over Zalo is answered and not logged', async () => {
    const user = '6300000000000000001';
    for (const text of PLANTED_TEXTS) {
      const e = textEvent(user, text);
      const body = JSON.stringify(e);
      expect((await post('/zalo/webhook', body, signed(body, e.timestamp))).status).toBe(200);
      await server.drain();
    }
    expect(sendsTo(user).length).toBeGreaterThan(0);
    // And a shared phone (user_submit_info) goes through the same way.
    const info = {
      ...textEvent(user, ''),
      event_name: 'user_submit_info',
      info: { name: PLANTED.names[1], phone: PLANTED.phones[2], address: '12 Thống Nhất' },
    };
    const { message: _m, ...withoutMessage } = info;
    const body = JSON.stringify(withoutMessage);
    expect((await post('/zalo/webhook', body, signed(body, info.timestamp))).status).toBe(200);
    await server.drain();
  });
});

itLeavesNoPersonalDataInLogs(logs, {
  expectEvents: ['zalo_webhook_refused', 'turn'],
  secrets: () => [
    FAKE_ZALO_DEFAULTS.oaSecretKey,
    FAKE_ZALO_DEFAULTS.appSecret,
    FAKE_ZALO_DEFAULTS.accessToken,
    FAKE_ZALO_DEFAULTS.refreshToken,
    FAKE_ZALO_DEFAULTS.botSecretToken,
  ],
});
