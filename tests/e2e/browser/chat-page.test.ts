// The citizen chat page in real Chromium on a phone-sized screen, against the whole assistant on this machine.

import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { describe, expect, it, onTestFailed } from 'vitest';
import { useAssistantAndBrowser } from '../../support/browser';

/** The trimmed text of an element (what a person reads). */
const text = async (locator: Locator) => ((await locator.textContent()) ?? '').trim();

const shotsDir = join(tmpdir(), 'browser-tests');
const vietnameseLetters = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;

mkdirSync(shotsDir, { recursive: true });
const env = useAssistantAndBrowser('browser-chat-');

async function phonePage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await env.chromium.newContext({
    viewport: { width: 375, height: 740 },
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  onTestFailed(async () => {
    await page.screenshot({ path: join(shotsDir, 'chat-failure.png') }).catch(() => {});
  });
  await page.goto(env.assistant.url);
  return { context, page };
}

const bubbles = (page: Page, speaker: 'user' | 'bot' | 'staff' | 'system') =>
  page.locator(`#messages > .message-${speaker} .bubble`);

describe('the citizen chat page on a 375 px phone screen', () => {
  it('welcomes, answers a procedure question in Vietnamese, and sends quick replies', async () => {
    const { context, page } = await phonePage();

    await expect.poll(() => text(bubbles(page, 'bot').first())).toContain('Xin chào');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    // A welcome button sends its title as the citizen's words and gets an answer.
    await page.getByRole('button', { name: 'Thủ tục hành chính' }).click();
    await expect.poll(() => text(bubbles(page, 'user').last())).toBe('Thủ tục hành chính');
    await expect.poll(() => bubbles(page, 'bot').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);

    // A typed question, sent with Enter.
    const botsBefore = await bubbles(page, 'bot').count();
    await page.getByLabel('Nội dung tin nhắn').fill('làm lại căn cước cần gì');
    await page.getByLabel('Nội dung tin nhắn').press('Enter');
    await expect.poll(() => text(bubbles(page, 'user').last())).toBe('làm lại căn cước cần gì');
    await expect.poll(() => bubbles(page, 'bot').count(), { timeout: 15_000 }).toBeGreaterThan(botsBefore);
    const answer = await text(bubbles(page, 'bot').last());
    expect(answer.length).toBeGreaterThan(20);
    expect(answer).toMatch(vietnameseLetters);
    expect(await page.locator('.message-error').count()).toBe(0);
    expect(await page.locator('#typing').isHidden()).toBe(true);

    // The answer's own quick replies (e.g. "Hữu ích") go back as their payload, shown as their title.
    const offered = page.locator('#messages > .message:last-child .quick-reply');
    await expect.poll(() => offered.count()).toBeGreaterThan(0);
    const title = await text(offered.first());
    const sent = page.waitForRequest(
      (request) => request.url().endsWith('/api/chat') && request.method() === 'POST',
    );
    await offered.first().click();
    const body = (await sent).postDataJSON() as Record<string, unknown>;
    expect(typeof body.payload === 'string' || body.text === title).toBe(true);
    await expect.poll(() => text(bubbles(page, 'user').last())).toBe(title);
    await expect.poll(() => page.locator('#typing').isHidden(), { timeout: 15_000 }).toBe(true);
    expect(await page.locator('.message-error').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    const shot = join(shotsDir, 'chat-375.png');
    await page.screenshot({ path: shot });
    console.info(`chat page screenshot: ${shot}`);
    await context.close();
  }, 120_000);

  it('keeps the conversation across a reload, and a second tab continues the same session', async () => {
    const { context, page } = await phonePage();
    const question = 'đăng ký khai sinh cần giấy tờ gì';
    await page.getByLabel('Nội dung tin nhắn').fill(question);
    await page.getByLabel('Nội dung tin nhắn').press('Enter');
    await expect.poll(() => bubbles(page, 'bot').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    const answer = await text(bubbles(page, 'bot').last());
    const sessionId = await page.evaluate(() => localStorage.getItem('tro-ly-ao.session-id'));
    expect(sessionId).toMatch(/^[A-Za-z0-9_-]{16,64}$/);

    await page.reload();
    await expect.poll(() => bubbles(page, 'user').allTextContents()).toEqual([question]);
    await expect
      .poll(async () => (await bubbles(page, 'bot').allTextContents()).map((t) => t.trim()))
      .toContain(answer);

    // A new tab has no record of its own: it shows the server's history of the same session, once each.
    const second = await context.newPage();
    await second.goto(env.assistant.url);
    await expect.poll(() => text(bubbles(second, 'bot').last())).toBe(answer);
    expect(await second.evaluate(() => localStorage.getItem('tro-ly-ao.session-id'))).toBe(sessionId);
    const answers = (await bubbles(second, 'bot').allTextContents()).filter((t) => t.trim() === answer);
    expect(answers).toHaveLength(1);
    await context.close();
  }, 60_000);

  it('offers a retry when the network fails, and the retry goes through', async () => {
    const { context, page } = await phonePage();
    await page.route('**/api/chat', (route) => route.abort('internetdisconnected'));
    await page.getByLabel('Nội dung tin nhắn').fill('giờ làm việc của bộ phận một cửa');
    await page.getByLabel('Nội dung tin nhắn').press('Enter');
    const retry = page.getByRole('button', { name: 'Thử lại' });
    await retry.waitFor({ timeout: 15_000 });
    expect(await text(page.locator('.message-error'))).toContain('mất kết nối');

    await page.unroute('**/api/chat');
    await retry.click();
    await expect.poll(() => page.locator('.message-error').count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => bubbles(page, 'bot').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    expect(await bubbles(page, 'user').allTextContents()).toEqual(['giờ làm việc của bộ phận một cửa']);
    await context.close();
  }, 60_000);

  it('shows the server’s own Vietnamese message when the API refuses', async () => {
    const { context, page } = await phonePage();
    const refusal = {
      error: { code: 'too_many_requests', message: 'Bạn gửi nhanh quá, vui lòng chờ một chút.' },
    };
    await page.route('**/api/chat', (route) =>
      route.fulfill({ status: 429, contentType: 'application/json', body: JSON.stringify(refusal) }),
    );
    await page.getByLabel('Nội dung tin nhắn').fill('xin chào');
    await page.getByLabel('Nội dung tin nhắn').press('Enter');
    await expect.poll(() => text(page.locator('.message-error'))).toContain(refusal.error.message);
    await context.close();
  }, 60_000);
});

describe('the chat around its edges', () => {
  it('counts characters near the 2,000 limit and never lets more through', async () => {
    const { context, page } = await phonePage();
    const input = page.getByLabel('Nội dung tin nhắn');
    await input.fill('a'.repeat(100));
    expect(await page.locator('#char-counter').isHidden()).toBe(true);
    await input.fill('a'.repeat(1950));
    await expect.poll(() => text(page.locator('#char-counter'))).toBe('1950/2000 ký tự');
    await input.fill('a'.repeat(2100));
    expect((await input.inputValue()).length).toBe(2000);
    await context.close();
  }, 60_000);

  it('the one-tag widget opens the same chat in a panel on another page', async () => {
    const context = await env.chromium.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    onTestFailed(async () => {
      await page.screenshot({ path: join(shotsDir, 'widget-failure.png') }).catch(() => {});
    });
    await page.goto(`${env.assistant.url}/embed-demo.html`);
    // Playwright's CSS reaches into the widget's open shadow root.
    const launcher = page.locator('[data-tro-ly-ao-widget] button.launcher');
    expect(await launcher.getAttribute('aria-label')).toBe('Hỏi Trợ lý ảo Dịch vụ công');
    await launcher.click();
    expect(await launcher.getAttribute('aria-expanded')).toBe('true');

    const chat = page.frameLocator('iframe[title="Trợ lý ảo Dịch vụ công"]');
    await chat.getByLabel('Nội dung tin nhắn').fill('làm lại căn cước cần gì');
    await chat.getByLabel('Nội dung tin nhắn').press('Enter');
    await expect
      .poll(() => chat.locator('#messages > .message-bot').count(), { timeout: 15_000 })
      .toBeGreaterThanOrEqual(2);

    await chat.getByRole('button', { name: 'Đóng cửa sổ trò chuyện' }).click();
    await expect.poll(() => launcher.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('[data-tro-ly-ao-widget] .panel').isHidden()).toBe(true);
    await context.close();
  }, 60_000);
});
