// The staff console's sign-in as deployed in AWS, in real Chromium: /config.json says `type: "cognito"`,
// the console goes to the hosted UI with a PKCE challenge, comes back with a code, exchanges it with the
// verifier, and calls the staff API with the ID token. The hosted UI and its token endpoint are faked with
// Playwright routes (nothing leaves the machine); the console and the API are the real local env.assistant.
//
// API Gateway's JWT check cannot run here, so the fake token endpoint hands out the local STAFF_TOKEN as
// the ID token: the local staff API accepts it, and the test sees which token the console sends.

import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page, Route } from 'playwright-core';
import { describe, expect, it, onTestFailed } from 'vitest';
import { useAssistantAndBrowser } from '../../support/browser';

const text = async (locator: Locator) => ((await locator.textContent()) ?? '').trim();

const shotsDir = join(tmpdir(), 'browser-tests');
const wait = { timeout: 30_000 };
const signInDomain = 'https://dvc-staff-test.auth.ap-southeast-1.amazoncognito.com';
const clientId = 'console-client-id-123';
const accessToken = 'fake-access-token-never-sent-to-the-api';
const refreshToken = 'fake-refresh-token';

mkdirSync(shotsDir, { recursive: true });
const env = useAssistantAndBrowser('browser-staff-cognito-');

const consoleUrl = () => `${env.assistant.url}/staff/`;

/** /config.json as the CDK stack writes it (infra/assistant-stack.ts). */
const cognitoConfig = () => ({
  apiBase: '',
  staffAuth: {
    type: 'cognito',
    region: 'ap-southeast-1',
    userPoolId: 'ap-southeast-1_TestPool',
    clientId,
    signInDomain,
    redirectUri: consoleUrl(),
    scopes: ['openid', 'email', 'profile'],
  },
});

interface TokenCall {
  form: URLSearchParams;
  contentType: string | undefined;
}

/**
 * A fake Cognito hosted UI: `/oauth2/authorize` answers at once with the redirect a signed-in person
 * gets, `/oauth2/token` checks the code, the redirect URI and the PKCE verifier as Cognito does,
 * `/oauth2/revoke` and `/logout` record their calls.
 */
function fakeCognito(options: { answerState?: string } = {}) {
  const authorizeCalls: URL[] = [];
  const tokenCalls: TokenCall[] = [];
  const revokeCalls: URLSearchParams[] = [];
  const logoutCalls: URL[] = [];
  const codes = new Map<string, { challenge: string; redirectUri: string }>();
  const cors = { 'access-control-allow-origin': env.assistant.url };

  const json = (route: Route, status: number, body: unknown) =>
    route.fulfill({ status, headers: cors, contentType: 'application/json', body: JSON.stringify(body) });

  async function handle(route: Route) {
    const request = route.request();
    const url = new URL(request.url());
    if (request.method() === 'OPTIONS') {
      return route.fulfill({
        status: 204,
        headers: { ...cors, 'access-control-allow-methods': 'POST', 'access-control-allow-headers': '*' },
      });
    }
    if (url.pathname === '/oauth2/authorize') {
      authorizeCalls.push(url);
      const q = url.searchParams;
      const redirectUri = q.get('redirect_uri') ?? '';
      const challenge = q.get('code_challenge') ?? '';
      if (q.get('client_id') !== clientId || q.get('code_challenge_method') !== 'S256' || !challenge)
        return route.fulfill({ status: 400, body: 'invalid_request' });
      const code = randomBytes(12).toString('hex');
      codes.set(code, { challenge, redirectUri });
      const back = new URL(redirectUri);
      const state = options.answerState ?? q.get('state') ?? '';
      back.search = new URLSearchParams({ code, state }).toString();
      return route.fulfill({ status: 302, headers: { location: back.href } });
    }
    if (url.pathname === '/oauth2/token' && request.method() === 'POST') {
      const form = new URLSearchParams(request.postData() ?? '');
      tokenCalls.push({ form, contentType: request.headers()['content-type'] });
      if (form.get('client_id') !== clientId) return json(route, 400, { error: 'invalid_client' });
      if (form.get('grant_type') === 'refresh_token') {
        if (form.get('refresh_token') !== refreshToken) return json(route, 400, { error: 'invalid_grant' });
        return json(route, 200, {
          id_token: env.assistant.staffToken,
          access_token: accessToken,
          expires_in: 3600,
          token_type: 'Bearer',
        });
      }
      const issued = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? ''); // single-use
      const verifier = form.get('code_verifier') ?? '';
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      if (
        form.get('grant_type') !== 'authorization_code' ||
        !issued ||
        issued.redirectUri !== form.get('redirect_uri') ||
        issued.challenge !== challenge
      ) {
        return json(route, 400, { error: 'invalid_grant' });
      }
      return json(route, 200, {
        id_token: env.assistant.staffToken,
        access_token: accessToken,
        refresh_token: refreshToken,
        expires_in: 3600,
        token_type: 'Bearer',
      });
    }
    if (url.pathname === '/oauth2/revoke' && request.method() === 'POST') {
      revokeCalls.push(new URLSearchParams(request.postData() ?? ''));
      return route.fulfill({ status: 200, headers: cors, body: '' });
    }
    if (url.pathname === '/logout') {
      logoutCalls.push(url);
      return route.fulfill({ status: 302, headers: { location: url.searchParams.get('logout_uri') ?? '/' } });
    }
    return route.fulfill({ status: 404, body: 'not found' });
  }

  return { handle, authorizeCalls, tokenCalls, revokeCalls, logoutCalls };
}

