// The "Cơ sở tri thức" tab (issue 16): search the knowledge, write a draft with a preview of the answer
// as a citizen sees it on a phone and on Zalo, submit it to the checks, review drafts with the
// "before → after" answers, see an entry's history and roll it back, and turn unanswered questions
// into phrasings. Every action is a plain button or form: usable from the keyboard alone.

import { el, safeHttpUrl } from '../../js/dom.js';
import { ApiError } from '../../js/http.js';
import { formatDateTime } from './labels.js';
import { latestOnly } from './latest-only.js';

const ASPECTS = [
  ['documents', 'Hồ sơ cần chuẩn bị'],
  ['fee', 'Lệ phí tại tỉnh'],
  ['duration', 'Thời gian giải quyết'],
  ['place', 'Nơi nộp tại tỉnh'],
  ['steps', 'Các bước'],
  ['online', 'Nộp trực tuyến'],
  ['eligibility', 'Đối tượng, điều kiện'],
];

const statusLabels = {
  draft: 'Bản nháp',
  in_review: 'Chờ duyệt',
  rejected: 'Bị từ chối',
  published: 'Đã xuất bản',
};

const effectLabels = {
  takes: 'Mục này nhận câu hỏi của mục khác',
  loses: 'Mục này mất câu hỏi',
  other: 'Câu trả lời khác thay đổi',
};

/** Submit, approve and rollback build the whole index (a few seconds, more on a busy server). */
const BUILD_TIMEOUT_MS = 120_000;

const messageOf = (error) =>
  error instanceof ApiError ? error.message : 'Không kết nối được tới máy chủ. Vui lòng thử lại.';

/**
 * @param {{api: ReturnType<import('./staff-api.js').createStaffApi>, me: {roles?: string[]},
 *   teams: {id: string, name: string}[], toast: (text: string) => void}} options
 */
