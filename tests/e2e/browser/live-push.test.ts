// Issue 17's push in real Chromium: what staff write reaches the citizen's open page over the
// socket with no polling at all; a page whose socket cannot open still gets it by polling; a page
// whose socket drops resumes from its last message and loses nothing; and the staff console's
// queue shows a new request without polling or reloading.

import type { BrowserContext, Locator, Page, WebSocket as PageSocket } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useAssistantAndBrowser } from '../../support/browser';

const env = useAssistantAndBrowser('browser-push-');
const wait = { timeout: 30_000 }; // never a fixed sleep: wait for what a person would see
const text = async (locator: Locator) => ((await locator.textContent()) ?? '').trim();

const isPoll = (url: string) => /\/api\/chat\/[^/]+\/messages/u.test(url);

/** Counts the page's transcript polls and keeps the frames its sockets receive. */
function watch(page: Page) {
  const seen = { polls: 0, frames: [] as string[] };
  page.on('request', (request) => {
    if (isPoll(request.url())) seen.polls += 1;
  });
  page.on('websocket', (socket: PageSocket) => {
    socket.on('framereceived', (frame) => seen.frames.push(String(frame.payload)));
  });
  return seen;
}

async function staffCall(method: string, path: string, body?: unknown) {
  const response = await fetch(`${env.assistant.url}/api/staff${path}`, {
    method,
    headers: { authorization: `Bearer ${env.assistant.staffToken}`, 'content-type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as any;
}

/** The citizen asks for a person; returns the escalation the request opened. */
async function askForPerson(page: Page): Promise<string> {
  await page.goto(env.assistant.url);
  await page.getByLabel('Nội dung tin nhắn').fill('cho tôi gặp cán bộ');
  await page.getByLabel('Nội dung tin nhắn').press('Enter');
  await expect.poll(() => text(page.locator('#state-banner')), wait).toContain('Đang chờ cán bộ tiếp nhận');
  const sessionId = await page.evaluate(() => localStorage.getItem('tro-ly-ao.session-id'));
  const open = await staffCall('GET', '/escalations?status=open');
  const mine = (open.items as { id: string; sessionId: string }[]).find((e) => e.sessionId === sessionId);
  expect(mine).toBeDefined();
  return mine?.id ?? '';
}

const staffBubbles = (page: Page, words: string) => page.locator('#messages li', { hasText: words });

async function citizenPage(
  options: { blockSocket?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await env.chromium.newContext({ viewport: { width: 420, height: 800 } });
  if (options.blockSocket) {
    // As behind a proxy that refuses WebSockets: every socket the page opens fails to connect.
    await context.addInitScript(() => {
      const Real = window.WebSocket;
      window.WebSocket = class extends Real {
        constructor() {
          super('ws://127.0.0.1:9/refused');
        }
      } as typeof WebSocket;
    });
  }
  return { context, page: await context.newPage() };
}

describe('push to open pages (issue 17)', () => {
  it('a staff reply appears on the citizen page over the socket, with no poll at all', async () => {
    const { context, page } = await citizenPage();
    const seen = watch(page);
    const id = await askForPerson(page);
    await staffCall('POST', `/escalations/${id}/messages`, { text: 'Chào bạn, cán bộ Lan đây ạ.' });

    await staffBubbles(page, 'cán bộ Lan đây').first().waitFor(wait);
    await expect.poll(() => text(page.locator('#state-banner')), wait).toContain('Cán bộ đang trò chuyện');
    expect(seen.frames.some((f) => f.includes('cán bộ Lan đây'))).toBe(true);
    expect(seen.polls).toBe(0);
    await context.close();
  }, 120_000);

  it('when the socket cannot open, polling still delivers the reply', async () => {
    const { context, page } = await citizenPage({ blockSocket: true });
    const seen = watch(page);
    const id = await askForPerson(page);
    await staffCall('POST', `/escalations/${id}/messages`, { text: 'Cán bộ Minh xin trả lời qua thăm dò.' });

    await staffBubbles(page, 'trả lời qua thăm dò').first().waitFor(wait);
    expect(seen.polls).toBeGreaterThan(0);
    expect(seen.frames).toHaveLength(0);
    await context.close();
  }, 120_000);

  it('polling pages poll nothing while the assistant answers the citizen', async () => {
    const { context, page } = await citizenPage({ blockSocket: true });
    const seen = watch(page);
    let answering = false;
    let pollsWhileAnswering = 0;
    page.on('request', (request) => {
      if (answering && isPoll(request.url())) pollsWhileAnswering++;
    });
    page.on('response', (response) => {
      if (response.request().method() === 'POST' && new URL(response.url()).pathname === '/api/chat')
        answering = false;
    });
    await page.goto(env.assistant.url);
    await expect.poll(() => seen.polls, wait).toBeGreaterThan(0);
    // A slow answer (held back here) spans several polling intervals.
    await context.route(/\/api\/chat$/u, async (route) => {
      answering = true;
      await new Promise((resolve) => setTimeout(resolve, 6000));
      await route.continue();
    });
    await page.getByLabel('Nội dung tin nhắn').fill('làm lại căn cước cần gì');
    await page.getByLabel('Nội dung tin nhắn').press('Enter');
    await page.locator('#messages li', { hasText: 'căn cước' }).nth(1).waitFor(wait);
    expect(answering).toBe(false);
    expect(pollsWhileAnswering).toBe(0);
    await context.close();
  }, 120_000);

  it('a dropped socket resumes from the last message id and loses nothing', async () => {
    const { context, page } = await citizenPage();
    let refuse = false;
    const pageSides: { close(): Promise<void> }[] = [];
    await context.routeWebSocket(/\/ws$/u, (socket) => {
      if (refuse) {
        void socket.close();
        return;
      }
      socket.connectToServer();
      pageSides.push(socket);
    });
    // Polling is cut too, so what arrives after the drop can only come from the resumed socket.
    await context.route(/\/api\/chat\/[^/]+\/messages/u, (route) => route.abort());
    const seen = watch(page);
    const id = await askForPerson(page);
    await staffCall('POST', `/escalations/${id}/messages`, { text: 'Tin thứ nhất trước khi mất kết nối.' });
    await staffBubbles(page, 'Tin thứ nhất').first().waitFor(wait);

    refuse = true;
    await Promise.all(pageSides.map((s) => s.close()));
    await staffCall('POST', `/escalations/${id}/messages`, { text: 'Tin thứ hai lúc mất kết nối.' });
    await staffCall('POST', `/escalations/${id}/messages`, { text: 'Tin thứ ba lúc mất kết nối.' });
    refuse = false;

    await staffBubbles(page, 'Tin thứ ba').first().waitFor(wait);
    expect(await staffBubbles(page, 'Tin thứ nhất').count()).toBe(1);
    expect(await staffBubbles(page, 'Tin thứ hai').count()).toBe(1);
    expect(await staffBubbles(page, 'Tin thứ ba').count()).toBe(1);
    // The resumed subscription asked only for what came after the first message.
    const resumed = seen.frames.filter((f) => f.includes('Tin thứ hai'));
    expect(resumed.length).toBeGreaterThan(0);
    expect(resumed.every((f) => !f.includes('Tin thứ nhất'))).toBe(true);
    await context.close();
  }, 120_000);

  it("the staff console's queue shows a new request without polling or reloading", async () => {
    const context = await env.chromium.newContext({ viewport: { width: 1280, height: 860 } });
    const staff = await context.newPage();
    let queueReads = 0;
    const signals: string[] = [];
    staff.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/staff/escalations') queueReads += 1;
    });
    const subscribed = new Promise<void>((resolve) => {
      staff.on('websocket', (socket) =>
        socket.on('framereceived', (frame) => {
          const payload = String(frame.payload);
          if (payload.includes('"subscribed"')) resolve();
          if (payload.includes('staff_changed')) signals.push(payload);
        }),
      );
    });
    await staff.goto(`${env.assistant.url}/staff`);
    await staff.getByLabel('Mã truy cập của cán bộ').fill(env.assistant.staffToken);
    await staff.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await subscribed;

    const sessionId = `push-staff-${Date.now().toString(36)}`;
    const response = await fetch(`${env.assistant.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sessionId, text: 'cho tôi gặp cán bộ' }),
    });
    expect(response.status).toBe(200);
    const created = (await staffCall('GET', '/escalations?status=open')).items.find(
      (e: { sessionId: string }) => e.sessionId === sessionId,
    );
    expect(created).toBeDefined();
    await staff.locator(`#queue-list .queue-item[data-id="${created.id}"]`).waitFor(wait);
    // One read on sign-in, then one per signal: the queue never polled while the socket was open.
    expect(signals.length).toBeGreaterThan(0);
    expect(queueReads).toBeLessThanOrEqual(1 + signals.length);
    await context.close();
  }, 120_000);
});
