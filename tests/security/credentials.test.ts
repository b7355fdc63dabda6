import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startTestServer } from '../support/local-server';
import { bodyOf, event, inProcessApi } from './in-process';
import { captureSuiteLogs, itLeavesNoPersonalDataInLogs } from './suite-logs';

const logs = captureSuiteLogs();
const STAFF = 'staff-test-token';
const KEY = 'integration-test-key';
const ULID = '01KAB3C4D5E6F7G8H9J0K1M2N3';
const CODE = 'H43.25-241008-0012';

const STAFF_ROUTES: [string, string, unknown?][] = [
  ['GET', '/api/staff/me'],
  ['GET', '/api/staff/teams'],
  ['GET', '/api/staff/canned-replies'],
  ['GET', '/api/staff/knowledge?q=can%20cuoc'],
  ['GET', '/api/staff/escalations?status=open'],
  ['GET', `/api/staff/escalations/${ULID}`],
  ['POST', `/api/staff/escalations/${ULID}/claim`, {}],
  ['POST', `/api/staff/escalations/${ULID}/messages`, { text: 'Chào bạn' }],
  ['POST', `/api/staff/escalations/${ULID}/transfer`, { team: 'cong-an' }],
  ['POST', `/api/staff/escalations/${ULID}/notes`, { text: 'ghi chú' }],
  ['POST', `/api/staff/escalations/${ULID}/resolve`, {}],
  ['GET', '/api/staff/reports/satisfaction?from=2026-11-01&to=2026-11-30'],
  ['GET', '/api/staff/reports/satisfaction.csv?from=2026-11-01&to=2026-11-30'],
  ['GET', '/api/staff/reports/unanswered?from=2026-11-01&to=2026-11-30'],
  ['GET', '/api/staff/feedback-reports?status=open'],
  ['POST', '/api/staff/feedback-reports/PA-20261124-0001/resolve', {}],
];
const INTEGRATION_ROUTES: [string, string, unknown][] = [
  [
    'PUT',
    `/api/integrations/dossiers/${CODE}`,
    {
      procedure: 'Cấp lại thẻ căn cước',
      agency: 'Công an phường Đô Vinh',
      phone: '0912345678',
      status: 'processing',
    },
  ],
  [
    'PUT',
    '/api/integrations/digital-addresses/NT-0001-2345',
    { address: '12 Thống Nhất, Phan Rang-Tháp Chàm', ownerType: 'household', lat: 11.56, lng: 108.98 },
  ],
];

/** Ways to present no valid credential. `undefined`: no Authorization header at all. */
const credentials = (valid: string, other: string): [string, string | undefined][] => [
  ['no header', undefined],
  ['an empty bearer', 'Bearer '],
  ['a wrong token', 'Bearer not-the-token'],
  ['the token with a character added', `Bearer ${valid}x`],
  ['the token cut short', `Bearer ${valid.slice(0, -1)}`],
  ['the token in another case', `Bearer ${valid.toUpperCase()}`],
  ['the other API’s secret', `Bearer ${other}`],
  ['Basic authentication', `Basic ${Buffer.from(`staff:${valid}`).toString('base64')}`],
  ['the token without the scheme', valid],
  ['a very long token', `Bearer ${'a'.repeat(8000)}`],
];

const unauthorized = { error: { code: 'unauthorized', message: expect.stringMatching(/\S/u) } };

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer({ quiet: false, env: { LOG_LEVEL: 'debug' } });
});
afterAll(async () => {
  await server?.stop();
});

async function send(method: string, path: string, body: unknown, authorization: string | undefined) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(authorization !== undefined ? { authorization } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, text, headers: res.headers };
}

describe.each(credentials(STAFF, KEY))('staff routes with %s', (_name, authorization) => {
  it.each(STAFF_ROUTES)('%s %s → 401 in the contract shape', async (method, path, body) => {
    const r = await send(method, path, body, authorization);
    expect(r.status).toBe(401);
    expect(JSON.parse(r.text)).toEqual(unauthorized);
    expect(r.text).not.toContain(STAFF);
  });
});

describe.each(credentials(KEY, STAFF))('integration routes with %s', (_name, authorization) => {
  it.each(INTEGRATION_ROUTES)('%s %s → 401 in the contract shape', async (method, path, body) => {
    const r = await send(method, path, body, authorization);
    expect(r.status).toBe(401);
    expect(JSON.parse(r.text)).toEqual(unauthorized);
  });
});

describe('the valid credentials work (so the 401s above are about the credential)', () => {
  it('staff token → /api/staff/me 200; integration key → dossier 200/201', async () => {
    expect((await send('GET', '/api/staff/me', undefined, `Bearer ${STAFF}`)).status).toBe(200);
    const [method, path, body] = INTEGRATION_ROUTES[0] as [string, string, unknown];
    expect([200, 201]).toContain((await send(method, path, body, `Bearer ${KEY}`)).status);
  });
});

describe('an "expired" credential', () => {
  // Local tokens do not expire; what ends a local token is rotation (a restart with a new
  // STAFF_TOKEN / INTEGRATION_API_KEY). In AWS, expiry of staff tokens is enforced by API Gateway's
  // Cognito JWT authorizer before the Lambda runs (see tests/infra), so it is not testable here.
  it('after rotation on the same data, the old staff token and integration key are refused', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rotation-'));
    try {
      const before = await startTestServer({ dataDir, quiet: true });
      expect((await api(before.url).call('GET', '/api/staff/me', undefined, STAFF)).status).toBe(200);
      await before.stop();
      const rotated = await startTestServer({
        dataDir,
        staffToken: 'rotated-staff-token',
        integrationApiKey: 'rotated-integration-key',
        quiet: true,
      });
      try {
        const http = api(rotated.url);
        expect((await http.call('GET', '/api/staff/me', undefined, STAFF)).status).toBe(401);
        expect((await http.call('GET', '/api/staff/me', undefined, 'rotated-staff-token')).status).toBe(200);
        const [method, path, body] = INTEGRATION_ROUTES[1] as [string, string, unknown];
        expect((await http.call(method, path, body, KEY)).status).toBe(401);
      } finally {
        await rotated.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('in Cognito mode the staff API refuses a request the authorizer did not vouch for', async () => {
    const a = inProcessApi({ STAFF_AUTH: 'cognito' });
    const withClaims = (claims?: Record<string, unknown>) => ({
      ...event('GET', '/api/staff/me', { headers: { authorization: 'Bearer staff-test-token' } }),
      requestContext: {
        http: { method: 'GET', path: '/api/staff/me', sourceIp: '198.51.100.1' },
        ...(claims ? { authorizer: { jwt: { claims } } } : {}),
      },
    });
    const none = await a.call('staff', withClaims());
    expect(none.statusCode).toBe(401);
    expect(bodyOf(none)).toEqual(unauthorized);
    expect((await a.call('staff', withClaims({ email: 'someone@example.vn' }))).statusCode).toBe(401);
    expect((await a.call('staff', withClaims({ sub: 'abc-123', name: 'Cán bộ A' }))).statusCode).toBe(200);
  });
});

itLeavesNoPersonalDataInLogs(logs, {
  expectEvents: ['http'],
  secrets: () => [STAFF, KEY, 'rotated-staff-token', 'rotated-integration-key'],
});
