import { connect } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createZaloWebhookHandler } from '../../functions/channels/zalo/webhook';
import type { HttpEvent, HttpResult } from '../../functions/http/types';
import { FAKE_ZALO_DEFAULTS, zaloSignature } from '../support/fake-zalo-server';
import { api, startTestServer } from '../support/local-server';
import { INTEGRATION_KEY, inProcessApi, STAFF_TOKEN } from './in-process';
import { captureSuiteLogs, itLeavesNoPersonalDataInLogs, PLANTED, PLANTED_TEXTS } from './suite-logs';

/**
 * Thousands of random and malformed requests on every route — bounded (2,000 in all) and seeded, so
 * a failure replays: never a 5xx, never a crash, and every 4xx in the contract's error shape
 * without a trace of the implementation.
 */
const logs = captureSuiteLogs();
const SEED = 20261122;
const STAFF = 'staff-test-token';
const KEY = 'integration-test-key';
const ULID = '01KAB3C4D5E6F7G8H9J0K1M2N3';

const ERROR_CODE = /^[a-z][a-z0-9_]*$/u;
const STACK_TRACE = /\n\s+at |\.tsx?:\d+|node:internal|webpack:|\bTypeError\b|\bReferenceError\b/u;

/** The contract: `{"error":{"code","message"}}`, nothing more. */
function expectErrorShape(text: string) {
  const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
  expect(Object.keys(body)).toEqual(['error']);
  expect(Object.keys(body.error ?? {}).sort()).toEqual(['code', 'message']);
  expect(body.error?.code).toMatch(ERROR_CODE);
  expect(body.error?.message).toEqual(expect.stringMatching(/\S/u));
}

// ---- what a request may be made of ----

const segment = fc.oneof(
  fc.constantFrom(
    'abc',
    'session-0001-abcd',
    ULID,
    'H43.25-241008-0012',
    'NT-0001-2345',
    '%00',
    '%ZZ',
    '..',
    '%2e%2e',
    '%F0%9F%98%80',
    'a'.repeat(300),
  ),
  fc.string({ minLength: 1, maxLength: 40 }).map(encodeURIComponent),
);
const route = fc.oneof(
  fc.constantFrom(
    ['POST', '/api/chat'],
    ['GET', '/healthz'],
    ['POST', '/zalo/webhook'],
    ['POST', '/zalo/bot/webhook'],
    ['GET', '/api/staff/me'],
    ['GET', '/api/staff/escalations'],
    ['GET', '/api/staff/reports/satisfaction'],
    ['GET', '/api/staff/reports/satisfaction.csv'],
    ['GET', '/api/staff/reports/unanswered'],
    ['GET', '/api/staff/feedback-reports'],
    ['GET', '/api/staff/knowledge'],
    ['GET', '/'],
    ['GET', '/staff/'],
    ['GET', '/../../etc/passwd'],
    ['GET', '/%2e%2e/%2e%2e/etc/passwd'],
    ['GET', '/api/nothing-here'],
  ),
  fc.tuple(fc.constant('GET'), segment).map(([m, s]) => [m, `/api/chat/${s}/messages`]),
  fc.tuple(fc.constant('GET'), segment).map(([m, s]) => [m, `/api/staff/escalations/${s}`]),
  fc
    .tuple(fc.constantFrom('claim', 'messages', 'resolve', 'transfer', 'notes'), segment)
    .map(([action, s]) => ['POST', `/api/staff/escalations/${s}/${action}`]),
  fc.tuple(fc.constant('POST'), segment).map(([m, s]) => [m, `/api/staff/feedback-reports/${s}/resolve`]),
  fc
    .tuple(fc.constantFrom('dossiers', 'digital-addresses'), segment)
    .map(([kind, s]) => ['PUT', `/api/integrations/${kind}/${s}`]),
) as fc.Arbitrary<[string, string]>;