interface StaffPage {
  context: BrowserContext;
  page: Page;
  cognito: ReturnType<typeof fakeCognito>;
  /** The Authorization header of every call to /api/staff/me. */
  meAuthorizations: string[];
  /** Every other staff API call's Authorization header. */
  apiAuthorizations: string[];
}

async function staffPage(
  config: unknown = cognitoConfig(),
  cognitoOptions: Parameters<typeof fakeCognito>[0] = {},
): Promise<StaffPage> {
  const context = await env.chromium.newContext({ viewport: { width: 1280, height: 860 } });
  const cognito = fakeCognito(cognitoOptions);
  await context.route(`${env.assistant.url}/config.json`, (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(config) }),
  );
  await context.route(`${signInDomain}/**`, (route) => cognito.handle(route));
  const page = await context.newPage();
  const meAuthorizations: string[] = [];
  const apiAuthorizations: string[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    const authorization = request.headers().authorization ?? '';
    if (path === '/api/staff/me') meAuthorizations.push(authorization);
    else if (path.startsWith('/api/staff/')) apiAuthorizations.push(authorization);
  });
  onTestFailed(async () => {
    await page.screenshot({ path: join(shotsDir, 'staff-cognito-failure.png') }).catch(() => {});
  });
  return { context, page, cognito, meAuthorizations, apiAuthorizations };
}

const storage = (page: Page) =>
  page.evaluate(() => Object.fromEntries(Object.entries(window.sessionStorage)));

async function signInThroughHostedUi({ page }: StaffPage) {
  await page.goto(consoleUrl());
  const button = page.getByRole('button', { name: 'Đăng nhập bằng tài khoản cán bộ' });
  await expect.poll(() => button.isEnabled(), wait).toBe(true);
  await button.click();
  await page.locator('#app').waitFor({ state: 'visible', ...wait });
}

