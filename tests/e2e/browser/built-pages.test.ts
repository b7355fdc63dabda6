// The pages as the stack publishes them (scripts/build-web.ts: each page's module graph bundled into
// one script), in real Chromium: the citizen page answers with one script request, and the staff
// console signs in and shows its queue. `npm start` serves web/ as written; this is the deployed form.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../../scripts/build-web';
import { useAssistantAndBrowser } from '../../support/browser';

const text = async (locator: Locator) => ((await locator.textContent()) ?? '').trim();
const wait = { timeout: 30_000 };

const builtDir = mkdtempSync(join(tmpdir(), 'built-web-'));
// Registered before the assistant starts (hooks run in order), so it serves the built pages.
beforeAll(async () => {
  await buildWeb({ outDir: builtDir });
}, 60_000);
afterAll(() => rmSync(builtDir, { recursive: true, force: true }));
const env = useAssistantAndBrowser('browser-built-', { webRoot: builtDir });

/** Every script and style sheet the page fetched, and any error it threw. */
function recordLoads(page: Page) {
  const scripts: string[] = [];
  const errors: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { scripts, errors };
}

describe('the published (bundled) pages', () => {
  it('the citizen page loads one script and answers a question', async () => {
    const context = await env.chromium.newContext({ viewport: { width: 375, height: 740 }, isMobile: true });
    const page = await context.newPage();
    const loads = recordLoads(page);
    await page.goto(env.assistant.url);
    await expect
      .poll(() => text(page.locator('#messages > .message-bot .bubble').first()), wait)
      .toContain('Xin chào');
    await page.getByLabel('Nội dung tin nhắn').fill('làm lại căn cước cần giấy tờ gì');
    await page.getByLabel('Nội dung tin nhắn').press('Enter');
    await expect.poll(() => page.locator('#messages > .message-bot').count(), wait).toBeGreaterThanOrEqual(2);
    expect(await text(page.locator('#messages > .message-bot .bubble').last())).toMatch(/căn cước/i);
    expect(loads.scripts).toEqual(['/js/chat-app.js']);
    expect(loads.errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('the staff console loads one script, signs in and shows its queue', async () => {
    const context = await env.chromium.newContext({ viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    const loads = recordLoads(page);
    await page.goto(`${env.assistant.url}/staff`);
    await page.getByLabel('Mã truy cập của cán bộ').fill(env.assistant.staffToken);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await expect.poll(() => page.locator('#app').isVisible(), wait).toBe(true);
    await page.locator('#queue-list').waitFor(wait);
    expect(loads.scripts).toEqual(['/staff/js/staff-app.js']);
    expect(loads.errors).toEqual([]);
    await context.close();
  }, 120_000);
});