const query = fc.oneof(
  fc.constant(''),
  fc.constantFrom(
    '?status=open',
    '?status=%00',
    '?after=%3Cscript%3E',
    `?after=${ULID}`,
    '?from=2026-13-45&to=x',
    '?from=2026-11-30&to=2026-11-01',
    '?q=',
    `?q=${'a'.repeat(3000)}`,
    '?channel=web&late=true&team=x',
  ),
  fc
    .dictionary(
      fc.constantFrom('status', 'after', 'from', 'to', 'q', 'channel', 'team', 'late'),
      fc.string({ maxLength: 30 }),
    )
    .map((d) => `?${new URLSearchParams(d)}`),
);

/** Bodies of every kind: JSON of any shape, the right fields with wrong types, text, raw bytes, huge. */
const body: fc.Arbitrary<string | Uint8Array | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.json({ maxDepth: 3 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.uint8Array({ maxLength: 300 }),
  fc
    .record(
      {
        sessionId: fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{8,20}$/u), fc.anything()),
        text: fc.oneof(
          fc.constantFrom(...PLANTED_TEXTS, 'xin chào', 'làm lại căn cước cần gì', '   '),
          fc.string({ maxLength: 60 }),
          fc.anything(),
        ),
        payload: fc.oneof(fc.string({ maxLength: 40 }), fc.anything()),
        location: fc.oneof(fc.record({ lat: fc.double(), lng: fc.double() }), fc.anything()),
      },
      { requiredKeys: [] },
    )
    .map((o) => JSON.stringify(o)),
  fc
    .record(
      {
        procedure: fc.anything(),
        agency: fc.string(),
        phone: fc.oneof(fc.constant('0912345678'), fc.string({ maxLength: 30 })),
        status: fc.constantFrom('received', 'processing', 'lost', 7),
        address: fc.anything(),
        ownerType: fc.constantFrom('household', 'organization', 'spaceship'),
        lat: fc.oneof(fc.double(), fc.string()),
        lng: fc.double(),
        text: fc.oneof(fc.string({ maxLength: 40 }), fc.anything()),
        team: fc.string({ maxLength: 20 }),
      },
      { requiredKeys: [] },
    )
    .map((o) => JSON.stringify(o)),
  fc
    .constantFrom(2001, 20_000, 64 * 1024 - 40, 64 * 1024 + 1)
    .map((n) => JSON.stringify({ sessionId: 'session-huge-0001', text: 'đ'.repeat(Math.floor(n / 2)) })),
);
const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/xml',
  '',
  '*/*; q=;;',
);
const authorization = fc.constantFrom(
  undefined,
  `Bearer ${STAFF}`,
  `Bearer ${KEY}`,
  'Bearer wrong',
  'Bearer',
  'Basic Og==',
  `Bearer ${'x'.repeat(5000)}`,
);
/** Methods Node's HTTP parser knows (it answers an unknown one with a bare 400 before any handler). */
const httpMethod = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'PROPFIND');
/** Straight into a handler anything goes. */
const oddMethod = fc.oneof(httpMethod, fc.constantFrom('CONNECTX', 'get', 'Post', '', ' GET'));

// ---- over HTTP, through the local server ----

