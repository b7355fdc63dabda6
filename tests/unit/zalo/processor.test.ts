import { describe, expect, it } from 'vitest';
import type { ProcessorJob } from '../../../functions/app/invoker';
import { createHandoffQueue } from '../../../functions/channels/zalo/handoff-queue';
import { runZaloJob } from '../../../functions/channels/zalo/processor';
import { RateLimitedError } from '../../../functions/conversation/errors';
import type { ChatMessage, Inbound } from '../../../functions/conversation/model';
import { zaloFixture } from '../../support/fake-zalo-server';
import { type Answer, reply, useFakeZaloServer, zaloEnv, zaloServices } from './zalo-test-kit';

const USER = '8915748452619487411';
const BOT_CHAT = '6ede9afa66b88fe6d6a9';
const DAY = 86_400_000;

const fake = useFakeZaloServer();

function kit(answer?: Answer) {
  const k = zaloServices(
    zaloEnv(fake, {
      ZALO_ACCESS_TOKEN: fake.tokens().accessToken,
      ZALO_REFRESH_TOKEN: fake.tokens().refreshToken,
    }),
    {
      ...(answer ? { answer } : {}),
    },
  );
  const run = (job: ProcessorJob) => runZaloJob(k.services, job, k.runtime);
  const event = (name: string, overrides: Record<string, unknown> = {}) =>
    run({ type: 'zalo_event', event: zaloFixture(name, overrides), receivedAt: k.clock.now().toISOString() });
  const botEvent = (name: string) =>
    run({ type: 'zalo_bot_event', event: zaloFixture(name), receivedAt: k.clock.now().toISOString() });
  return { ...k, run, event, botEvent };
}

/** Quick replies "Mục 1" … "Mục n": more than three become a numbered list on the OA. */
const menuOf = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ title: `Mục ${i + 1}`, payload: `#qr:menu:m${i + 1}` }));

const sentTexts = () => fake.delivered().map((s) => s.message.text);