export function createKnowledge({ api, me, teams, toast }) {
  const root = /** @type {HTMLElement} */ (document.getElementById('knowledge-body'));
  const roles = new Set(me?.roles ?? []);
  const can = (role) => roles.has('admin') || roles.has(role);

  /** The draft being edited: { id?, baseId?, status? }. */
  let editing = null;

  const status = el('p', { class: 'form-error', role: 'alert' });
  const view = el('div', { class: 'kb-view', 'aria-live': 'polite' });

  // --- Search -------------------------------------------------------------------------------------
  const searchInput = el('input', { id: 'kb-search', type: 'search', name: 'q', autocomplete: 'off' });
  const searchForm = el('form', { class: 'filters', role: 'search' }, [
    el('div', { class: 'field' }, [el('label', { for: 'kb-search' }, 'Tìm mục tri thức'), searchInput]),
    el('button', { type: 'submit', class: 'button' }, 'Tìm'),
    can('editor') &&
      el(
        'button',
        { type: 'button', class: 'button button-primary', onclick: () => openEditor() },
        'Soạn mục mới',
      ),
    el('button', { type: 'button', class: 'button', onclick: () => showReview() }, 'Hàng chờ duyệt'),
    el('button', { type: 'button', class: 'button', onclick: () => showStale() }, 'Cần rà soát'),
    el(
      'button',
      { type: 'button', class: 'button', onclick: () => showUnanswered() },
      'Câu hỏi chưa trả lời',
    ),
    el(
      'button',
      {
        type: 'button',
        class: 'button',
        onclick: () =>
          api
            .download('/knowledge/export', { format: 'csv' }, 'co-so-tri-thuc.csv')
            .catch((e) => say(messageOf(e))),
      },
      'Tải CSV',
    ),
  ]);
  searchForm.addEventListener('submit', (event) => {
    event.preventDefault();
    search(searchInput.value.trim());
  });

  function say(text) {
    status.textContent = text;
  }

  // A view whose data arrives after the staff member moved on (the first list still loading when
  // "Soạn mục mới" was pressed) is dropped, never drawn over what they are doing.
  const nextView = latestOnly();

  function show(...children) {
    say('');
    view.replaceChildren(...children);
    const heading = view.querySelector('h2');
    if (heading instanceof HTMLElement) {
      heading.tabIndex = -1;
      heading.focus();
    }
  }

  async function search(q) {
    const isCurrent = nextView();
    try {
      const data = await api.get('/knowledge', { q });
      const items = Array.isArray(data?.items) ? data.items : [];
      if (!isCurrent()) return;
      show(
        el('h2', {}, q ? `Kết quả cho “${q}”` : 'Các mục do cán bộ xuất bản'),
        items.length === 0
          ? el('p', { class: 'empty' }, 'Không có mục nào.')
          : el(
              'ul',
              { class: 'kb-list' },
              items.map((item) =>
                el('li', {}, [
                  el(
                    'button',
                    { type: 'button', class: 'link-button', onclick: () => openEntry(item.id) },
                    item.title,
                  ),
                  el(
                    'span',
                    { class: 'kb-meta' },
                    ` · ${item.id} · ${statusLabels[item.status] ?? item.status ?? ''}`,
                  ),
                  item.snippet && el('p', { class: 'kb-snippet' }, item.snippet),
                ]),
              ),
            ),
      );
    } catch (error) {
      if (isCurrent()) say(messageOf(error));
    }
  }

  // --- One entry: what is served, its history, rollback ------------------------------------------
  async function openEntry(id) {
    const isCurrent = nextView();
    try {
      const detail = await api.get(`/knowledge/${encodeURIComponent(id)}`);
      const entry = detail.entry ?? {};
      const history = Array.isArray(detail.history) ? detail.history : [];
      if (!isCurrent()) return;
      show(
        el('h2', {}, entry.plainTitle ?? entry.title ?? id),
        el('p', { class: 'kb-meta' }, `${detail.id} · phiên bản ${detail.version}`),
        entry.summary && el('p', {}, entry.summary),
        can('editor') &&
          el(
            'button',
            {
              type: 'button',
              class: 'button button-primary',
              onclick: () => openEditor({ baseId: detail.id, entry: detail.layer ?? entry }),
            },
            'Sửa mục này',
          ),
        el('h3', {}, 'Lịch sử xuất bản'),
        history.length === 0
          ? el(
              'p',
              { class: 'empty' },
              'Chưa có phiên bản nào do cán bộ xuất bản (nội dung gốc của hệ thống).',
            )
          : el('table', { class: 'table' }, [
              el(
                'thead',
                {},
                el(
                  'tr',
                  {},
                  ['Phiên bản', 'Người duyệt', 'Thời điểm', 'Lý do', ''].map((h) =>
                    el('th', { scope: 'col' }, h),
                  ),
                ),
              ),
              el(
                'tbody',
                {},
                history.map((v) =>
                  el('tr', {}, [
                    el('th', { scope: 'row' }, String(v.version)),
                    el('td', {}, v.by?.name ?? ''),
                    el('td', {}, formatDateTime(v.at)),
                    el('td', {}, v.rollbackOf ? `${v.why} (khôi phục phiên bản ${v.rollbackOf})` : v.why),
                    el(
                      'td',
                      {},
                      can('reviewer') && v.version !== detail.version
                        ? el(
                            'button',
                            {
                              type: 'button',
                              class: 'button',
                              onclick: () => rollback(detail.id, v.version),
                            },
                            `Khôi phục phiên bản ${v.version}`,
                          )
                        : '',
                    ),
                  ]),
                ),
              ),
            ]),
      );
    } catch (error) {
      if (isCurrent()) say(messageOf(error));
    }
  }

  async function rollback(id, version) {
    const why = window.prompt(`Lý do khôi phục phiên bản ${version}:`);
    if (!why || why.trim().length < 3) return;
    try {
      const result = await api.post(
        `/knowledge/${encodeURIComponent(id)}/rollback`,
        { version, why: why.trim() },
        BUILD_TIMEOUT_MS,
      );
      toast(`Đã khôi phục thành phiên bản ${result.version}.`);
      openEntry(id);
    } catch (error) {
      say(messageOf(error));
    }
  }

  // --- The editor with the phone and Zalo previews --------------------------------------------------
  function field(name, label, input) {
    input.id = `kb-${name}`;
    input.name = name;
    return el('div', { class: 'field' }, [el('label', { for: input.id }, label), input]);
  }

  function openEditor(start = {}) {
    const entry = start.entry ?? {};
    editing = { id: start.draftId, baseId: start.baseId };
    const text = (name, label, value, rows) =>
      field(
        name,
        label,
        rows
          ? el('textarea', { rows: String(rows) }, value ?? '')
          : el('input', { type: 'text', value: value ?? '' }),
      );
    const form = el('form', { class: 'kb-form card', novalidate: true }, [
      text('title', 'Tiêu đề', entry.title),
      text('plainTitle', 'Tiêu đề dễ hiểu (không bắt buộc)', entry.plainTitle),
      text('summary', 'Tóm tắt bằng lời dễ hiểu', entry.summary, 3),
      text('aliases', 'Cách người dân hay hỏi (mỗi dòng một cách)', (entry.aliases ?? []).join('\n'), 4),
      ...ASPECTS.map(([key, label]) => text(`aspect-${key}`, label, entry.aspects?.[key], 2)),
      text('legalBasis', 'Căn cứ pháp lý', entry.legalBasis, 2),
      text('sourceUrl', 'Nguồn (đường dẫn https)', entry.sourceUrl),
      field(
        'checkedAt',
        'Ngày kiểm tra thông tin',
        el('input', { type: 'date', value: entry.checkedAt ?? '' }),
      ),
      text('topic', 'Chủ đề', entry.topic),
      field(
        'team',
        'Nhóm phụ trách',
        el('select', {}, [
          el('option', { value: '' }, '—'),
          ...teams.map((t) => el('option', { value: t.id, selected: t.id === entry.team }, t.name)),
        ]),
      ),
      text('why', 'Lý do thay đổi', start.why ?? ''),
      el('div', { class: 'kb-actions' }, [
        el('button', { type: 'button', class: 'button', onclick: () => preview(form) }, 'Xem trước'),
        el('button', { type: 'submit', class: 'button' }, 'Lưu nháp'),
        el(
          'button',
          { type: 'button', class: 'button button-primary', onclick: () => saveAndSubmit(form) },
          'Gửi duyệt',
        ),
      ]),
    ]);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      save(form).catch((error) => say(messageOf(error)));
    });
    const previews = el('div', { class: 'kb-previews', id: 'kb-previews', 'aria-live': 'polite' });
    const checks = el('div', { id: 'kb-checks', 'aria-live': 'polite' });
    nextView();
    show(
      el('h2', {}, start.baseId ? `Sửa: ${entry.plainTitle ?? entry.title ?? start.baseId}` : 'Soạn mục mới'),
      el('div', { class: 'kb-editor' }, [form, el('div', {}, [previews, checks])]),
    );
  }

  function formEntry(form) {
    const value = (name) =>
      /** @type {HTMLInputElement} */ (form.elements.namedItem(name))?.value.trim() ?? '';
    const lines = (name) =>
      value(name)
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
    const aspects = {};
    for (const [key] of ASPECTS) if (value(`aspect-${key}`)) aspects[key] = value(`aspect-${key}`);
    const entry = { aliases: lines('aliases'), aspects };
    for (const name of [
      'title',
      'plainTitle',
      'summary',
      'legalBasis',
      'sourceUrl',
      'checkedAt',
      'topic',
      'team',
    ])
      if (value(name)) entry[name] = value(name);
    return { entry, why: value('why') || 'Cập nhật nội dung' };
  }

  async function preview(form) {
    const { entry } = formEntry(form);
    try {
      const result = await api.post('/knowledge/preview', {
        ...(editing?.baseId ? { baseId: editing.baseId } : {}),
        entry,
      });
      const links = (result.web?.links ?? []).map((l) => {
        const href = safeHttpUrl(l.url);
        return href
          ? el('a', { href, target: '_blank', rel: 'noopener noreferrer' }, l.title)
          : el('span', {}, l.title);
      });
      document.getElementById('kb-previews')?.replaceChildren(
        el('section', { class: 'kb-phone', 'aria-label': 'Xem trước trên điện thoại' }, [
          el('h3', {}, 'Trên điện thoại (trang web)'),
          el('div', { class: 'kb-bubble' }, [
            el('p', { class: 'kb-bubble-text' }, result.web?.text ?? ''),
            ...links,
          ]),
          el(
            'div',
            { class: 'kb-chips' },
            (result.web?.quickReplies ?? []).map((q) => el('span', { class: 'kb-chip' }, q)),
          ),
        ]),
        el('section', { class: 'kb-zalo', 'aria-label': 'Xem trước trên Zalo' }, [
          el('h3', {}, 'Trên Zalo'),
          ...(result.zalo?.parts ?? []).map((p) =>
            el('div', { class: 'kb-bubble kb-bubble-zalo' }, el('p', { class: 'kb-bubble-text' }, p)),
          ),
          el(
            'div',
            { class: 'kb-chips' },
            (result.zalo?.buttons ?? []).map((b) => el('span', { class: 'kb-button' }, b)),
          ),
        ]),
      );
    } catch (error) {
      say(messageOf(error));
    }
  }

  async function save(form) {
    const body = formEntry(form);
    if (editing?.id) {
      await api.put(`/knowledge/drafts/${editing.id}`, body);
    } else {
      const created = await api.post('/knowledge/drafts', {
        ...(editing?.baseId ? { baseId: editing.baseId } : {}),
        ...body,
      });
      // A new entry keeps no base: it exists only once it is published.
      editing = { ...editing, id: created.id };
    }
    toast('Đã lưu bản nháp.');
    return editing.id;
  }

  async function saveAndSubmit(form) {
    try {
      const id = await save(form);
      say('Đang kiểm tra bản nháp (có thể mất vài giây)…');
      const result = await api.post(`/knowledge/drafts/${id}/submit`, {}, BUILD_TIMEOUT_MS);
      say('');
      document.getElementById('kb-checks')?.replaceChildren(checksView(result.checks));
      if (result.status === 'in_review') toast('Đã gửi duyệt.');
      else say('Bản nháp chưa qua kiểm tra, xem chi tiết bên dưới.');
    } catch (error) {
      say(messageOf(error));
    }
  }

  function checksView(checks) {
    if (!checks) return el('p', { class: 'empty' }, 'Chưa kiểm tra.');
    const problems = Array.isArray(checks.problems) ? checks.problems : [];
    const changes = Array.isArray(checks.changes) ? checks.changes : [];
    return el('section', { class: 'kb-checks' }, [
      el('h3', {}, checks.ok ? 'Kết quả kiểm tra: đạt' : 'Kết quả kiểm tra: chưa đạt'),
      problems.length > 0 &&
        el(
          'ul',
          { class: 'kb-problems' },
          problems.map((p) => el('li', {}, p.message)),
        ),
      el(
        'p',
        {},
        `Đã so sánh ${checks.evaluated ?? 0} câu hỏi mẫu; ${changes.length} câu đổi câu trả lời đầu tiên.`,
      ),
      changes.length > 0 &&
        el('table', { class: 'table kb-changes' }, [
          el(
            'thead',
            {},
            el(
              'tr',
              {},
              ['Câu hỏi', 'Trước', 'Sau', 'Ảnh hưởng'].map((h) => el('th', { scope: 'col' }, h)),
            ),
          ),
          el(
            'tbody',
            {},
            changes.map((c) =>
              el('tr', { class: c.effect === 'takes' ? 'kb-warn' : '' }, [
                el('td', {}, c.question),
                el('td', {}, c.before?.title ?? '(không trả lời)'),
                el('td', {}, c.after?.title ?? '(không trả lời)'),
                el('td', {}, effectLabels[c.effect] ?? c.effect),
              ]),
            ),
          ),
        ]),
    ]);
  }

  // --- Review queue ------------------------------------------------------------------------------------
  async function showReview() {
    const isCurrent = nextView();
    try {
      const data = await api.get('/knowledge/drafts', { status: 'in_review' });
      const drafts = Array.isArray(data?.items) ? data.items : [];
      if (!isCurrent()) return;
      show(
        el('h2', {}, 'Hàng chờ duyệt'),
        drafts.length === 0
          ? el('p', { class: 'empty' }, 'Không có bản nháp nào chờ duyệt.')
          : el(
              'div',
              { class: 'kb-review' },
              drafts.map((d) => {
                const reason = el('input', { type: 'text', id: `kb-reason-${d.id}`, name: 'reason' });
                return el('article', { class: 'card kb-draft' }, [
                  el('h3', {}, d.input?.title ?? d.entryId),
                  el(
                    'p',
                    { class: 'kb-meta' },
                    `${d.entryId} · ${d.author?.name ?? ''} · ${formatDateTime(d.updatedAt)} · ${d.why}`,
                  ),
                  d.input?.summary && el('p', {}, d.input.summary),
                  checksView(d.checks),
                  can('reviewer') &&
                    el('div', { class: 'kb-actions' }, [
                      el(
                        'button',
                        {
                          type: 'button',
                          class: 'button button-primary',
                          onclick: () => decide(d.id, 'approve'),
                        },
                        'Duyệt và xuất bản',
                      ),
                      el('label', { for: reason.id }, 'Lý do từ chối'),
                      reason,
                      el(
                        'button',
                        {
                          type: 'button',
                          class: 'button',
                          onclick: () => decide(d.id, 'reject', reason.value.trim()),
                        },
                        'Từ chối',
                      ),
                    ]),
                ]);
              }),
            ),
      );
    } catch (error) {
      if (isCurrent()) say(messageOf(error));
    }
  }

  async function decide(id, action, reason) {
    if (action === 'reject' && (!reason || reason.length < 3)) {
      say('Vui lòng ghi lý do từ chối.');
      document.getElementById(`kb-reason-${id}`)?.focus();
      return;
    }
    try {
      const result = await api.post(
        `/knowledge/drafts/${id}/${action}`,
        action === 'reject' ? { reason } : {},
        BUILD_TIMEOUT_MS,
      );
      toast(action === 'approve' ? `Đã xuất bản phiên bản ${result.version}.` : 'Đã từ chối bản nháp.');
      showReview();
    } catch (error) {
      say(messageOf(error));
    }
  }

  // --- Stale content and unanswered questions ------------------------------------------------------
  async function showStale() {
    const isCurrent = nextView();
    try {
      const data = await api.get('/knowledge/stale');
      const items = Array.isArray(data?.items) ? data.items : [];
      if (!isCurrent()) return;
      show(
        el('h2', {}, 'Mục quá hạn rà soát'),
        items.length === 0
          ? el('p', { class: 'empty' }, 'Không có mục nào quá hạn.')
          : el('table', { class: 'table' }, [
              el(
                'thead',
                {},
                el(
                  'tr',
                  {},
                  ['Mục', 'Nhóm phụ trách', 'Kiểm tra lần cuối', 'Hạn rà soát'].map((h) =>
                    el('th', { scope: 'col' }, h),
                  ),
                ),
              ),
              el(
                'tbody',
                {},
                items.map((s) =>
                  el('tr', {}, [
                    el(
                      'td',
                      {},
                      el(
                        'button',
                        { type: 'button', class: 'link-button', onclick: () => openEntry(s.id) },
                        s.title,
                      ),
                    ),
                    el('td', {}, s.teamName),
                    el('td', {}, s.checkedAt),
                    el('td', {}, s.reviewBy),
                  ]),
                ),
              ),
            ]),
      );
    } catch (error) {
      if (isCurrent()) say(messageOf(error));
    }
  }

  async function showUnanswered() {
    const isCurrent = nextView();
    try {
      const data = await api.get('/unanswered');
      const items = Array.isArray(data?.items) ? data.items : [];
      if (!isCurrent()) return;
      show(
        el('h2', {}, 'Câu hỏi chưa trả lời được'),
        items.length === 0
          ? el('p', { class: 'empty' }, 'Không có câu hỏi nào.')
          : el(
              'ul',
              { class: 'kb-list' },
              items.map((q) => {
                const target = el('input', {
                  type: 'text',
                  id: `kb-attach-${q.id}`,
                  placeholder: 'cur.…, faq.… hoặc proc.…',
                });
                return el('li', {}, [
                  el('p', {}, `“${q.text}” · ${formatDateTime(q.createdAt)}`),
                  can('editor') &&
                    el('div', { class: 'kb-actions' }, [
                      el('label', { for: target.id }, 'Mã mục'),
                      target,
                      el(
                        'button',
                        { type: 'button', class: 'button', onclick: () => attach(q.id, target.value.trim()) },
                        'Thêm vào mục này',
                      ),
                      el(
                        'button',
                        { type: 'button', class: 'button', onclick: () => attach(q.id, '') },
                        'Soạn mục mới từ câu hỏi',
                      ),
                    ]),
                ]);
              }),
            ),
      );
    } catch (error) {
      if (isCurrent()) say(messageOf(error));
    }
  }

  async function attach(questionId, entryId) {
    try {
      const draft = await api.post(`/unanswered/${questionId}/attach`, entryId ? { entryId } : {});
      const full = await api.get(`/knowledge/drafts/${draft.id}`);
      toast('Đã tạo bản nháp từ câu hỏi.');
      openEditor({
        draftId: draft.id,
        ...(entryId ? { baseId: draft.entryId } : {}),
        entry: full.input,
        why: full.why,
      });
    } catch (error) {
      say(messageOf(error));
    }
  }

  root.replaceChildren(searchForm, status, view);
  let loaded = false;
  return {
    load() {
      if (loaded) return;
      loaded = true;
      if (can('reviewer')) showReview();
      else search('');
    },
  };
}
