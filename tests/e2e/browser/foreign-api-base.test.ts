// Issue 14, item 1, in real Chromium: a link carrying `?api=https://evil.example` (or a host page's
// `data-api`) must not make the citizen page, the widget or the staff console talk to that host. Every
// request the browser makes is recorded at the context (frames included); foreign ones are aborted so
// nothing could leave even if one were made. The pages also run under their Content-Security-Policy:
// any violation it reports fails the test.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useAssistantAndBrowser } from '../../support/browser';

const env = useAssistantAndBrowser('browser-foreign-api-');
const EVIL = 'https://evil.example';
/**
 * Another site embedding the widget: a second little server on the loopback (another origin; a page
 * faked by a route would count as public, and Chromium forbids it loading from the loopback).
 */
let hostSite: Server;
const hostPageUrl = () => `http://127.0.0.1:${(hostSite.address() as AddressInfo).port}/province-site.html`;
beforeAll(async () => {
  hostSite = createServer((req, res) => {
    const page = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Cổng tỉnh</title></head>
      <body><h1>Trang của tỉnh</h1>
      <script src="${env.assistant.url}/widget.js" data-api="${EVIL}" defer></script></body></html>`;
    res.writeHead(req.url?.startsWith('/province-site.html') ? 200 : 404, { 'content-type': 'text/html' });
    res.end(page);
  });
  await new Promise<void>((ok) => hostSite.listen(0, '127.0.0.1', ok));
});
afterAll(() => new Promise<void>((ok) => hostSite.close(() => ok())));
const wait = { timeout: 30_000 };

interface Watched {
  context: BrowserContext;
  page: Page;
  /** Every host the browser asked for, in order. */
  hosts: string[];
  /** Authorization headers, by host, that left the browser. */
  tokensSentTo: string[];
  cspViolations: string[];
}

async function watchedPage(options: { configJson?: unknown; hostSite?: boolean } = {}): Promise<Watched> {
  const context = await env.chromium.newContext({ viewport: { width: 1280, height: 800 } });
  const own = new URL(env.assistant.url).host;
  const hosts: string[] = [];
  const tokensSentTo: string[] = [];
  await context.route('**/*', async (route) => {
    const request = route.request();
    const url = new URL(request.url());
    hosts.push(url.host);
    if (request.headers().authorization) tokensSentTo.push(url.host);
    const allowed = url.host === own || (options.hostSite && url.host === new URL(hostPageUrl()).host);
    if (!allowed) return route.abort();
    if (options.configJson !== undefined && url.pathname === '/config.json')
      return route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify(options.configJson),
      });
    return route.continue();
  });
  const page = await context.newPage();
  const cspViolations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/iu.test(message.text())) cspViolations.push(message.text());
  });
  return { context, page, hosts, tokensSentTo, cspViolations };
}

function expectOnlyOwnOrigin(w: Watched, extraHosts: string[] = []) {
  const own = new URL(env.assistant.url).host;
  expect(w.hosts.length).toBeGreaterThan(0);
  expect(w.hosts.filter((h) => h !== own && !extraHosts.includes(h))).toEqual([]);
  expect(w.hosts).not.toContain('evil.example');
  expect(w.cspViolations).toEqual([]);
}

describe('no request leaves for a foreign ?api=', () => {
  it.each([
    ['the citizen page', `/?api=${encodeURIComponent(EVIL)}`],
    ['the embedded chat page', `/index.html?embed=1&api=${encodeURIComponent(EVIL)}`],
  ])(
    '%s answers through its own origin',
    async (_label, path) => {
      const w = await watchedPage();
      await w.page.goto(`${env.assistant.url}${path}`);
      await expect.poll(() => w.page.locator('#messages > .message-bot').count(), wait).toBeGreaterThan(0);
      await w.page.getByLabel('Nội dung tin nhắn').fill('làm lại căn cước cần gì');
      await w.page.getByLabel('Nội dung tin nhắn').press('Enter');
      await expect
        .poll(() => w.page.locator('#messages > .message-bot').count(), wait)
        .toBeGreaterThanOrEqual(2);
      expect(await w.page.locator('.message-error').count()).toBe(0);
      expectOnlyOwnOrigin(w);
      await w.context.close();
    },
    60_000,
  );

  it('the citizen page with the deployed config.json (apiBase "") still ignores ?api=', async () => {
    const w = await watchedPage({ configJson: { apiBase: '', staffAuth: { type: 'token' } } });
    await w.page.goto(`${env.assistant.url}/?api=${encodeURIComponent(EVIL)}`);
    await expect.poll(() => w.page.locator('#messages > .message-bot').count(), wait).toBeGreaterThan(0);
    await w.page.getByLabel('Nội dung tin nhắn').fill('xin chào');
    await w.page.getByLabel('Nội dung tin nhắn').press('Enter');
    await expect
      .poll(() => w.page.locator('#messages > .message-bot').count(), wait)
      .toBeGreaterThanOrEqual(2);
    expectOnlyOwnOrigin(w);
    await w.context.close();
  }, 60_000);

  it('the widget on another site, with data-api and ?api= pointing elsewhere, chats with its own origin', async () => {
    const w = await watchedPage({ hostSite: true });
    await w.page.goto(`${hostPageUrl()}?api=${encodeURIComponent(EVIL)}`);
    const launcher = w.page.locator('[data-tro-ly-ao-widget] button.launcher');
    await launcher.click();
    const chat = w.page.frameLocator('iframe[title="Trợ lý ảo Dịch vụ công"]');
    // The welcome is drawn once the page's script has attached its handlers: typing sooner could be lost.
    await expect.poll(() => chat.locator('#messages > .message-bot').count(), wait).toBeGreaterThan(0);
    await chat.getByLabel('Nội dung tin nhắn').fill('làm lại căn cước cần gì');
    await chat.getByLabel('Nội dung tin nhắn').press('Enter');
    await expect.poll(() => chat.locator('#messages > .message-bot').count(), wait).toBeGreaterThanOrEqual(2);
    const src = await w.page.locator('[data-tro-ly-ao-widget] iframe').getAttribute('src');
    expect(src).not.toContain('api=');
    expectOnlyOwnOrigin(w, [new URL(hostPageUrl()).host]);
    await w.context.close();
  }, 60_000);

  it.each([
    ['without config.json (npm start)', undefined],
    ['with the deployed config.json (apiBase "")', { apiBase: '', staffAuth: { type: 'token' } }],
  ])(
    'the staff console %s sends its token to its own origin only',
    async (_label, configJson) => {
      const w = await watchedPage(configJson === undefined ? {} : { configJson });
      await w.page.goto(`${env.assistant.url}/staff/?api=${encodeURIComponent(EVIL)}`);
      await w.page.getByLabel('Mã truy cập của cán bộ').fill(env.assistant.staffToken);
      await w.page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
      await expect.poll(() => w.page.locator('#app').isVisible(), wait).toBe(true);
      expect(w.tokensSentTo.length).toBeGreaterThan(0);
      expect(new Set(w.tokensSentTo)).toEqual(new Set([new URL(env.assistant.url).host]));
      expectOnlyOwnOrigin(w);
      await w.context.close();
    },
    60_000,
  );
});
