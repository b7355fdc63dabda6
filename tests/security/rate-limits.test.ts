import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startTestServer } from '../support/local-server';
import { bodyOf, event, inProcessApi } from './in-process';
import { captureSuiteLogs, itLeavesNoPersonalDataInLogs, PLANTED_TEXTS } from './suite-logs';

const logs = captureSuiteLogs();
const errorShape = { error: { code: 'too_many_requests', message: expect.stringMatching(/\S/u) } };

describe('per session (RATE_LIMIT_PER_MINUTE)', () => {
  // 02:00:10 — 10 s into the minute window, so the window resets in 50 s.
  const a = inProcessApi({ RATE_LIMIT_PER_MINUTE: '5', RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '1000' });

  it('the 6th message in a minute gets 429 with Retry-After and the contract shape; the next window is open again', async () => {
    const session = 'rate-session-0001';
    for (let i = 0; i < 5; i++)
      expect((await a.chat(session, PLANTED_TEXTS[i % 3] as string)).statusCode).toBe(200);
    const refused = await a.chat(session, 'làm lại căn cước cần gì');
    expect(refused.statusCode).toBe(429);
    expect(refused.headers?.['retry-after']).toBe('50');
    expect(bodyOf(refused)).toEqual(errorShape);
    // Another session is not affected.
    expect((await a.chat('rate-session-0002', 'xin chào')).statusCode).toBe(200);
    a.clock.advance(50_000);
    expect((await a.chat(session, 'làm lại căn cước cần gì')).statusCode).toBe(200);
  });

  it('a refused message is not recorded and starts no turn', async () => {
    const session = 'rate-session-0003';
    for (let i = 0; i < 5; i++) await a.chat(session, 'xin chào');
    await a.chat(session, 'cho tôi gặp cán bộ');
    const transcript = await a.services.stores.conversations.listMessages({
      channel: 'web',
      userId: session,
    });
    expect(transcript.filter((m) => m.from === 'user')).toHaveLength(5);
    expect(
      (await a.services.stores.conversations.getSession({ channel: 'web', userId: session }))?.state,
    ).toBe('bot');
  });
});

describe('per source address (RATE_LIMIT_PER_ADDRESS_PER_MINUTE)', () => {
  const a = inProcessApi({ RATE_LIMIT_PER_MINUTE: '1000', RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '8' });

  it('many sessions from one address: the 9th request gets 429 with Retry-After; other addresses are served', async () => {
    for (let i = 0; i < 8; i++)
      expect(
        (await a.chat(`addr-session-${String(i).padStart(4, '0')}`, 'xin chào', '192.0.2.77')).statusCode,
      ).toBe(200);
    const refused = await a.chat('addr-session-fresh', 'xin chào', '192.0.2.77');
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers?.['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers?.['retry-after'])).toBeLessThanOrEqual(60);
    expect(bodyOf(refused)).toEqual(errorShape);
    expect((await a.chat('addr-session-fresh', 'xin chào', '192.0.2.78')).statusCode).toBe(200);
  });
});

describe('the viewer address header (issue 14: the per-address limit could be spoofed)', () => {
  const SECRET = 'origin-secret-from-cloudfront-3f9a';
  const a = inProcessApi({
    RATE_LIMIT_PER_MINUTE: '1000',
    RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '4',
    ORIGIN_VERIFY_SECRET: SECRET,
  });
  const chatFrom = (i: number, headers: Record<string, string>, sourceIp = '192.0.2.90') =>
    a.call(
      'chat',
      event('POST', '/api/chat', {
        body: JSON.stringify({ sessionId: `viewer-session-${String(i).padStart(4, '0')}`, text: 'xin chào' }),
        headers,
        sourceIp,
      }),
    );

  it.each([
    ['without the origin secret (a direct call to the API endpoint)', {}, '192.0.2.101'],
    ['with a wrong origin secret', { 'x-origin-verify': 'guessed' }, '192.0.2.102'],
    ['with an empty origin secret', { 'x-origin-verify': '' }, '192.0.2.103'],
  ])(
    'a made-up cloudfront-viewer-address %s is ignored: the source address is limited',
    async (_label, extra, sourceIp) => {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++)
        statuses.push(
          (await chatFrom(i, { ...extra, 'cloudfront-viewer-address': `203.0.113.${i}:443` }, sourceIp))
            .statusCode,
        );
      expect(statuses).toEqual([200, 200, 200, 200, 429]);
    },
  );

  it('with CloudFront’s origin secret, each viewer address has its own budget', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (
          await chatFrom(
            100 + i,
            { 'x-origin-verify': SECRET, 'cloudfront-viewer-address': `198.51.100.${i}:5000` },
            '10.0.0.1',
          )
        ).statusCode,
      );
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
    // …and one viewer is still limited, whatever CloudFront's own address.
    for (let i = 0; i < 3; i++)
      await chatFrom(200 + i, {
        'x-origin-verify': SECRET,
        'cloudfront-viewer-address': '198.51.100.0:5001',
      });
    const refused = await chatFrom(300, {
      'x-origin-verify': SECRET,
      'cloudfront-viewer-address': '198.51.100.0:6000',
    });
    expect(refused.statusCode).toBe(429);
  });
});

describe('over HTTP, through the local server', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    server = await startTestServer({
      quiet: false,
      env: { LOG_LEVEL: 'debug', RATE_LIMIT_PER_MINUTE: '1000', RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '6' },
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('the 429 and its Retry-After header reach the client', async () => {
    const http = api(server.url);
    // Windows are wall-clock minutes here: if one ends during the burst the count restarts once,
    // so a refusal must come within 2 × 6 + 1 requests.
    let refused: Awaited<ReturnType<typeof http.chat>> | undefined;
    for (let i = 0; i < 13 && !refused; i++) {
      const r = await http.chat(`http-rate-session-${i}`, 'xin chào');
      if (r.status === 429) refused = r;
      else expect(r.status).toBe(200);
    }
    expect(refused?.status).toBe(429);
    expect(refused?.body).toEqual(errorShape);
    expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('npm start never trusts cloudfront-viewer-address, even when ORIGIN_VERIFY_SECRET is set in its environment', async () => {
    const spoofing = await startTestServer({
      env: {
        RATE_LIMIT_PER_MINUTE: '1000',
        RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '6',
        ORIGIN_VERIFY_SECRET: 'known-to-the-attacker',
      },
    });
    try {
      let refused = false;
      for (let i = 0; i < 13 && !refused; i++) {
        const r = await fetch(`${spoofing.url}/api/chat`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'cloudfront-viewer-address': `203.0.113.${i}:443`,
            'x-origin-verify': 'known-to-the-attacker',
          },
          body: JSON.stringify({ sessionId: `spoof-rate-session-${i}`, text: 'xin chào' }),
        });
        await r.text();
        if (r.status === 429) refused = true;
        else expect(r.status).toBe(200);
      }
      expect(refused).toBe(true);
    } finally {
      await spoofing.stop();
    }
  });
});

itLeavesNoPersonalDataInLogs(logs, { expectEvents: ['turn', 'http'] });
