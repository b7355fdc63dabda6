// Issue 7's round trip in real Chromium: a citizen asks for a person in the chat page, a staff member signs
// in to the console, claims and answers, the citizen sees it, the staff member resolves, the citizen rates,
// and the rating is in the report.

import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it, onTestFailed } from 'vitest';
import { useAssistantAndBrowser } from '../../support/browser';

/** The trimmed text of an element (what a person reads). */
const text = async (locator: Locator) => ((await locator.textContent()) ?? '').trim();

const shotsDir = join(tmpdir(), 'browser-tests');
const wait = { timeout: 30_000 }; // polling pages: generous, never a fixed sleep

mkdirSync(shotsDir, { recursive: true });
const env = useAssistantAndBrowser('browser-staff-');

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());

async function satisfaction(): Promise<{ ratings: number }> {
  const day = today();
  const response = await fetch(`${env.assistant.url}/api/staff/reports/satisfaction?from=${day}&to=${day}`, {
    headers: { authorization: `Bearer ${env.assistant.staffToken}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { ratings: number };
}

function keepScreenshotsOnFailure(pages: Record<string, Page>) {
  onTestFailed(async () => {
    for (const [name, page] of Object.entries(pages)) {
      await page.screenshot({ path: join(shotsDir, `round-trip-${name}-failure.png`) }).catch(() => {});
    }
  });
}

describe('handoff to staff, end to end in the browser', () => {
  it('the console refuses a wrong token', async () => {
    const context = await env.chromium.newContext({ viewport: { width: 1024, height: 768 } });
    const staff = await context.newPage();
    keepScreenshotsOnFailure({ staff });
    await staff.goto(`${env.assistant.url}/staff`);
    await staff.getByLabel('Mã truy cập của cán bộ').fill('not-the-token');
    await staff.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await expect.poll(() => text(staff.locator('#signin-error'))).toContain('không đúng');
    expect(await staff.locator('#app').isHidden()).toBe(true);
    await context.close();
  }, 60_000);

  it('citizen asks for a person → staff claims and answers → citizen sees it → resolve → citizen rates → report', async () => {
    const citizenContext = await env.chromium.newContext({
      viewport: { width: 375, height: 740 },
      isMobile: true,
      hasTouch: true,
    });
    const staffContext = await env.chromium.newContext({ viewport: { width: 1280, height: 860 } });
    const citizen = await citizenContext.newPage();
    const staff = await staffContext.newPage();
    keepScreenshotsOnFailure({ citizen, staff });
    const ratingsBefore = (await satisfaction()).ratings;

    // The citizen asks for a person.
    await citizen.goto(env.assistant.url);
    await citizen.getByLabel('Nội dung tin nhắn').fill('cho tôi gặp cán bộ');
    await citizen.getByLabel('Nội dung tin nhắn').press('Enter');
    await expect
      .poll(() => text(citizen.locator('#state-banner')), wait)
      .toContain('Đang chờ cán bộ tiếp nhận');
    const sessionId = await citizen.evaluate(() => localStorage.getItem('tro-ly-ao.session-id'));
    expect(sessionId).toBeTruthy();

    // A staff member signs in and finds it in the queue.
    await staff.goto(`${env.assistant.url}/staff`);
    await staff.getByLabel('Mã truy cập của cán bộ').fill(env.assistant.staffToken);
    await staff.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    const item = staff.locator('#queue-list .queue-item').first();
    await item.waitFor(wait);
    await item.click();
    await expect.poll(() => text(staff.locator('.conversation-meta')), wait).toContain(sessionId ?? '');
    await expect.poll(() => text(staff.locator('.transcript')), wait).toContain('cho tôi gặp cán bộ');

    // Claim: the citizen is told a person has it.
    await staff.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
    await expect.poll(() => text(staff.locator('.badge-state')), wait).toBe('Đã tiếp nhận');
    await expect.poll(() => text(citizen.locator('#state-banner')), wait).toContain('Cán bộ đang trò chuyện');

    // The answer reaches the citizen's page through polling, labelled as staff.
    const reply = 'Chào anh/chị, tôi là cán bộ bộ phận một cửa. Anh/chị cần hỗ trợ thủ tục nào ạ?';
    await staff.getByRole('textbox', { name: 'Trả lời người dân' }).fill(reply);
    await staff.getByRole('button', { name: 'Gửi', exact: true }).click();
    await expect
      .poll(() => citizen.locator('#messages > .message-staff .bubble').allTextContents(), wait)
      .toContain(reply);
    expect(await text(citizen.locator('#messages > .message-staff .message-label').first())).toBe('Cán bộ');
    await citizen.screenshot({ path: join(shotsDir, 'round-trip-citizen.png') });
    await staff.screenshot({ path: join(shotsDir, 'round-trip-staff.png') });

    // Resolve: the citizen is asked to rate, with at least three choices, and picks one.
    await staff.getByRole('button', { name: 'Hoàn tất', exact: true }).click();
    await expect.poll(() => text(staff.locator('.badge-state')), wait).toBe('Đã hoàn tất');
    const choices = citizen.locator('#messages > .message:last-child .quick-reply');
    await expect.poll(() => choices.count(), wait).toBeGreaterThanOrEqual(3);
    await expect.poll(() => citizen.locator('#state-banner').isHidden(), wait).toBe(true);
    const titles = (await choices.allTextContents()).map((title) => title.trim());
    const choice = titles.find((title) => /rất hài lòng|5/i.test(title)) ?? titles[0] ?? '';
    await choices.nth(titles.indexOf(choice)).click();
    await expect
      .poll(() => text(citizen.locator('#messages > .message-user .bubble').last()), wait)
      .toBe(choice);
    expect(await citizen.locator('.message-error').count()).toBe(0);

    // The rating is counted, and the report tab shows it.
    await expect.poll(async () => (await satisfaction()).ratings, wait).toBe(ratingsBefore + 1);
    await staff.getByRole('button', { name: 'Báo cáo', exact: true }).click();
    await staff.getByRole('button', { name: 'Xem báo cáo', exact: true }).click();
    const ratingsStat = staff.locator('.stat', { hasText: 'Lượt đánh giá' }).locator('.stat-value');
    await expect
      .poll(async () => Number((await text(ratingsStat)).replace(/\D/g, '')), wait)
      .toBeGreaterThanOrEqual(1);
    expect(await staff.locator('#report-body svg.chart').count()).toBeGreaterThan(0);

    // The CSV export is fetched with the staff token and handed over as a file.
    const download = staff.waitForEvent('download');
    await staff.getByRole('button', { name: 'Tải CSV', exact: true }).click();
    const csvPath = await (await download).path();
    const csv = readFileSync(csvPath, 'utf8').trim().split(/\r?\n/);
    expect(csv.length).toBeGreaterThanOrEqual(2); // a header and the rating
    await staff.screenshot({ path: join(shotsDir, 'round-trip-report.png'), fullPage: true });

    await citizenContext.close();
    await staffContext.close();
  }, 180_000);
  it('a list asked for with an earlier filter and answering late is not drawn over the newer one', async () => {
    const context = await env.chromium.newContext({ viewport: { width: 1280, height: 900 } });
    const staff = await context.newPage();
    keepScreenshotsOnFailure({ staff });
    let lateAnswered!: () => void;
    const late = new Promise<void>((resolve) => {
      lateAnswered = resolve;
    });
    // "Đang xử lý" (the tab's first list) answers after "Đã xử lý", asked for next, has answered.
    await staff.route(/\/api\/staff\/feedback-reports\?status=open$/u, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const item = {
        reference: 'PA-OLD-FILTER',
        createdAt: new Date().toISOString(),
        category: 'Hạ tầng',
        description: 'Đèn đường hỏng',
        status: 'open',
      };
      await route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({ items: [item] }),
      });
      lateAnswered();
    });
    await staff.route(/\/api\/staff\/feedback-reports\?status=resolved$/u, (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ items: [] }) }),
    );
    await staff.goto(`${env.assistant.url}/staff`);
    await staff.getByLabel('Mã truy cập của cán bộ').fill(env.assistant.staffToken);
    await staff.getByLabel('Mã truy cập của cán bộ').press('Enter');
    await staff.getByRole('button', { name: 'Phản ánh' }).click();
    await staff.locator('#feedback-status').selectOption('resolved');
    await expect.poll(() => text(staff.locator('#feedback-body')), wait).toContain('Chưa có phản ánh nào');
    await late;
    // Proving that something is NOT drawn needs a bounded wait: the late list would be drawn within a
    // few tasks of its arrival; 300 ms is many times that.
    await staff.waitForTimeout(300);
    expect(await text(staff.locator('#feedback-body'))).not.toContain('PA-OLD-FILTER');
    await context.close();
  }, 60_000);
});
