// Issue 16 in real Chromium: an editor writes a new local service in the "Cơ sở tri thức" tab, sees the
// answer as a citizen would on a phone and on Zalo, submits it; a reviewer approves it from the review
// queue; the chat answers with it.

import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it, onTestFailed } from 'vitest';
import { useAssistantAndBrowser } from '../../support/browser';

const text = async (locator: Locator) => ((await locator.textContent()) ?? '').trim();
const shotsDir = join(tmpdir(), 'browser-tests');
mkdirSync(shotsDir, { recursive: true });
// Submitting builds the candidate index over the whole catalogue: generous, never a fixed sleep.
const wait = { timeout: 90_000 };

const EDITOR = 'browser-editor-token-0123';
const REVIEWER = 'browser-reviewer-token-01';
const env = useAssistantAndBrowser('browser-knowledge-', {
  env: {
    STAFF_ACCOUNTS: JSON.stringify([
      { name: 'Lê Thị B', token: EDITOR, roles: ['editor'] },
      { name: 'Trần Văn C', token: REVIEWER, roles: ['reviewer'] },
    ]),
  },
});

async function signIn(page: Page, token: string) {
  await page.goto(`${env.assistant.url}/staff`);
  await page.getByLabel('Mã truy cập của cán bộ').fill(token);
  await page.getByLabel('Mã truy cập của cán bộ').press('Enter');
  await page.locator('#tab-knowledge').waitFor({ state: 'visible', timeout: 30_000 });
}

describe('the knowledge tab, end to end in the browser', () => {
  it('editor drafts with phone and Zalo previews → reviewer approves → the chat answers', async () => {
    const editorContext = await env.chromium.newContext({ viewport: { width: 1280, height: 900 } });
    const reviewerContext = await env.chromium.newContext({ viewport: { width: 1280, height: 900 } });
    const editor = await editorContext.newPage();
    const reviewer = await reviewerContext.newPage();
    onTestFailed(async () => {
      await editor
        .screenshot({ path: join(shotsDir, 'knowledge-editor-failure.png'), fullPage: true })
        .catch(() => {});
      await reviewer
        .screenshot({ path: join(shotsDir, 'knowledge-reviewer-failure.png'), fullPage: true })
        .catch(() => {});
    });

    // An editor without the queue lands in the knowledge tab and writes a new local service.
    await signIn(editor, EDITOR);
    await editor.getByRole('button', { name: 'Soạn mục mới' }).click();
    await editor
      .getByLabel('Tiêu đề', { exact: true })
      .fill('Đăng ký sân bóng đá mini của phường cho thiếu nhi');
    await editor
      .getByLabel('Tóm tắt bằng lời dễ hiểu')
      .fill('Phường cho thiếu nhi mượn sân bóng mini vào chiều thứ Bảy.');
    await editor
      .getByLabel('Cách người dân hay hỏi (mỗi dòng một cách)')
      .fill('mượn sân bóng mini cho thiếu nhi\nđăng ký sân bóng phường');
    await editor.getByLabel('Nơi nộp tại tỉnh').fill('Văn phòng khu phố 5, phường Đô Vinh.');
    await editor.getByLabel('Nguồn (đường dẫn https)').fill('https://ninhthuan.gov.vn/thong-bao/san-bong');
    await editor.getByLabel('Ngày kiểm tra thông tin').fill('2025-06-01');
    await editor.getByLabel('Lý do thay đổi').fill('Dịch vụ mới của phường');

    await editor.getByRole('button', { name: 'Xem trước' }).click();
    const phone = editor.getByRole('region', { name: 'Xem trước trên điện thoại' });
    const zalo = editor.getByRole('region', { name: 'Xem trước trên Zalo' });
    await expect.poll(() => text(phone), wait).toContain('Phường cho thiếu nhi mượn sân bóng mini');
    expect(await text(zalo)).toContain('Phường cho thiếu nhi mượn sân bóng mini');
    expect(await text(zalo)).toContain('Hữu ích');

    await editor.getByRole('button', { name: 'Gửi duyệt' }).click();
    await expect.poll(() => text(editor.locator('#kb-checks')), wait).toContain('Kết quả kiểm tra: đạt');

    // The reviewer finds it in the review queue, with the checks, and approves it.
    await signIn(reviewer, REVIEWER);
    const draft = reviewer.locator('.kb-draft', { hasText: 'Đăng ký sân bóng đá mini' });
    await draft.waitFor(wait);
    expect(await text(draft)).toContain('Kết quả kiểm tra: đạt');
    await draft.getByRole('button', { name: 'Duyệt và xuất bản' }).click();
    await expect.poll(() => text(reviewer.locator('#toast')), wait).toContain('Đã xuất bản phiên bản 1');

    // A citizen asking about it is answered with it.
    const response = await fetch(`${env.assistant.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        sessionId: 'browser-kb-000001',
        text: 'đăng ký sân bóng đá mini của phường cho thiếu nhi ở đâu',
      }),
    });
    const body = (await response.json()) as { messages: { text: string }[] };
    expect(body.messages.map((m) => m.text).join('\n')).toContain('Văn phòng khu phố 5');

    await editorContext.close();
    await reviewerContext.close();
  }, 300_000);
  it('a list still loading when "Soạn mục mới" is pressed does not replace the editor', async () => {
    const context = await env.chromium.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    // The first list (what the tab shows on arrival) answers late, as on a slow connection.
    let answered!: () => void;
    const listAnswered = new Promise<void>((resolve) => {
      answered = resolve;
    });
    await page.route(/\/api\/staff\/knowledge(\?.*)?$/u, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await route.continue();
      answered();
    });
    await signIn(page, EDITOR);
    await page.getByRole('button', { name: 'Soạn mục mới' }).click();
    await listAnswered;
    // Proving that something is NOT drawn needs a bounded wait: the late list's JSON is parsed and
    // would be drawn within a few tasks of its arrival; 300 ms is many times that.
    await page.waitForTimeout(300);
    await expect(page.getByLabel('Tiêu đề', { exact: true }).isVisible()).resolves.toBe(true);
    expect(await page.getByRole('heading', { name: 'Các mục do cán bộ xuất bản' }).count()).toBe(0);
    await context.close();
  }, 120_000);
});
