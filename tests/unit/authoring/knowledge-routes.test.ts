import { describe, expect, it } from 'vitest';
import { bodyOf, event, inProcessApi, STAFF_TOKEN } from '../../security/in-process';
import { errorShape } from '../../support/error-shape';

/** The knowledge routes' edges: roles, and bad input answered in the contract's error shape. */
const EDITOR = 'routes-editor-token-0123456';
const AGENT = 'routes-agent-token-01234567';
const api = inProcessApi({
  STAFF_ACCOUNTS: JSON.stringify([
    { name: 'Lê Thị B', token: EDITOR, roles: ['editor'] },
    { name: 'Phạm Thị D', token: AGENT, roles: ['agent'] },
  ]),
});
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

describe('knowledge routes', () => {
  it.each([
    [
      'an agent drafting',
      'POST',
      '/api/staff/knowledge/drafts',
      AGENT,
      '{"entry":{"title":"Mục thử"},"why":"thử"}',
      403,
    ],
    [
      'an editor rolling back',
      'POST',
      '/api/staff/knowledge/cur.abc/rollback',
      EDITOR,
      '{"version":1,"why":"thử"}',
      403,
    ],
    ['an editor on the queue', 'GET', '/api/staff/escalations', EDITOR, undefined, 403],
    ['a malformed draft id', 'POST', '/api/staff/knowledge/drafts/abc/submit', EDITOR, '{}', 400],
    [
      'an unknown draft',
      'POST',
      '/api/staff/knowledge/drafts/01JD0000000000000000000000/submit',
      EDITOR,
      '{}',
      404,
    ],
    ['an unknown entry', 'GET', '/api/staff/knowledge/cur.khong-co', AGENT, undefined, 404],
    ['a malformed entry id', 'GET', '/api/staff/knowledge/..%2Fetc', AGENT, undefined, 400],
    ['broken JSON', 'POST', '/api/staff/knowledge/drafts', EDITOR, '{"entry":', 400],
    [
      'a draft without why',
      'POST',
      '/api/staff/knowledge/drafts',
      EDITOR,
      '{"entry":{"title":"Mục thử"}}',
      400,
    ],
    [
      'a new entry without a title',
      'POST',
      '/api/staff/knowledge/drafts',
      EDITOR,
      '{"entry":{},"why":"thử"}',
      400,
    ],
    [
      'aliases that are not a list',
      'POST',
      '/api/staff/knowledge/drafts',
      EDITOR,
      '{"entry":{"title":"Mục thử","aliases":"a"},"why":"thử"}',
      400,
    ],
    ['an impossible day', 'GET', '/api/staff/unanswered', AGENT, undefined, 400, 'from=2026-02-31'],
    ['an unknown export format', 'GET', '/api/staff/knowledge/export', AGENT, undefined, 400, 'format=xlsx'],
    [
      'an unknown question',
      'POST',
      '/api/staff/unanswered/01JD0000000000000000000000/attach',
      EDITOR,
      '{}',
      404,
    ],
  ] as const)('%s → %i', async (_name, method, path, token, body, status, query?: string) => {
    const result = await api.call(
      'staff',
      event(method, path, {
        headers: auth(token),
        ...(body !== undefined ? { body } : {}),
        ...(query ? { query } : {}),
      }),
    );
    expect(result.statusCode).toBe(status);
    expect(bodyOf(result)).toEqual(errorShape);
  });

  it('an editor creates and edits a draft; the contract shapes come back', async () => {
    const created = await api.call(
      'staff',
      event('POST', '/api/staff/knowledge/drafts', {
        headers: auth(EDITOR),
        body: JSON.stringify({ entry: { title: 'Đăng ký lớp học bơi' }, why: 'Dịch vụ mới' }),
      }),
    );
    expect(created.statusCode).toBe(201);
    const { id } = bodyOf(created);
    expect(bodyOf(created)).toEqual({ id, status: 'draft', entryId: 'cur.dang-ky-lop-hoc-boi' });
    const updated = await api.call(
      'staff',
      event('PUT', `/api/staff/knowledge/drafts/${id}`, {
        headers: auth(EDITOR),
        body: JSON.stringify({ entry: { summary: 'Lớp bơi hè.' }, why: 'Thêm tóm tắt' }),
      }),
    );
    expect(updated.statusCode).toBe(200);
    const draft = bodyOf(
      await api.call(
        'staff',
        event('GET', `/api/staff/knowledge/drafts/${id}`, { headers: auth(STAFF_TOKEN) }),
      ),
    );
    expect(draft.input).toMatchObject({ title: 'Đăng ký lớp học bơi', summary: 'Lớp bơi hè.' });
    const drafts = bodyOf(
      await api.call(
        'staff',
        event('GET', '/api/staff/knowledge/drafts', { headers: auth(AGENT), query: 'status=draft' }),
      ),
    );
    expect(drafts.items.map((d: { id: string }) => d.id)).toContain(id);
  });

  it('exports the curated layer as CSV with a BOM', async () => {
    const result = await api.call(
      'staff',
      event('GET', '/api/staff/knowledge/export', { headers: auth(AGENT), query: 'format=csv' }),
    );
    expect(result.statusCode).toBe(200);
    expect(result.headers?.['content-type']).toBe('text/csv; charset=utf-8');
    expect(result.body?.startsWith('\uFEFFid,kind,code,title')).toBe(true);
  });
});
