import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startTestServer } from '../../support/local-server';

/**
 * Issue 16 end to end on `npm start`: staff keep the knowledge current, with review, and citizens are
 * answered from it without a deployment. The server runs the real catalogue and curated files.
 */
const ADMIN = 'staff-test-token';
const EDITOR = 'editor-token-0123456789';
const REVIEWER = 'reviewer-token-0123456789';
const AGENT = 'agent-token-0123456789abc';
const ACCOUNTS = [
  { name: 'Lê Thị B', token: EDITOR, roles: ['editor'] },
  { name: 'Trần Văn C', token: REVIEWER, roles: ['reviewer'] },
  { name: 'Phạm Thị D', token: AGENT, roles: ['agent'] },
];

let server: Awaited<ReturnType<typeof startTestServer>>;
let http: ReturnType<typeof api>;
beforeAll(async () => {
  server = await startTestServer({ env: { STAFF_ACCOUNTS: JSON.stringify(ACCOUNTS) } });
  http = api(server.url);
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

const SERVICE = {
  title: 'Đăng ký lớp dạy bơi miễn phí mùa hè cho thiếu nhi',
  summary: 'Phường mở lớp dạy bơi miễn phí cho thiếu nhi từ 6 đến 15 tuổi trong tháng 6 và tháng 7.',
  aliases: ['lớp dạy bơi miễn phí cho thiếu nhi', 'đăng ký học bơi hè cho con'],
  aspects: { place: 'Nhà văn hóa khu phố 3, phường Đô Vinh.', fee: 'Miễn phí.' },
  sourceUrl: 'https://ninhthuan.gov.vn/thong-bao/lop-boi-he',
  checkedAt: '2025-05-20',
  topic: 'văn hóa',
  team: 'tong-hop',
};
const QUESTION = 'đăng ký lớp dạy bơi mùa hè cho thiếu nhi ở đâu';

let session = 0;
async function answer(text: string): Promise<string> {
  session++;
  const r = await http.chat(`kb-e2e-${String(session).padStart(12, '0')}`, text);
  expect(r.status).toBe(200);
  return r.body.messages.map((m: { text: string }) => m.text).join('\n');
}

async function draftSubmitApprove(body: unknown): Promise<{ id: string; version: number; checks: any }> {
  const created = await http.call('POST', '/api/staff/knowledge/drafts', body, EDITOR);
  expect(created.status).toBe(201);
  const submitted = await http.call(
    'POST',
    `/api/staff/knowledge/drafts/${created.body.id}/submit`,
    {},
    EDITOR,
  );
  expect(submitted.status).toBe(200);
  expect(submitted.body.status).toBe('in_review');
  const approved = await http.call(
    'POST',
    `/api/staff/knowledge/drafts/${created.body.id}/approve`,
    {},
    REVIEWER,
  );
  expect(approved.status).toBe(200);
  expect(approved.body.status).toBe('published');
  return { id: created.body.entryId, version: approved.body.version, checks: submitted.body.checks };
}

describe('knowledge that staff keep current', () => {
  let entryId = '';
  let unansweredText = '';

  it('a question about the new service is not answered yet and is listed as unanswered', async () => {
    unansweredText = 'thủ tục cho bé tập bơi dịp hè ở khu phố cần giấy tờ gì';
    expect(await answer(QUESTION)).not.toContain('Nhà văn hóa khu phố 3');
    expect(await answer(unansweredText)).not.toContain(SERVICE.title);
    const list = await http.call('GET', '/api/staff/unanswered', undefined, AGENT);
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { text: string }) => i.text)).toContain(unansweredText);
  });

  it('roles: an agent cannot draft, an editor cannot approve, the author cannot approve their own draft', async () => {
    const denied = await http.call(
      'POST',
      '/api/staff/knowledge/drafts',
      { entry: SERVICE, why: 'thử' },
      AGENT,
    );
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('forbidden');
    const own = await http.call(
      'POST',
      '/api/staff/knowledge/drafts',
      { entry: SERVICE, why: 'Dịch vụ mới' },
      ADMIN,
    );
    expect(own.status).toBe(201);
    await http.call('POST', `/api/staff/knowledge/drafts/${own.body.id}/submit`, {}, ADMIN);
    const self = await http.call('POST', `/api/staff/knowledge/drafts/${own.body.id}/approve`, {}, ADMIN);
    expect(self.status).toBe(403);
    const byEditor = await http.call(
      'POST',
      `/api/staff/knowledge/drafts/${own.body.id}/approve`,
      {},
      EDITOR,
    );
    expect(byEditor.status).toBe(403);
    const rejected = await http.call(
      'POST',
      `/api/staff/knowledge/drafts/${own.body.id}/reject`,
      { reason: 'Trùng với bản nháp của chị B' },
      REVIEWER,
    );
    expect(rejected.status).toBe(200);
  }, 60_000);

  it('a draft missing its source and date does not reach review', async () => {
    const { sourceUrl: _s, checkedAt: _c, ...incomplete } = SERVICE;
    const created = await http.call(
      'POST',
      '/api/staff/knowledge/drafts',
      { entry: incomplete, why: 'thiếu' },
      EDITOR,
    );
    const submitted = await http.call(
      'POST',
      `/api/staff/knowledge/drafts/${created.body.id}/submit`,
      {},
      EDITOR,
    );
    expect(submitted.body.status).toBe('draft');
    expect(submitted.body.checks.ok).toBe(false);
    expect(submitted.body.checks.problems.map((p: { field: string }) => p.field)).toEqual(
      expect.arrayContaining(['sourceUrl', 'checkedAt']),
    );
  });

  it('an approved new local service answers the chat, with who, when and why kept', async () => {
    const published = await draftSubmitApprove({ entry: SERVICE, why: 'Dịch vụ mới của phường' });
    entryId = published.id;
    expect(published.version).toBe(1);
    expect(published.checks.ok).toBe(true);
    expect(published.checks.evaluated).toBeGreaterThan(0);
    expect(await answer(QUESTION)).toContain('Nhà văn hóa khu phố 3');
    const detail = await http.call('GET', `/api/staff/knowledge/${entryId}`, undefined, AGENT);
    expect(detail.body.history).toEqual([
      expect.objectContaining({
        version: 1,
        why: 'Dịch vụ mới của phường',
        by: expect.objectContaining({ name: 'Trần Văn C' }),
      }),
    ]);
  }, 120_000);

  it('a second edit and a rollback are reflected the same way', async () => {
    const second = await draftSubmitApprove({
      baseId: entryId,
      entry: { aspects: { place: 'Hồ bơi Trung tâm Văn hóa tỉnh.', fee: 'Miễn phí.' } },
      why: 'Đổi địa điểm',
    });
    expect(second).toMatchObject({ id: entryId, version: 2 });
    expect(await answer(QUESTION)).toContain('Hồ bơi Trung tâm Văn hóa tỉnh');
    const rollback = await http.call(
      'POST',
      `/api/staff/knowledge/${entryId}/rollback`,
      { version: 1, why: 'Hồ bơi chưa sẵn sàng' },
      REVIEWER,
    );
    expect(rollback.status).toBe(200);
    expect(rollback.body.version).toBe(3);
    const after = await answer(QUESTION);
    expect(after).toContain('Nhà văn hóa khu phố 3');
    expect(after).not.toContain('Hồ bơi Trung tâm Văn hóa tỉnh');
  }, 120_000);

  it('a rejected draft never reaches citizens', async () => {
    const created = await http.call(
      'POST',
      '/api/staff/knowledge/drafts',
      { baseId: entryId, entry: { aspects: { place: 'Sân vận động bỏ hoang.' } }, why: 'Sai' },
      EDITOR,
    );
    await http.call('POST', `/api/staff/knowledge/drafts/${created.body.id}/submit`, {}, EDITOR);
    const rejected = await http.call(
      'POST',
      `/api/staff/knowledge/drafts/${created.body.id}/reject`,
      { reason: 'Địa điểm không đúng' },
      REVIEWER,
    );
    expect(rejected.body.status).toBe('rejected');
    expect(await answer(QUESTION)).not.toContain('Sân vận động bỏ hoang');
  }, 120_000);

  it('an unanswered question attached to the entry is answered after approval', async () => {
    const list = await http.call('GET', '/api/staff/unanswered', undefined, AGENT);
    const question = list.body.items.find((i: { text: string }) => i.text === unansweredText);
    const attached = await http.call(
      'POST',
      `/api/staff/unanswered/${question.id}/attach`,
      { entryId },
      EDITOR,
    );
    expect(attached.status).toBe(201);
    expect(attached.body.entryId).toBe(entryId);
    await http.call('POST', `/api/staff/knowledge/drafts/${attached.body.id}/submit`, {}, EDITOR);
    const approved = await http.call(
      'POST',
      `/api/staff/knowledge/drafts/${attached.body.id}/approve`,
      {},
      REVIEWER,
    );
    expect(approved.status).toBe(200);
    // The question asks for documents: the answer is this entry's, saying what it does not know.
    expect(await answer(unansweredText)).toContain(SERVICE.title);
  }, 120_000);
});
