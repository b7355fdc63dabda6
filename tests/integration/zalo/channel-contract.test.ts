import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ZaloChannel } from '../../../functions/channels/zalo/channel';
import type { ZaloRuntime } from '../../../functions/channels/zalo/runtime';
import { startDynalite } from '../../support/dynalite';
import { type FakeZaloServer, startFakeZaloServer } from '../../support/fake-zalo-server';
import { reply, zaloEnv, zaloServices } from '../../unit/zalo/zalo-test-kit';

/**
 * One contract for both Zalo channels (Official Account and Bot Platform), run against the fake
 * Zalo servers with the channel's state in the real embedded store.
 */
let fake: FakeZaloServer;
let dynalite: Awaited<ReturnType<typeof startDynalite>>;
beforeAll(async () => {
  [fake, dynalite] = await Promise.all([startFakeZaloServer(), startDynalite()]);
});
afterAll(async () => {
  await Promise.all([fake?.close(), dynalite?.stop()]);
});
beforeEach(() => fake.reset());

let userCounter = 0;
const nextUser = () => `89157484526194874${String(++userCounter).padStart(2, '0')}`;

interface Adapter {
  channel(runtime: ZaloRuntime): ZaloChannel;
  /** Texts the fake accepted for this recipient, in order. */
  sent(userId: string): string[];
  /** Settings that leave this channel without credentials. */
  unconfigured: Record<string, string>;
  scriptServerError(): void;
}

const adapters: [string, Adapter][] = [
  [
    'Official Account',
    {
      channel: (rt) => rt.oa,
      sent: (userId) =>
        fake
          .delivered()
          .filter((s) => s.userId === userId)
          .map((s) => s.message.text ?? ''),
      unconfigured: { ZALO_ACCESS_TOKEN: '', ZALO_REFRESH_TOKEN: '', ZALO_APP_SECRET: '' },
      scriptServerError: () => fake.script.oa({ status: 502 }),
    },
  ],
  [
    'Bot Platform',
    {
      channel: (rt) => rt.bot,
      sent: (userId) =>
        fake
          .botSends()
          .filter((s) => s.ok && s.chatId === userId)
          .map((s) => s.text),
      unconfigured: { ZALO_BOT_TOKEN: '' },
      scriptServerError: () => fake.script.bot({ status: 502 }),
    },
  ],
];

describe.each(adapters)('Zalo channel contract: %s', (_name, adapter) => {
  function channel(extraEnv: Record<string, string> = {}) {
    const kit = zaloServices(
      zaloEnv(fake, {
        ZALO_ACCESS_TOKEN: fake.tokens().accessToken,
        ZALO_REFRESH_TOKEN: fake.tokens().refreshToken,
        ...extraEnv,
      }),
      { tablesAt: dynalite.tablesAt },
    );
    return { ...kit, channel: adapter.channel(kit.runtime) };
  }

  it('delivers a message to the recipient, with the id exactly as given', async () => {
    const { channel: ch } = channel();
    const user = nextUser();
    expect(await ch.send(user, [reply('Xin chào bạn.')])).toEqual({ status: 'sent', parts: 1 });
    expect(adapter.sent(user)).toEqual(['Xin chào bạn.']);
  });

  it('delivers several messages in order', async () => {
    const { channel: ch } = channel();
    const user = nextUser();
    await ch.send(user, [reply('Một.'), reply('Hai.'), reply('Ba.')]);
    expect(adapter.sent(user)).toEqual(['Một.', 'Hai.', 'Ba.']);
  });

  it('splits a long message into parts of at most 2,000 characters, losing nothing', async () => {
    const { channel: ch } = channel();
    const user = nextUser();
    const long = Array.from({ length: 150 }, (_, i) => `Câu số ${i} hướng dẫn thủ tục hành chính.`).join(' ');
    const outcome = await ch.send(user, [reply(long)]);
    const parts = adapter.sent(user);
    expect(outcome).toEqual({ status: 'sent', parts: parts.length });
    expect(parts.length).toBeGreaterThan(2);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(2000);
    expect(parts.join(' ')).toBe(long);
  });

  it('offers more than three choices as a numbered list the citizen can answer with a number', async () => {
    const { channel: ch } = channel();
    const user = nextUser();
    const choices = Array.from({ length: 5 }, (_, i) => ({
      title: `Mục ${i + 1}`,
      payload: `#qr:menu:m${i + 1}`,
    }));
    await ch.send(user, [reply('Bạn cần gì?', { quickReplies: choices })]);
    expect(adapter.sent(user).join('\n')).toContain('5. Mục 5');
    expect(await ch.resolveChoice(user, '2')).toBe('#qr:menu:m2');
    expect(await ch.resolveChoice(user, ' 5 ')).toBe('#qr:menu:m5');
    expect(await ch.resolveChoice(user, '6')).toBeUndefined();
    expect(await ch.resolveChoice(user, 'hai')).toBeUndefined();
    expect(await ch.resolveChoice(nextUser(), '2')).toBeUndefined();
  });

  it('retries a server error and delivers once', async () => {
    const { channel: ch } = channel();
    const user = nextUser();
    adapter.scriptServerError();
    expect(await ch.send(user, [reply('Xin chào.')])).toEqual({ status: 'sent', parts: 1 });
    expect(adapter.sent(user)).toEqual(['Xin chào.']);
  });

  it('sends nothing without credentials, and says so', async () => {
    const { channel: ch } = channel(adapter.unconfigured);
    expect(await ch.send(nextUser(), [reply('Xin chào.')])).toEqual({ status: 'not_configured' });
    expect(fake.requests).toEqual([]);
  });
});
