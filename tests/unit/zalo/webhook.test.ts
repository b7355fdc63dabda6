import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProcessorJob } from '../../../functions/app/invoker';
import { createHandoffQueue } from '../../../functions/channels/zalo/handoff-queue';
import { createZaloWebhookHandler } from '../../../functions/channels/zalo/webhook';
import {
  FAKE_ZALO_DEFAULTS,
  signedDelivery,
  zaloFixture,
  zaloSignature,
} from '../../support/fake-zalo-server';
import { httpEvent, zaloEnv, zaloServices } from './zalo-test-kit';

/** A processor that refuses hand-offs while `down`, and records those it takes. */
function switchableProcessor(
  services: { invoker: { invoke(job: ProcessorJob): Promise<void> } },
  down = true,
) {
  const state = { down, handed: [] as ProcessorJob[] };
  services.invoker = {
    invoke: async (job) => {
      if (state.down) throw new Error('Lambda throttled');
      state.handed.push(job);
    },
  };
  return state;
}

function setup(env: Record<string, string> = zaloEnv(undefined)) {
  const kit = zaloServices(env);
  const handler = createZaloWebhookHandler(async () => kit.services);
  const post = (body: string | undefined, headers: Record<string, string> = {}) =>
    handler(httpEvent('/zalo/webhook', body, headers));
  const deliver = (event: Record<string, unknown>, keys?: Parameters<typeof signedDelivery>[1]) => {
    const d = signedDelivery(event, keys);
    return post(d.body, d.headers);
  };
  return { ...kit, handler, post, deliver };
}

const errorOf = (body: string | undefined) =>
  (JSON.parse(body ?? '{}') as { error?: { code: string; message: string } }).error;

