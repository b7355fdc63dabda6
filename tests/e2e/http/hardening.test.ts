import { Agent, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../../support/local-server';

/**
 * Issue 14 against `npm start` over real HTTP: oversized requests get the contract's JSON error
 * (never Node's empty answer or a hang), the pages carry a Content-Security-Policy, and only the
 * citizen chat API answers CORS, for the configured origins only.
 */
let server: Awaited<ReturnType<typeof startTestServer>>;
const SITE = 'https://cong.khanhhoa.gov.vn';
const EVIL = 'https://evil.example';

beforeAll(async () => {
  server = await startTestServer({
    env: { CORS_ALLOWED_ORIGINS: SITE, RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '1000' },
  });
});
afterAll(async () => {
  await server?.stop();
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request with node:http (fetch refuses some of what is sent here), optionally on `agent`. */
function send(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer; agent?: Agent } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, server.url);
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method: options.method ?? 'GET',
        headers: options.headers,
        ...(options.agent ? { agent: options.agent } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

function expectErrorShape(answer: Answer) {
  expect(answer.headers['content-type']).toMatch(/^application\/json/u);
  expect(JSON.parse(answer.body)).toEqual({
    error: { code: expect.stringMatching(/^[a-z_]+$/u), message: expect.stringMatching(/\S/u) },
  });
}

describe('oversized requests', () => {
  it('a URL over 16 KB gets a 431 in the contract shape, not an empty answer', async () => {
    const answer = await send(`/api/chat/abcdefghijklmnopqrstuv/messages?after=${'A'.repeat(17 * 1024)}`);
    expect(answer.status).toBe(431);
    expectErrorShape(answer);
  });

  it('bytes that are not HTTP get a 400 in the contract shape, then the connection closes', async () => {
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(new URL(server.url).port), '127.0.0.1', () =>
        socket.write('NOT HTTP AT ALL\r\n\r\n'),
      );
      let data = '';
      socket.on('data', (chunk) => {
        data += chunk.toString();
      });
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 /u);
    const [head = '', body = ''] = raw.split('\r\n\r\n');
    expectErrorShape({
      status: 400,
      headers: { 'content-type': /content-type: ([^\r]+)/iu.exec(head)?.[1] },
      body,
    });
  });

  it('a URL over 8 KB that Node still reads gets a 414 in the contract shape', async () => {
    const answer = await send(`/api/chat/abcdefghijklmnopqrstuv/messages?after=${'A'.repeat(9 * 1024)}`);
    expect(answer.status).toBe(414);
    expectErrorShape(answer);
  });

  it('after a 413 on a kept-alive connection, the next request is answered (the 413 closes the connection)', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const body = JSON.stringify({ sessionId: 'keep-alive-session-0001', text: 'x'.repeat(100 * 1024) });
      for (const declared of [true, false]) {
        const tooLarge = await send('/api/chat', {
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            ...(declared
              ? { 'content-length': String(Buffer.byteLength(body)) }
              : { 'transfer-encoding': 'chunked' }),
          },
          body,
        });
        expect(tooLarge.status).toBe(413);
        expectErrorShape(tooLarge);
        expect(tooLarge.headers.connection).toBe('close');
        const next = await send('/healthz', { agent });
        expect(next.status).toBe(200);
        expect(JSON.parse(next.body)).toEqual({ ok: true });
      }
    } finally {
      agent.destroy();
    }
  });
});

describe('Content-Security-Policy on the pages', () => {
  const policy = (answer: Answer) => {
    const header = String(answer.headers['content-security-policy'] ?? '');
    return new Map(
      header.split(';').map((d) => {
        const [name = '', ...values] = d.trim().split(/\s+/u);
        return [name, values] as const;
      }),
    );
  };

  it.each(['/', '/index.html', '/index.html?embed=1', '/embed-demo.html', '/widget.js'])(
    'the citizen page and the widget (%s): scripts, styles and connections from the own origin only',
    async (path) => {
      const answer = await send(path);
      expect(answer.status).toBe(200);
      const csp = policy(answer);
      expect(csp.get('script-src')).toEqual(["'self'"]);
      expect(csp.get('style-src')).toEqual(["'self'"]);
      expect(csp.get('connect-src')).toEqual(["'self'"]);
      expect(csp.get('object-src')).toEqual(["'none'"]);
      expect(csp.get('base-uri')).toEqual(["'self'"]);
    },
  );

  it.each(['/staff', '/staff/', '/staff/index.html', '/staff/js/staff-app.js'])(
    'the staff console (%s) can never be framed',
    async (path) => {
      const answer = await send(path);
      expect(answer.status).toBe(200);
      const csp = policy(answer);
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
      expect(csp.get('script-src')).toEqual(["'self'"]);
      expect(answer.headers['x-frame-options']).toBe('DENY');
    },
  );
});

describe('CORS', () => {
  const chatBody = JSON.stringify({ sessionId: 'cors-check-session-01', text: 'xin chào' });

  it('the citizen chat API answers CORS for a configured origin only', async () => {
    const allowed = await send('/api/chat', {
      method: 'POST',
      headers: { origin: SITE, 'content-type': 'application/json' },
      body: chatBody,
    });
    expect(allowed.status).toBe(200);
    expect(allowed.headers['access-control-allow-origin']).toBe(SITE);
    const preflight = await send('/api/chat', {
      method: 'OPTIONS',
      headers: { origin: SITE, 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(SITE);

    for (const origin of [EVIL, 'null']) {
      const other = await send('/api/chat', {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json' },
        body: chatBody,
      });
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
      const otherPreflight = await send('/api/chat', { method: 'OPTIONS', headers: { origin } });
      expect(otherPreflight.headers['access-control-allow-origin']).toBeUndefined();
    }
  });

  it.each([
    ['GET', '/api/staff/me', { authorization: `Bearer staff-test-token` }],
    ['OPTIONS', '/api/staff/escalations', {}],
    [
      'PUT',
      '/api/integrations/dossiers/H43.25-241008-0012',
      { authorization: 'Bearer integration-test-key' },
    ],
    ['OPTIONS', '/api/integrations/dossiers/H43.25-241008-0012', {}],
  ])('%s %s answers no CORS to any site, configured ones included', async (method, path, headers) => {
    for (const origin of [SITE, EVIL]) {
      const answer = await send(path, {
        method,
        headers: { origin, 'content-type': 'application/json', ...headers },
        ...(method === 'PUT' ? { body: '{}' } : {}),
      });
      expect(answer.status).toBeLessThan(500);
      expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    }
  });
});