describe('OA events become conversation turns', () => {
  it('answers user_send_text to its sender', async () => {
    const k = kit((_ref, inbound) => [reply(`Bạn hỏi: ${inbound.kind === 'text' ? inbound.text : '?'}`)]);
    expect(await k.event('user-send-text')).toBe('answered');
    expect(k.asked).toEqual([
      {
        ref: { channel: 'zalo', userId: USER },
        inbound: { kind: 'text', text: 'làm lại căn cước cần giấy tờ gì' },
      },
    ]);
    expect(fake.delivered()).toMatchObject([
      { userId: USER, message: { text: 'Bạn hỏi: làm lại căn cước cần giấy tờ gì' } },
    ]);
  });

  it('welcomes a new follower', async () => {
    const k = kit();
    await k.event('follow');
    expect(k.asked[0]?.inbound).toEqual({ kind: 'follow' });
    expect(fake.delivered()).toHaveLength(1);
  });

  it('records an unfollow without a turn or a send, and later messages to them are not attempted', async () => {
    const k = kit();
    await k.runtime.recipients.touch('zalo', USER, new Date(k.clock.now().getTime() - 1000));
    expect(await k.event('unfollow')).toBe('recorded');
    expect(k.asked).toEqual([]);
    expect(
      await k.run({
        type: 'zalo_send',
        channel: 'zalo',
        userId: USER,
        messages: [reply('Thông báo hồ sơ.')],
      }),
    ).toBe('undelivered');
    expect(fake.requests).toEqual([]);
    expect(await k.runtime.recipients.listUndelivered('zalo', USER)).toMatchObject([
      { reason: 'recipient_unreachable', code: -213 },
    ]);
  });

  it.each<[string, Inbound]>([
    [
      'user-send-image',
      { kind: 'attachment', type: 'image', url: 'https://photo-stal-1.zdn.vn/2024/06/10/abc.jpg' },
    ],
    ['user-send-gif', { kind: 'attachment', type: 'gif', url: 'https://g.zdn.vn/x.gif' }],
    [
      'user-send-sticker',
      {
        kind: 'attachment',
        type: 'sticker',
        url: 'https://zalo-api.zadn.vn/api/emoticon/sticker/webpc?eid=31532',
      },
    ],
    ['user-send-file', { kind: 'attachment', type: 'file', url: 'https://f.zdn.vn/don-de-nghi.pdf' }],
    ['user-send-audio', { kind: 'attachment', type: 'audio', url: 'https://voice.zdn.vn/v.aac' }],
    ['user-send-video', { kind: 'attachment', type: 'video', url: 'https://video.zdn.vn/v.mp4' }],
    ['user-send-link', { kind: 'attachment', type: 'link', url: 'https://dichvucong.gov.vn' }],
    [
      'user-send-location',
      { kind: 'location', lat: 11.5673, lng: 108.9886, text: 'Quảng trường 16 Tháng 4' },
    ],
    ['user-submit-info', { kind: 'shared_info', phone: '0912345678', name: 'Nguyễn Văn A' }],
  ])('%s is read as %j and answered', async (name, inbound) => {
    const k = kit();
    expect(await k.event(name)).toBe('answered');
    expect(k.asked[0]?.inbound).toEqual(inbound);
    expect(fake.delivered()).toHaveLength(1);
  });

  it('acknowledges an unknown event with a log line and nothing else', async () => {
    const k = kit();
    expect(await k.event('user-send-business-card')).toBe('ignored');
    expect(k.asked).toEqual([]);
    expect(fake.requests).toEqual([]);
    expect(k.events()).toContainEqual(
      expect.objectContaining({ event: 'zalo_event_unhandled', eventName: 'user_send_business_card' }),
    );
  });

  it.each(['oa-send-text', 'user-received-message'])('never answers %s', async (name) => {
    const k = kit();
    expect(await k.event(name)).toBe('ignored');
    expect(fake.requests).toEqual([]);
  });

  it('updates the citizen’s last-interaction clock with Zalo’s timestamp of the event', async () => {
    const k = kit();
    const at = k.clock.now().getTime() - 3 * 3_600_000;
    await k.event('user-send-text', { timestamp: String(at) });
    expect((await k.runtime.recipients.lastInteraction('zalo', USER))?.getTime()).toBe(at);
  });

  it('never moves the clock back for a late redelivery of an older event', async () => {
    const k = kit();
    const recent = k.clock.now().getTime() - 60_000;
    await k.event('user-send-text', { timestamp: String(recent), message: { msg_id: 'new' } });
    await k.event('user-send-text', { timestamp: String(recent - 5 * DAY), message: { msg_id: 'old' } });
    expect((await k.runtime.recipients.lastInteraction('zalo', USER))?.getTime()).toBe(recent);
  });

  it('answers a bare number with the payload of that choice of the last numbered list', async () => {
    const menu = menuOf(5);
    const k = kit((_ref, inbound) =>
      inbound.kind === 'text' && inbound.text === 'menu'
        ? [reply('Chọn một mục:', { quickReplies: menu })]
        : [reply('Được.')],
    );
    await k.event('user-send-text', { message: { msg_id: 'm-1', text: 'menu' } });
    expect(sentTexts()[0]).toContain('2. Mục 2');
    await k.event('user-send-text', { message: { msg_id: 'm-2', text: '2' } });
    await k.event('user-send-text', { message: { msg_id: 'm-3', text: '9' } });
    expect(k.asked.map((a) => a.inbound)).toEqual([
      { kind: 'text', text: 'menu' },
      { kind: 'text', text: '#qr:menu:m2' },
      { kind: 'text', text: '9' },
    ]);
  });

  it('forgets a numbered list once newer buttons were offered', async () => {
    const menu = menuOf(4);
    let turn = 0;
    const k = kit(() => {
      turn++;
      if (turn === 1) return [reply('Chọn:', { quickReplies: menu })];
      if (turn === 2)
        return [reply('Có hữu ích không?', { quickReplies: [{ title: 'Có', payload: '#qr:yes' }] })];
      return [reply('Được.')];
    });
    await k.event('user-send-text', { message: { msg_id: 'a', text: 'menu' } });
    await k.event('user-send-text', { message: { msg_id: 'b', text: 'hỏi' } });
    await k.event('user-send-text', { message: { msg_id: 'c', text: '2' } });
    expect(k.asked[2]?.inbound).toEqual({ kind: 'text', text: '2' });
  });

  // The session names the list by its reply's id; a turn in between (no quick replies) moves that
  // reply out of the session into the transcript, where the number is still read against it.
  it('reads a number against a list offered two turns back, but not against one older than a day', async () => {
    const menu = menuOf(4);
    const k = kit((_ref, inbound) =>
      inbound.kind === 'text' && inbound.text === 'menu'
        ? [reply('Chọn:', { quickReplies: menu, createdAt: k.clock.now().toISOString() })]
        : [reply('Được.')],
    );
    await k.event('user-send-text', { message: { msg_id: 'd-1', text: 'menu' } });
    await k.event('user-send-text', { message: { msg_id: 'd-2', text: 'cảm ơn' } });
    await k.event('user-send-text', { message: { msg_id: 'd-3', text: '3' } });
    k.clock.advance(25 * 3_600_000);
    await k.event('user-send-text', { message: { msg_id: 'd-4', text: '2' } });
    expect(k.asked.map((a) => a.inbound)).toEqual([
      { kind: 'text', text: 'menu' },
      { kind: 'text', text: 'cảm ơn' },
      { kind: 'text', text: '#qr:menu:m3' },
      { kind: 'text', text: '2' },
    ]);
  });

  it('never sends a message over 2,000 characters', async () => {
    const long = Array.from(
      { length: 120 },
      (_, i) => `Đây là câu thứ ${i} của một câu trả lời rất dài.`,
    ).join(' ');
    const k = kit(() => [reply(long)]);
    await k.event('user-send-text');
    expect(fake.delivered().length).toBeGreaterThan(1);
    for (const s of fake.oaSends()) expect(s.message.text?.length ?? 0).toBeLessThanOrEqual(2000);
    expect(sentTexts().join(' ')).toBe(long);
  });

  it('gives a flooding citizen no answer to the excess (rate limit), without an error to retry', async () => {
    const k = kit(() => {
      throw new RateLimitedError(30);
    });
    expect(await k.event('user-send-text')).toBe('rate_limited');
    expect(fake.requests).toEqual([]);
  });
});