describe('POST /zalo/webhook', () => {
  it('answers the unsigned {} probe with 200 and does nothing else', async () => {
    const { post, jobs } = setup();
    const res = await post('{}');
    expect(res.statusCode).toBe(200);
    expect(jobs).toEqual([]);
  });

  it('answers the probe with 200 even when no Zalo keys are configured', async () => {
    const { post } = setup({});
    expect((await post('{}')).statusCode).toBe(200);
  });

  it('hands a signed user_send_text to the processor and answers 200', async () => {
    const { deliver, jobs } = setup();
    const res = await deliver(zaloFixture('user-send-text'));
    expect(res.statusCode).toBe(200);
    expect(jobs).toHaveLength(1);
    const job = jobs[0] as Extract<ProcessorJob, { type: 'zalo_event' }>;
    expect(job.type).toBe('zalo_event');
    expect(job.event).toMatchObject({ event_name: 'user_send_text', sender: { id: '8915748452619487411' } });
  });

  it.each([
    [
      'a forged signature',
      (b: string) => ({ 'x-zevent-signature': zaloSignature(b, '1718000000000', { oaSecretKey: 'wrong' }) }),
    ],
    ['no signature', () => ({})],
    ['a signature of another body', () => ({ 'x-zevent-signature': zaloSignature('{}', '1718000000000') })],
    ['garbage in the header', () => ({ 'x-zevent-signature': 'mac=nothex' })],
  ])(
    'refuses %s by not processing it: 200 for Zalo, a counted log line, no hand-off',
    async (_label, headersFor) => {
      const { post, jobs, events, lines } = setup();
      const body = JSON.stringify(zaloFixture('user-send-text'));
      const res = await post(body, headersFor(body));
      // Anything but 200 is retried by Zalo and can get the OA's webhook switched off.
      expect(res.statusCode).toBe(200);
      expect(jobs).toEqual([]);
      expect(events().filter((e) => e.event === 'zalo_webhook_refused')).toHaveLength(1);
      expect(lines.join('\n')).not.toContain('căn cước');
    },
  );

  it('refuses every signed event when ZALO_APP_ID / ZALO_OA_SECRET_KEY are absent', async () => {
    const { deliver, jobs, events } = setup({});
    expect((await deliver(zaloFixture('user-send-text'))).statusCode).toBe(200);
    expect(jobs).toEqual([]);
    expect(events()).toContainEqual(expect.objectContaining({ event: 'zalo_webhook_refused' }));
  });

  it('refuses an event signed for another app', async () => {
    const { deliver, jobs, events } = setup();
    const res = await deliver(zaloFixture('user-send-text', { app_id: '1111111111111111111' }), {
      appId: '1111111111111111111',
    });
    expect(res.statusCode).toBe(200);
    expect(jobs).toEqual([]);
    expect(events()).toContainEqual(expect.objectContaining({ event: 'zalo_webhook_refused' }));
  });

  it('logs which other variant matched when the configured one does not (bring-up aid)', async () => {
    const { deliver, events, jobs } = setup(
      zaloEnv(undefined, { ZALO_SIGNATURE_VARIANT: 'oa_secret_sha256' }),
    );
    const res = await deliver(zaloFixture('user-send-text'), { variant: 'oa_secret_hmac' });
    expect(res.statusCode).toBe(200);
    expect(jobs).toEqual([]);
    expect(events()).toContainEqual(
      expect.objectContaining({ event: 'zalo_signature_variant_mismatch', matched: 'oa_secret_hmac' }),
    );
  });

  it('accepts the pinned non-default variant', async () => {
    const { deliver, jobs } = setup(zaloEnv(undefined, { ZALO_SIGNATURE_VARIANT: 'app_secret_sha256' }));
    expect((await deliver(zaloFixture('user-send-text'), { variant: 'app_secret_sha256' })).statusCode).toBe(
      200,
    );
    expect(jobs).toHaveLength(1);
  });

  it('takes the timestamp from the X-ZEvent-Timestamp header when the body has none', async () => {
    const { post, jobs } = setup();
    const { timestamp: _t, ...event } = zaloFixture('user-send-text');
    const body = JSON.stringify(event);
    const res = await post(body, {
      'x-zevent-signature': zaloSignature(body, '1718000000000'),
      'x-zevent-timestamp': '1718000000000',
    });
    expect(res.statusCode).toBe(200);
    expect(jobs).toHaveLength(1);
  });

  it('does not refuse an old delivery: Zalo retries for hours, and the msg_id claim stops replays', async () => {
    const { deliver, jobs } = setup();
    const old = zaloFixture('user-send-text', { timestamp: '1500000000000' });
    expect((await deliver(old)).statusCode).toBe(200);
    expect((await deliver(old)).statusCode).toBe(200);
    expect(jobs).toHaveLength(1);
  });

  it('hands the same msg_id over once, however often it is delivered', async () => {
    const { deliver, jobs } = setup();
    const event = zaloFixture('user-send-text');
    for (let i = 0; i < 3; i++) expect((await deliver(event)).statusCode).toBe(200);
    expect(jobs).toHaveLength(1);
  });

  it('tells follow events apart by user and timestamp, and repeats of one apart from a new one', async () => {
    const { deliver, jobs } = setup();
    await deliver(zaloFixture('follow'));
    await deliver(zaloFixture('follow'));
    await deliver(zaloFixture('follow', { timestamp: '1718000099000' }));
    await deliver(zaloFixture('follow', { follower: { id: '1234567890123456789' } }));
    expect(jobs).toHaveLength(3);
  });

  it.each(['oa-send-text', 'user-received-message'])(
    'ignores %s (echoes and receipts) without handing anything over',
    async (name) => {
      const { deliver, jobs } = setup();
      expect((await deliver(zaloFixture(name))).statusCode).toBe(200);
      expect(jobs).toEqual([]);
    },
  );

  it('acknowledges an unknown event and logs it', async () => {
    const { deliver, jobs, events } = setup();
    expect((await deliver(zaloFixture('user-send-business-card'))).statusCode).toBe(200);
    expect(jobs).toEqual([]);
    expect(events()).toContainEqual(
      expect.objectContaining({ event: 'zalo_event_unhandled', eventName: 'user_send_business_card' }),
    );
  });

  it('retries a failed hand-off once at once', async () => {
    const kit = setup();
    let failures = 1;
    const handed: ProcessorJob[] = [];
    kit.services.invoker = {
      invoke: async (job) => {
        if (failures-- > 0) throw new Error('Lambda throttled');
        handed.push(job);
      },
    };
    expect((await kit.deliver(zaloFixture('user-send-text'))).statusCode).toBe(200);
    expect(handed).toHaveLength(1);
  });

  it('parks a hand-off that keeps failing, answers 200, and hands it over once the processor is back', async () => {
    const kit = setup();
    const processor = switchableProcessor(kit.services);
    const { handed } = processor;
    const event = zaloFixture('user-send-text');
    expect((await kit.deliver(event)).statusCode).toBe(200);
    expect(handed).toEqual([]);
    expect(kit.events()).toContainEqual(expect.objectContaining({ event: 'zalo_handoff_parked' }));
    // Zalo's own redelivery of the same event is a duplicate now: the parked copy is the one kept.
    processor.down = false;
    expect((await kit.deliver(event)).statusCode).toBe(200);
    expect(handed).toEqual([]);
    const queue = createHandoffQueue(kit.services.stores.tables.conversations);
    expect(await queue.redrive((job) => kit.services.invoker.invoke(job), kit.services.log)).toEqual({
      sent: 1,
      left: 0,
    });
    expect(handed).toHaveLength(1);
    expect((handed[0] as Extract<ProcessorJob, { type: 'zalo_event' }>).event).toMatchObject({
      message: { msg_id: (event.message as { msg_id: string }).msg_id },
    });
    expect(await queue.redrive((job) => kit.services.invoker.invoke(job), kit.services.log)).toEqual({
      sent: 0,
      left: 0,
    });
  });

  it('answers 200 even when the store and the processor are both down, and says so in the log', async () => {
    const kit = setup();
    kit.services.invoker = {
      invoke: async () => {
        throw new Error('Lambda throttled');
      },
    };
    const failing = async () => {
      throw new Error('store down');
    };
    kit.services.stores.guards.claimOnce = failing;
    kit.services.stores.tables.conversations.put = failing;
    expect((await kit.deliver(zaloFixture('user-send-text'))).statusCode).toBe(200);
    expect(kit.events().map((e) => e.event)).toEqual(
      expect.arrayContaining(['zalo_claim_failed', 'zalo_handoff_failed', 'zalo_handoff_lost']),
    );
  });

  it('redrives parked hand-offs after a later successful one', async () => {
    const kit = setup();
    const processor = switchableProcessor(kit.services);
    const { handed } = processor;
    await kit.deliver(zaloFixture('user-send-text'));
    processor.down = false;
    // A minute later (the redrive runs at most once a minute per container), another citizen writes.
    kit.clock.advance(61_000);
    await kit.deliver(zaloFixture('user-send-text', { message: { msg_id: 'another-msg-id-1' } }));
    expect(handed).toHaveLength(2);
  });

  // Cost (issue 17): looking for parked jobs is a Query; only a container that parked one looks.
  it('does not look for parked hand-offs when this container parked none, and stops once they are handed over', async () => {
    const kit = setup();
    const table = kit.services.stores.tables.conversations;
    let looks = 0;
    const query = table.query.bind(table);
    table.query = async (pk, options) => {
      if (pk === 'ZALO#HANDOFF') looks++;
      return query(pk, options);
    };
    const processor = switchableProcessor(kit.services, false);
    const deliverAfterAMinute = async (msgId: string) => {
      kit.clock.advance(61_000);
      await kit.deliver(zaloFixture('user-send-text', { message: { msg_id: msgId } }));
    };
    await deliverAfterAMinute('quiet-1');
    await deliverAfterAMinute('quiet-2');
    expect(looks).toBe(0);
    processor.down = true;
    await deliverAfterAMinute('parked-1');
    processor.down = false;
    await deliverAfterAMinute('after-1');
    expect(looks).toBe(1);
    await deliverAfterAMinute('after-2');
    expect(looks).toBe(1);
  });

  it('answers a signed but malformed body and a signed {} with 200, handing neither over', async () => {
    const { post, jobs } = setup();
    const bad = '{"timestamp":"1718000000000",';
    expect(
      (
        await post(bad, {
          'x-zevent-signature': zaloSignature(bad, '1718000000000'),
          'x-zevent-timestamp': '1718000000000',
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await post('{}', { 'x-zevent-signature': zaloSignature('{}', '1'), 'x-zevent-timestamp': '1' }))
        .statusCode,
    ).toBe(200);
    expect(jobs).toEqual([]);
  });

  it('refuses other methods and unknown paths in the contract shape', async () => {
    const { handler } = setup();
    const get = await handler(httpEvent('/zalo/webhook', undefined, {}, 'GET'));
    expect(get.statusCode).toBe(405);
    const other = await handler(httpEvent('/zalo/elsewhere', '{}'));
    expect(other.statusCode).toBe(404);
    expect(errorOf(other.body)?.code).toBe('not_found');
  });

  it('never logs the message text, the phone or the secrets', async () => {
    const { deliver, lines } = setup();
    await deliver(zaloFixture('user-submit-info'));
    await deliver(zaloFixture('user-send-text'));
    const all = lines.join('\n');
    expect(all).not.toContain('0912345678');
    expect(all).not.toContain('84912345678');
    expect(all).not.toContain('căn cước');
    expect(all).not.toContain(FAKE_ZALO_DEFAULTS.oaSecretKey);
  });
});

describe('hostile input', () => {
  const headerValue = fc.oneof(
    fc.string({ maxLength: 80 }),
    fc.stringMatching(/^[0-9a-f]{64}$/).map((h) => `mac=${h}`),
  );
  const body = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.json({ maxDepth: 3 }),
    fc
      .record({
        event_name: fc.string({ maxLength: 20 }),
        timestamp: fc.string({ maxLength: 15 }),
        message: fc.anything(),
      })
      .map((o) => JSON.stringify(o)),
  );

  it('answers any unsigned or wrongly signed body with 200 (bot webhook: 400 or 401) — never a 5xx, never a hand-off', async () => {
    const { handler, jobs } = setup();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/zalo/webhook', '/zalo/bot/webhook'),
        body,
        fc.option(headerValue, { nil: undefined }),
        fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
        async (path, raw, signature, timestamp) => {
          const headers: Record<string, string> = {};
          if (signature !== undefined) {
            headers['x-zevent-signature'] = signature;
            headers['x-bot-api-secret-token'] = signature;
          }
          if (timestamp !== undefined) headers['x-zevent-timestamp'] = timestamp;
          const res = await handler(httpEvent(path, raw, headers));
          if (path === '/zalo/webhook') expect(res.statusCode).toBe(200);
          expect([200, 400, 401]).toContain(res.statusCode);
          if (res.statusCode !== 200) expect(errorOf(res.body)?.code).toMatch(/^[a-z_]+$/u);
        },
      ),
      { numRuns: 300 },
    );
    expect(jobs).toEqual([]);
  });

  it('answers any signed event shape without a 5xx', async () => {
    const { deliver } = setup();
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            event_name: fc.oneof(
              fc.constantFrom('user_send_text', 'follow', 'user_send_location', 'user_submit_info'),
              fc.string(),
            ),
            timestamp: fc.string({ minLength: 1, maxLength: 15 }),
            sender: fc.anything(),
            follower: fc.anything(),
            message: fc.anything(),
            info: fc.anything(),
          },
          { requiredKeys: ['timestamp'] },
        ),
        async (event) => {
          const res = await deliver(event);
          expect(res.statusCode).toBe(200);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('POST /zalo/bot/webhook', () => {
  function bot(env = zaloEnv(undefined)) {
    const kit = setup(env);
    const post = (
      event: Record<string, unknown>,
      secret: string | null = FAKE_ZALO_DEFAULTS.botSecretToken,
    ) =>
      kit.handler(
        httpEvent(
          '/zalo/bot/webhook',
          JSON.stringify(event),
          secret !== null ? { 'x-bot-api-secret-token': secret } : {},
        ),
      );
    return { ...kit, post };
  }

  it.each(['bot-text-wrapped', 'bot-text-top-level'])('accepts the %s delivery shape', async (name) => {
    const { post, jobs } = bot();
    expect((await post(zaloFixture(name))).statusCode).toBe(200);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ type: 'zalo_bot_event', event: { event_name: 'message.text.received' } });
  });

  it.each([
    ['a wrong secret token', 'not-the-secret'],
    ['no secret token', null],
  ])('refuses %s with 401', async (_label, secret) => {
    const { post, jobs } = bot();
    const res = await post(zaloFixture('bot-text-top-level'), secret);
    expect(res.statusCode).toBe(401);
    expect(jobs).toEqual([]);
  });

  it('refuses everything when no bot secret token is configured', async () => {
    const { post, jobs } = bot({});
    expect((await post(zaloFixture('bot-text-top-level'))).statusCode).toBe(401);
    expect(jobs).toEqual([]);
  });

  it('hands the same event_name + message_id over once', async () => {
    const { post, jobs } = bot();
    await post(zaloFixture('bot-text-top-level'));
    await post(zaloFixture('bot-text-top-level'));
    await post(zaloFixture('bot-image'));
    expect(jobs).toHaveLength(2);
  });

  it('acknowledges a body that is no update without handing it over', async () => {
    const { post, jobs } = bot();
    expect((await post({ hello: 'world' })).statusCode).toBe(200);
    expect(jobs).toEqual([]);
  });
});
