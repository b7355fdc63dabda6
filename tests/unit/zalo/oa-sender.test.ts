import { describe, expect, it } from 'vitest';
import { policyForCode, ZaloApiError, ZaloTransportError } from '../../../functions/channels/zalo/errors';
import { FAKE_ZALO_DEFAULTS } from '../../support/fake-zalo-server';
import { reply, useFakeZaloServer, zaloEnv, zaloServices } from './zalo-test-kit';

const USER = '8915748452619487411';
const fake = useFakeZaloServer();

/** A fresh context whose clock says the citizen wrote a minute ago, with the fake's current pair. */
async function sender() {
  const kit = zaloServices(
    zaloEnv(fake, {
      ZALO_ACCESS_TOKEN: fake.tokens().accessToken,
      ZALO_REFRESH_TOKEN: fake.tokens().refreshToken,
    }),
  );
  await kit.runtime.recipients.touch('zalo', USER, new Date(kit.clock.now().getTime() - 60_000));
  return kit;
}

describe('the error policy table', () => {
  it.each([
    [-32, 'retry'],
    [-216, 'refresh_token'],
    [-220, 'refresh_token'],
    [-213, 'unreachable'],
    [-227, 'unreachable'],
    [-230, 'unreachable'],
    [-232, 'unreachable'],
    [-244, 'unreachable'],
    [-201, 'fail'],
    [-211, 'fail'],
    [-234, 'fail'],
    [-248, 'fail'],
    [-999, 'fail'],
  ])('%i → %s', (code, policy) => {
    expect(policyForCode(code)).toBe(policy);
  });
});

describe('sending through /v3.0/oa/message/cs', () => {
  it('sends to the right recipient with the configured access token and JSON', async () => {
    const { runtime } = await sender();
    const outcome = await runtime.oa.send(USER, [reply('Xin chào bạn.')]);
    expect(outcome).toEqual({ status: 'sent', parts: 1 });
    const [call] = fake.oaSends();
    expect(call).toMatchObject({
      accessToken: FAKE_ZALO_DEFAULTS.accessToken,
      userId: USER,
      message: { text: 'Xin chào bạn.' },
      error: 0,
    });
    expect(fake.requests[0]?.headers['content-type']).toContain('application/json');
  });

  it('sends buttons without a template_type, at most three', async () => {
    const { runtime } = await sender();
    await runtime.oa.send(USER, [
      reply('Chọn một mục.', {
        quickReplies: [
          { title: 'Có', payload: '#qr:a' },
          { title: 'Không', payload: '#qr:b' },
        ],
      }),
    ]);
    const attachment = fake.delivered()[0]?.message.attachment;
    expect(attachment?.type).toBe('template');
    expect(attachment?.payload.template_type).toBeUndefined();
    expect(attachment?.payload.buttons).toHaveLength(2);
  });

  it.each([
    ['5xx twice', [{ status: 502 }, { status: 503 }], 3],
    ['-32 (rate limit) once', [{ error: -32 }], 2],
    ['a dropped connection', [{ drop: true as const }], 2],
  ])('backs off and retries after %s', async (_label, script, calls) => {
    const { runtime } = await sender();
    fake.script.oa(...script);
    expect(await runtime.oa.send(USER, [reply('Xin chào.')])).toEqual({ status: 'sent', parts: 1 });
    expect(fake.oaSends()).toHaveLength(calls);
    expect(fake.delivered()).toHaveLength(1);
  });

  it('gives up after three tries and throws a typed error (the job is then retried as a whole)', async () => {
    const { runtime } = await sender();
    fake.script.oa({ status: 500 }, { status: 500 }, { status: 500 });
    await expect(runtime.oa.send(USER, [reply('Xin chào.')])).rejects.toBeInstanceOf(ZaloTransportError);
    expect(fake.oaSends()).toHaveLength(3);
  });

  it.each([-216, -220])(
    'on %i refreshes the token exactly once, then the reply goes out with the new one',
    async (code) => {
      const { runtime } = await sender();
      fake.script.oa({ error: code });
      expect(await runtime.oa.send(USER, [reply('Xin chào.')])).toEqual({ status: 'sent', parts: 1 });
      expect(fake.oauthCalls()).toHaveLength(1);
      expect(fake.delivered()[0]?.accessToken).toBe(fake.tokens().accessToken);
      // The new pair is kept: the next send uses it without another refresh.
      await runtime.oa.send(USER, [reply('Lần nữa.')]);
      expect(fake.oauthCalls()).toHaveLength(1);
      expect(await runtime.tokenStore.read()).toMatchObject(fake.tokens());
    },
  );

  it('does not refresh twice when the refreshed token is refused as well', async () => {
    const { runtime } = await sender();
    fake.script.oa({ error: -216 }, { error: -216 });
    await expect(runtime.oa.send(USER, [reply('Xin chào.')])).rejects.toMatchObject({ code: -216 });
    expect(fake.oauthCalls()).toHaveLength(1);
  });

  it.each([-213, -227, -230, -232, -244])(
    'never retries %i: marks the citizen unreachable instead',
    async (code) => {
      const { runtime } = await sender();
      fake.script.oa({ error: code });
      const outcome = await runtime.oa.send(USER, [reply('Một.'), reply('Hai.')]);
      expect(outcome).toMatchObject({ status: 'unreachable', code, delivered: 0 });
      expect(fake.oaSends()).toHaveLength(1);
      expect(await runtime.recipients.unreachable('zalo', USER)).toMatchObject({ code });
    },
  );

  it.each([-201, -211, -234, -248])('does not retry %i and throws it typed', async (code) => {
    const { runtime } = await sender();
    fake.script.oa({ error: code });
    const error = await runtime.oa.send(USER, [reply('Xin chào.')]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZaloApiError);
    expect(error).toMatchObject({ code });
    expect(fake.oaSends()).toHaveLength(1);
  });

  it('sends nothing and logs the reply (without its text) when no access token is configured', async () => {
    const kit = zaloServices(
      zaloEnv(fake, { ZALO_ACCESS_TOKEN: '', ZALO_REFRESH_TOKEN: '', ZALO_APP_SECRET: '' }),
    );
    const outcome = await kit.runtime.oa.send(USER, [reply('Số của tôi là 0912345678.')]);
    expect(outcome).toEqual({ status: 'not_configured' });
    expect(fake.requests).toEqual([]);
    expect(kit.events()).toContainEqual(expect.objectContaining({ event: 'zalo_reply_not_sent', chars: 25 }));
    expect(kit.lines.join('\n')).not.toContain('0912345678');
  });

  it('sends the request_user_info card as a template', async () => {
    const { runtime } = await sender();
    await runtime.oa.requestUserInfo(USER, {
      title: 'Chia sẻ số điện thoại',
      subtitle: 'Để tra cứu hồ sơ',
      imageUrl: 'https://example.gov.vn/a.png',
    });
    expect(fake.delivered()[0]?.message.attachment?.payload.template_type).toBe('request_user_info');
  });
});
