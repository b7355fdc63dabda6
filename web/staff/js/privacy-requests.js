// The "Yêu cầu xóa dữ liệu" tab: data-subject requests (typed deletion, Zalo consent withdrawal).
// They are carried out at once; the list shows that, and the legal deadline (2 working days).

import { el } from '../../js/dom.js';
import { ApiError } from '../../js/http.js';
import { channelLabels, formatDateTime, labelOf } from './labels.js';
import { latestOnly } from './latest-only.js';

const sourceLabels = { typed_request: 'Người dân nhắn yêu cầu', zalo_withdraw: 'Rút lại đồng ý trên Zalo' };

/** @param {{api: ReturnType<import('./staff-api.js').createStaffApi>}} options */
export function createPrivacyRequests({ api }) {
  const errorBox = /** @type {HTMLElement} */ (document.getElementById('privacy-error'));
  const body = /** @type {HTMLElement} */ (document.getElementById('privacy-body'));

  function render(items) {
    if (items.length === 0) {
      body.replaceChildren(el('p', { class: 'empty' }, 'Chưa có yêu cầu nào.'));
      return;
    }
    const rows = items.map((r) =>
      el('tr', {}, [
        el('th', { scope: 'row' }, String(r.id ?? '').slice(-8)),
        el('td', {}, formatDateTime(r.requestedAt)),
        el('td', {}, labelOf(channelLabels, r.channel)),
        el('td', {}, labelOf(sourceLabels, r.source)),
        el('td', {}, r.completedAt ? `Đã xóa lúc ${formatDateTime(r.completedAt)}` : 'Đang chờ'),
        el('td', {}, formatDateTime(r.dueBy)),
        el('td', { class: 'cell-text' }, Array.isArray(r.kept) ? r.kept.join(' ') : ''),
      ]),
    );
    body.replaceChildren(
      el('div', { class: 'table-scroll' }, [
        el('table', { class: 'table' }, [
          el('caption', { class: 'visually-hidden' }, 'Danh sách yêu cầu xóa dữ liệu cá nhân'),
          el('thead', {}, [
            el(
              'tr',
              {},
              [
                'Mã',
                'Thời gian',
                'Kênh',
                'Cách yêu cầu',
                'Kết quả',
                'Hạn trả lời',
                'Dữ liệu được giữ lại',
              ].map((heading) => el('th', { scope: 'col' }, heading)),
            ),
          ]),
          el('tbody', {}, rows),
        ]),
      ]),
    );
  }

  const begin = latestOnly();
  async function load() {
    const isCurrent = begin();
    errorBox.textContent = '';
    try {
      const data = await api.get('/privacy-requests');
      if (isCurrent()) render(Array.isArray(data?.items) ? data.items : []);
    } catch (error) {
      if (isCurrent())
        errorBox.textContent =
          error instanceof ApiError ? error.message : 'Không tải được danh sách yêu cầu.';
    }
  }

  return { load };
}
