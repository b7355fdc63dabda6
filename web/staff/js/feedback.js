// The "Phản ánh" tab: feedback reports (phản ánh, kiến nghị) made by citizens in the chat.

import { el, safeHttpUrl } from '../../js/dom.js';
import { ApiError } from '../../js/http.js';
import { channelLabels, formatDateTime, labelOf } from './labels.js';
import { latestOnly } from './latest-only.js';

const statusLabels = { open: 'Đang xử lý', resolved: 'Đã xử lý' };

function placeOf(report) {
  const parts = [];
  if (report.place) parts.push(String(report.place));
  const lat = Number(report.location?.lat);
  const lng = Number(report.location?.lng);
  if (Number.isFinite(lat) && Number.isFinite(lng)) parts.push(`Tọa độ ${lat.toFixed(5)}, ${lng.toFixed(5)}`);
  return parts.join(' · ') || '—';
}

/**
 * @param {{api: ReturnType<import('./staff-api.js').createStaffApi>, teamName: (id: string) => string}} options
 */
export function createFeedback({ api, teamName }) {
  const form = /** @type {HTMLFormElement} */ (document.getElementById('feedback-filters'));
  const status = /** @type {HTMLSelectElement} */ (document.getElementById('feedback-status'));
  const errorBox = /** @type {HTMLElement} */ (document.getElementById('feedback-error'));
  const body = /** @type {HTMLElement} */ (document.getElementById('feedback-body'));

  function render(items) {
    if (items.length === 0) {
      body.replaceChildren(el('p', { class: 'empty' }, 'Chưa có phản ánh nào.'));
      return;
    }
    const rowsView = items.map((report) => {
      const photo = safeHttpUrl(report.photoUrl);
      return el('tr', {}, [
        el('th', { scope: 'row' }, report.reference ?? ''),
        el('td', {}, formatDateTime(report.createdAt)),
        el('td', {}, report.category ?? ''),
        el('td', { class: 'cell-text' }, report.description ?? ''),
        el('td', {}, placeOf(report)),
        el('td', {}, report.team ? teamName(report.team) : '—'),
        el('td', {}, labelOf(channelLabels, report.channel)),
        el(
          'td',
          {},
          photo ? el('a', { href: photo, target: '_blank', rel: 'noopener noreferrer' }, 'Xem ảnh') : '—',
        ),
        el('td', {}, labelOf(statusLabels, report.status)),
      ]);
    });
    body.replaceChildren(
      el('div', { class: 'table-scroll' }, [
        el('table', { class: 'table' }, [
          el('caption', { class: 'visually-hidden' }, 'Danh sách phản ánh, kiến nghị'),
          el('thead', {}, [
            el(
              'tr',
              {},
              [
                'Mã số',
                'Thời gian',
                'Lĩnh vực',
                'Nội dung',
                'Địa điểm',
                'Nhóm',
                'Kênh',
                'Ảnh',
                'Trạng thái',
              ].map((heading) => el('th', { scope: 'col' }, heading)),
            ),
          ]),
          el('tbody', {}, rowsView),
        ]),
      ]),
    );
  }

  const begin = latestOnly();
  async function load() {
    const isCurrent = begin();
    errorBox.textContent = '';
    try {
      const data = await api.get('/feedback-reports', { status: status.value });
      if (isCurrent()) render(Array.isArray(data?.items) ? data.items : []);
    } catch (error) {
      if (isCurrent())
        errorBox.textContent =
          error instanceof ApiError ? error.message : 'Không tải được danh sách phản ánh.';
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    load();
  });
  status.addEventListener('change', load);

  return { load };
}