describe('random and malformed requests over HTTP', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    server = await startTestServer({
      quiet: false,
      env: {
        LOG_LEVEL: 'debug',
        RATE_LIMIT_PER_MINUTE: '100000',
        RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '1000000',
        ZALO_APP_ID: FAKE_ZALO_DEFAULTS.appId,
        ZALO_OA_SECRET_KEY: FAKE_ZALO_DEFAULTS.oaSecretKey,
        ZALO_BOT_SECRET_TOKEN: FAKE_ZALO_DEFAULTS.botSecretToken,
      },
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('answers real messages that carry personal data (so the log scan has something to find)', async () => {
    const http = api(server.url);
    for (const [i, text] of PLANTED_TEXTS.entries()) {
      expect((await http.chat(`fuzz-planted-${String(i).padStart(4, '0')}`, text)).status).toBe(200);
    }
    const dossier = {
      procedure: 'Cấp lại thẻ căn cước',
      agency: 'Công an phường Đô Vinh',
      applicantName: PLANTED.names[1],
      phone: PLANTED.phones[1],
      status: 'processing',
    };
    expect(
      (await http.call('PUT', '/api/integrations/dossiers/H43.25-241008-0099', dossier, KEY)).status,
    ).toBe(201);
  });

  it('900 requests of any shape on every route: no 5xx, 4xx in the contract shape, no trace of the code', async () => {
    await fc.assert(
      fc.asyncProperty(
        route,
        query,
        body,
        contentType,
        authorization,
        fc.option(httpMethod, { freq: 4 }),
        fc.boolean(),
        async ([routeMethod, path], q, payload, type, auth, override, sign) => {
          const method = override ?? routeMethod;
          const headers: Record<string, string> = {};
          if (type) headers['content-type'] = type;
          if (auth) headers.authorization = auth;
          const sendsBody = payload !== undefined && method !== 'GET' && method !== 'HEAD';
          if (sign && sendsBody && path.startsWith('/zalo/webhook')) {
            // A correctly signed delivery of arbitrary content: past the signature, into the parser.
            const raw = typeof payload === 'string' ? payload : Buffer.from(payload).toString('utf8');
            headers['x-zevent-timestamp'] = '1732420800000';
            headers['x-zevent-signature'] = zaloSignature(raw, '1732420800000');
          }
          let res: Response;
          try {
            res = await fetch(`${server.url}${path}${q}`, {
              method,
              headers,
              ...(sendsBody ? { body: typeof payload === 'string' ? payload : new Uint8Array(payload) } : {}),
            });
          } catch (error) {
            // The server may answer 413 before it has read a large body, and the socket then closes
            // under the client's feet; anything else is a failure.
            if (
              sendsBody &&
              (typeof payload === 'string' ? Buffer.byteLength(payload) : payload.length) > 64 * 1024
            )
              return;
            throw error;
          }
          const text = await res.text();
          expect(res.status, `${method} ${path}${q} → ${res.status}: ${text.slice(0, 200)}`).toBeLessThan(
            500,
          );
          expect(text).not.toMatch(STACK_TRACE);
          if (method !== 'HEAD' && res.status >= 400) expectErrorShape(text);
        },
      ),
      { numRuns: 900, seed: SEED, endOnFailure: true },
    );
    // Still standing.
    expect((await api(server.url).call('GET', '/healthz')).status).toBe(200);
  }, 60_000);

  it('bytes no client library would send: bad request lines, encodings, and headers', async () => {
    const raw = [
      'GET /api/chat/%ZZ%ZZ/messages HTTP/1.1\r\nHost: x\r\n\r\n',
      'POST /api/chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5\r\n\r\n\xff\xfe\xfd{}',
      'POST /api/chat HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nnot-chunked\r\n0\r\n\r\n',
      'POST /zalo/webhook HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"truncated":',
      'GET http://evil.example/api/staff/me HTTP/1.1\r\nHost: evil.example\r\n\r\n',
      `GET /api/chat/${'a'.repeat(20_000)}/messages HTTP/1.1\r\nHost: x\r\n\r\n`,
      'BREW /healthz HTTP/1.1\r\nHost: x\r\n\r\n',
      'GET /healthz HTTP/1.1\r\nHost: x\r\nX-Bad: a\r\n b\r\n\r\n',
    ];
    for (const request of raw) {
      const answer = await rawRequest(server.port, request);
      // Node's own HTTP parser answers some of these (400, 431, 413) before any handler runs; in AWS
      // API Gateway does. Either way: an answer, never a 5xx, never a dead server.
      const status = Number(/^HTTP\/1\.1 (\d{3})/u.exec(answer)?.[1] ?? 0);
      if (status) expect(status).toBeLessThan(500);
      expect(answer).not.toMatch(STACK_TRACE);
    }
    expect((await api(server.url).call('GET', '/healthz')).status).toBe(200);
  }, 20_000);
});

function rawRequest(port: number, request: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    const done = () => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(2000, done);
    socket.on('data', (d) => {
      answer += d.toString('latin1');
    });
    socket.on('end', done);
    socket.on('error', done);
    socket.end(Buffer.from(request, 'latin1'));
  });
}