describe('staff sign-in through Cognito (config.json type "cognito")', () => {
  it('goes to the hosted UI with PKCE, exchanges the code with the verifier, and calls the API with the ID token', async () => {
    const staff = await staffPage();
    const { page, cognito } = staff;
    await page.goto(consoleUrl());

    // No token form: the hosted UI is the only way in.
    const button = page.getByRole('button', { name: 'Đăng nhập bằng tài khoản cán bộ' });
    await expect.poll(() => button.isVisible(), wait).toBe(true);
    expect(await page.locator('#signin-form').isHidden()).toBe(true);

    await button.click();
    await page.locator('#app').waitFor({ state: 'visible', ...wait });

    // The authorisation request: code flow, S256 challenge, a state, back to the console's registered URL.
    expect(cognito.authorizeCalls).toHaveLength(1);
    const authorize = cognito.authorizeCalls[0]?.searchParams;
    expect(Object.fromEntries(authorize ?? [])).toMatchObject({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: consoleUrl(),
      scope: 'openid email profile',
      code_challenge_method: 'S256',
    });
    expect(authorize?.get('state')?.length ?? 0).toBeGreaterThanOrEqual(16);

    // The exchange: form-encoded, with the verifier whose SHA-256 is the challenge (the fake checks it).
    expect(cognito.tokenCalls).toHaveLength(1);
    const exchange = cognito.tokenCalls[0];
    expect(exchange?.contentType).toContain('application/x-www-form-urlencoded');
    expect(exchange?.form.get('grant_type')).toBe('authorization_code');
    expect(exchange?.form.get('redirect_uri')).toBe(consoleUrl());
    const verifier = exchange?.form.get('code_verifier') ?? '';
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect(cognito.authorizeCalls[0]?.href).not.toContain(verifier); // only its hash travelled

    // The API sees the ID token, never the access token.
    expect(staff.meAuthorizations).toEqual([`Bearer ${env.assistant.staffToken}`]);
    await expect.poll(() => staff.apiAuthorizations.length, wait).toBeGreaterThan(0);
    expect(new Set(staff.apiAuthorizations)).toEqual(new Set([`Bearer ${env.assistant.staffToken}`]));
    expect(await text(page.locator('#user-name'))).toBe('Xin chào, Cán bộ trực');

    // The single-use code left the address bar; the verifier left the storage; the tokens stay in this tab.
    expect(page.url()).toBe(consoleUrl());
    const kept = await storage(page);
    expect(Object.keys(kept)).toEqual(['tro-ly-ao.staff-oauth-tokens']);
    expect(JSON.parse(kept['tro-ly-ao.staff-oauth-tokens'] ?? '{}')).toMatchObject({
      idToken: env.assistant.staffToken,
      refreshToken,
    });
    await page.screenshot({ path: join(shotsDir, 'staff-cognito-signed-in.png') });

    // A reload keeps the session without another trip to the hosted UI.
    await page.reload();
    await page.locator('#app').waitFor({ state: 'visible', ...wait });
    expect(cognito.authorizeCalls).toHaveLength(1);
    expect(cognito.tokenCalls).toHaveLength(1);
    expect(staff.meAuthorizations).toEqual([
      `Bearer ${env.assistant.staffToken}`,
      `Bearer ${env.assistant.staffToken}`,
    ]);
    await staff.context.close();
  }, 90_000);

  it.each([
    ['no sign-in was started in this tab', undefined],
    ['the state differs from the one sent', 'tampered-state-value'],
  ])(
    'refuses a callback when %s, without exchanging the code',
    async (_, answerState) => {
      const staff = await staffPage(cognitoConfig(), { answerState });
      const { page, cognito } = staff;
      if (answerState) {
        await page.goto(consoleUrl());
        await page.getByRole('button', { name: 'Đăng nhập bằng tài khoản cán bộ' }).click();
      } else {
        await page.goto(`${consoleUrl()}?code=stolen-code&state=forged-state`);
      }
      await expect
        .poll(() => text(page.locator('#signin-cognito-error')), wait)
        .toBe('Phiên đăng nhập không hợp lệ hoặc đã quá hạn. Vui lòng đăng nhập lại.');
      expect(cognito.tokenCalls).toHaveLength(0);
      expect(staff.meAuthorizations).toHaveLength(0);
      expect(await page.locator('#app').isHidden()).toBe(true);
      expect(page.url()).toBe(consoleUrl());
      await staff.context.close();
    },
    60_000,
  );

  it('signs out through /logout: the refresh token is revoked and the tab forgets the tokens', async () => {
    const staff = await staffPage();
    const { page, cognito } = staff;
    await signInThroughHostedUi(staff);

    await page.getByRole('button', { name: 'Đăng xuất', exact: true }).click();
    await expect.poll(() => cognito.logoutCalls.length, wait).toBe(1);
    expect(Object.fromEntries(cognito.logoutCalls[0]?.searchParams ?? [])).toEqual({
      client_id: clientId,
      logout_uri: consoleUrl(),
    });
    expect(cognito.revokeCalls.map((form) => form.get('token'))).toEqual([refreshToken]);

    // Back on the console, signed out.
    const button = page.getByRole('button', { name: 'Đăng nhập bằng tài khoản cán bộ' });
    await expect.poll(() => button.isVisible(), wait).toBe(true);
    expect(page.url()).toBe(consoleUrl());
    expect(await page.locator('#app').isHidden()).toBe(true);
    expect(await storage(page)).toEqual({});
    await staff.context.close();
  }, 90_000);

  it('renews expired tokens with the refresh token when the console is opened again', async () => {
    const staff = await staffPage();
    const { page, cognito } = staff;
    await signInThroughHostedUi(staff);
    // The ID token ran out while the tab was idle.
    await page.evaluate(() => {
      const key = 'tro-ly-ao.staff-oauth-tokens';
      const tokens = JSON.parse(window.sessionStorage.getItem(key) ?? '{}');
      window.sessionStorage.setItem(key, JSON.stringify({ ...tokens, expiresAt: Date.now() - 1000 }));
    });
    await page.reload();
    await page.locator('#app').waitFor({ state: 'visible', ...wait });
    expect(cognito.tokenCalls.map((call) => call.form.get('grant_type'))).toEqual([
      'authorization_code',
      'refresh_token',
    ]);
    expect(cognito.authorizeCalls).toHaveLength(1);
    await staff.context.close();
  }, 90_000);
});

describe('staff sign-in without Cognito', () => {
  it.each([
    ['config.json says type "token"', { apiBase: '', staffAuth: { type: 'token' } }],
    ['config.json has no staffAuth', { apiBase: '' }],
  ])(
    '%s: the pasted-token form signs in, and no hosted UI is involved',
    async (_, config) => {
      const staff = await staffPage(config);
      const { page, cognito } = staff;
      await page.goto(consoleUrl());
      await page.getByLabel('Mã truy cập của cán bộ').fill(env.assistant.staffToken);
      await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
      await page.locator('#app').waitFor({ state: 'visible', ...wait });
      expect(await page.locator('#signin-cognito').isHidden()).toBe(true);
      expect(staff.meAuthorizations).toEqual([`Bearer ${env.assistant.staffToken}`]);
      expect(cognito.authorizeCalls).toHaveLength(0);
      await staff.context.close();
    },
    60_000,
  );

  it('says the deployment is misconfigured when config.json asks for Cognito without a client', async () => {
    const broken = { apiBase: '', staffAuth: { ...cognitoConfig().staffAuth, clientId: '' } };
    const staff = await staffPage(broken);
    const { page } = staff;
    await page.goto(consoleUrl());
    await expect.poll(() => text(page.locator('#signin-cognito-error')), wait).toContain('không hợp lệ');
    expect(await page.locator('#signin-form').isHidden()).toBe(true);
    expect(await page.locator('#signin-cognito-button').isHidden()).toBe(true);
    await staff.context.close();
  }, 60_000);
});