describe('the webhook’s retry queue (zalo_redrive)', () => {
  it('runs the parked events in the processor, once, and empties the queue', async () => {
    const k = kit();
    const queue = createHandoffQueue(k.services.stores.tables.conversations);
    const job = {
      type: 'zalo_event' as const,
      event: zaloFixture('user-send-text'),
      receivedAt: k.clock.now().toISOString(),
    };
    await queue.park('zalo:msg:parked-1', job, k.clock.now());
    expect(await k.run({ type: 'zalo_redrive' })).toBe('nothing_to_send');
    expect(k.asked).toHaveLength(1);
    expect(fake.delivered()).toHaveLength(1);
    // Nothing left: a second scheduled run does nothing.
    await k.run({ type: 'zalo_redrive' });
    expect(k.asked).toHaveLength(1);
    expect(fake.delivered()).toHaveLength(1);
  });
});

describe('a processor that dies or runs twice', () => {
  it('answers a job delivered twice only once', async () => {
    const k = kit();
    const job: ProcessorJob = {
      type: 'zalo_event',
      event: zaloFixture('user-send-text'),
      receivedAt: k.clock.now().toISOString(),
    };
    expect(await k.run(job)).toBe('answered');
    expect(await k.run(job)).toBe('duplicate');
    expect(k.asked).toHaveLength(1);
    expect(fake.delivered()).toHaveLength(1);
  });

  it('resumes after a failure mid-way: no turn again, only what was not sent', async () => {
    const k = kit(() => [reply('Phần một.'), reply('Phần hai.')]);
    const job: ProcessorJob = {
      type: 'zalo_event',
      event: zaloFixture('user-send-text'),
      receivedAt: k.clock.now().toISOString(),
    };
    // The first message goes out; the second meets three 5xx and the run fails.
    let sends = 0;
    const original = k.runtime.oa.send.bind(k.runtime.oa);
    k.runtime.oa.send = async (userId: string, messages: ChatMessage[]) => {
      sends++;
      if (sends === 2) fake.script.oa({ status: 500 }, { status: 500 }, { status: 500 });
      return original(userId, messages);
    };
    await expect(k.run(job)).rejects.toThrow();
    expect(await k.run(job)).toBe('answered');
    expect(k.asked).toHaveLength(1);
    expect(sentTexts()).toEqual(['Phần một.', 'Phần hai.']);
  });
});