// ---- straight into the Lambda handlers: events API Gateway could build, and some it would not ----

describe('random API Gateway events straight into every handler', () => {
  const a = inProcessApi({
    RATE_LIMIT_PER_MINUTE: '100000',
    RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '1000000',
    ZALO_APP_ID: FAKE_ZALO_DEFAULTS.appId,
    ZALO_OA_SECRET_KEY: FAKE_ZALO_DEFAULTS.oaSecretKey,
  });
  const zalo = createZaloWebhookHandler(async () => a.services);
  const handlers: Record<string, (e: HttpEvent) => Promise<HttpResult>> = {
    chat: (e) => a.call('chat', e),
    staff: (e) => a.call('staff', e),
    integrations: (e) => a.call('integrations', e),
    zalo,
  };

  const httpEvent: fc.Arbitrary<HttpEvent> = fc
    .record({
      route,
      query,
      method: oddMethod,
      headers: fc.dictionary(
        fc.constantFrom(
          'content-type',
          'Content-Type',
          'authorization',
          'Authorization',
          'x-zevent-signature',
          'x-bot-api-secret-token',
          'x-other',
        ),
        fc.oneof(
          fc.string({ maxLength: 60 }),
          fc.constantFrom(
            `Bearer ${STAFF_TOKEN}`,
            `Bearer ${INTEGRATION_KEY}`,
            'application/json',
            `mac=${'0'.repeat(64)}`,
          ),
        ),
      ),
      body: fc.option(
        fc.oneof(
          fc.json({ maxDepth: 2 }),
          fc.string({ unit: 'binary', maxLength: 100 }),
          fc.base64String({ maxLength: 200 }),
        ),
        { nil: undefined },
      ),
      isBase64Encoded: fc.boolean(),
      sourceIp: fc.option(fc.constantFrom('198.51.100.9', '::1', '', 'not-an-ip'), { nil: undefined }),
    })
    .map(({ route: [, path], query: q, method, headers, body: b, isBase64Encoded, sourceIp }) => ({
      version: '2.0' as const,
      routeKey: `${method} ${path}`,
      rawPath: path,
      rawQueryString: q.replace(/^\?/u, ''),
      headers,
      queryStringParameters: Object.fromEntries(new URLSearchParams(q.replace(/^\?/u, '')).entries()),
      ...(b !== undefined ? { body: b, isBase64Encoded } : {}),
      requestContext: {
        http: { method, path, ...(sourceIp !== undefined ? { sourceIp } : {}) },
        requestId: 'fuzz',
      },
    }));

  it('1,100 events, each into every handler: an answer, never a throw, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(httpEvent, fc.constantFrom(...Object.keys(handlers)), async (e, name) => {
        const handler = handlers[name] as (e: HttpEvent) => Promise<HttpResult>;
        const result = await handler(e);
        expect(
          result.statusCode,
          `${name}: ${e.requestContext.http.method} ${e.rawPath} → ${result.body?.slice(0, 200)}`,
        ).toBeLessThan(500);
        expect(Object.values(result.headers ?? {}).every((v) => typeof v === 'string')).toBe(true);
        expect(result.body ?? '').not.toMatch(STACK_TRACE);
        if (result.statusCode >= 400) expectErrorShape(result.body ?? '');
      }),
      { numRuns: 1100, seed: SEED, endOnFailure: true },
    );
  }, 30_000);
});

itLeavesNoPersonalDataInLogs(logs, {
  expectEvents: ['http', 'turn'],
  secrets: () => [STAFF, KEY, STAFF_TOKEN, INTEGRATION_KEY, FAKE_ZALO_DEFAULTS.oaSecretKey],
});