describe('staff replies and notices (zalo_send)', () => {
  it.each([
    ['1 hour', 1 / 24, 'answered', 1],
    ['3 days (billable)', 3, 'answered', 1],
    ['6.9 days', 6.9, 'answered', 1],
    ['7.1 days', 7.1, 'undelivered', 0],
    ['30 days', 30, 'undelivered', 0],
  ])('a citizen last seen %s ago: %s', async (_label, days, result, calls) => {
    const k = kit();
    await k.runtime.recipients.touch('zalo', USER, new Date(k.clock.now().getTime() - days * DAY));
    const notice = reply('Hồ sơ của bạn đã có kết quả.', { from: 'system' });
    expect(await k.run({ type: 'zalo_send', channel: 'zalo', userId: USER, messages: [notice] })).toBe(
      result,
    );
    expect(fake.oaSends()).toHaveLength(calls);
    if (result === 'undelivered') {
      expect(await k.runtime.recipients.listUndelivered('zalo', USER)).toMatchObject([
        { reason: 'interaction_window_closed', messageIds: [notice.id] },
      ]);
      expect(k.events()).toContainEqual(
        expect.objectContaining({ event: 'zalo_undelivered', reason: 'interaction_window_closed' }),
      );
    }
  });

  it('does not call the API for a citizen who never interacted', async () => {
    const k = kit();
    expect(
      await k.run({ type: 'zalo_send', channel: 'zalo', userId: USER, messages: [reply('Thông báo.')] }),
    ).toBe('undelivered');
    expect(fake.requests).toEqual([]);
  });

  it('records a notice Zalo refuses (-230) as undelivered, and does not try again until the citizen writes', async () => {
    const k = kit();
    await k.runtime.recipients.touch('zalo', USER, new Date(k.clock.now().getTime() - DAY));
    fake.script.oa({ error: -230 });
    expect(await k.run({ type: 'zalo_send', channel: 'zalo', userId: USER, messages: [reply('Một.')] })).toBe(
      'undelivered',
    );
    expect(await k.run({ type: 'zalo_send', channel: 'zalo', userId: USER, messages: [reply('Hai.')] })).toBe(
      'undelivered',
    );
    expect(fake.oaSends()).toHaveLength(1);
    k.clock.advance(60_000);
    await k.event('user-send-text', { timestamp: String(k.clock.now().getTime()) });
    expect(await k.run({ type: 'zalo_send', channel: 'zalo', userId: USER, messages: [reply('Ba.')] })).toBe(
      'answered',
    );
  });

  it('sends the same zalo_send job only once when it is retried', async () => {
    const k = kit();
    await k.runtime.recipients.touch('zalo', USER, k.clock.now());
    const job: ProcessorJob = {
      type: 'zalo_send',
      channel: 'zalo',
      userId: USER,
      messages: [reply('Cán bộ trả lời.', { from: 'staff' })],
    };
    await k.run(job);
    expect(await k.run(job)).toBe('duplicate');
    expect(fake.delivered()).toHaveLength(1);
  });

  it('ignores a job of an unknown shape', async () => {
    const k = kit();
    expect(await k.run({ type: 'something_else' } as unknown as ProcessorJob)).toBe('ignored');
  });
});

describe('Bot Platform updates', () => {
  it.each(['bot-text-wrapped', 'bot-text-top-level'])(
    'answers %s in the chat it came from through sendMessage',
    async (name) => {
      const k = kit();
      expect(await k.botEvent(name)).toBe('answered');
      expect(k.asked[0]).toEqual({
        ref: { channel: 'zalo_bot', userId: BOT_CHAT },
        inbound: { kind: 'text', text: 'thủ tục đăng ký khai sinh' },
      });
      expect(fake.botSends()).toMatchObject([{ chatId: BOT_CHAT, ok: true }]);
    },
  );

  it('reads an image as an attachment', async () => {
    const k = kit();
    await k.botEvent('bot-image');
    expect(k.asked[0]?.inbound).toEqual({
      kind: 'attachment',
      type: 'image',
      url: 'https://f.zalo.me/bot/photo.jpg',
    });
  });

  it('acknowledges an unsupported message (a protected user) without answering', async () => {
    const k = kit();
    expect(await k.botEvent('bot-unsupported')).toBe('ignored');
    expect(fake.requests).toEqual([]);
  });
});
