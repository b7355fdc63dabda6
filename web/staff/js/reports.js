// The "Báo cáo" tab: satisfaction for a date range (SVG charts), the share answered without staff,
// the questions the assistant could not answer, and the CSV export.

import { el } from '../../js/dom.js';
import { ApiError } from '../../js/http.js';
import { barList, columnChart } from './charts.js';
import {
  channelLabels,
  formatCount,
  formatPercent,
  intentLabels,
  labelOf,
  localDate,
  modeLabels,
} from './labels.js';
import { latestOnly } from './latest-only.js';

const target = 0.9; // the province's plan aims at 90% satisfied

/** `{key: {ratings, satisfied, rate}}` → rows, most rated first (or in key order for time series). */
function rows(group, labels = {}, { sortByKey = false } = {}) {
  if (!group || typeof group !== 'object') return [];
  const list = Object.entries(group).map(([key, value]) => ({
    key,
    label: labelOf(labels, key),
    ratings: Number(value?.ratings) || 0,
    satisfied: Number(value?.satisfied) || 0,
    rate: Number(value?.rate) || 0,
  }));
  return sortByKey
    ? list.sort((a, b) => a.key.localeCompare(b.key))
    : list.sort((a, b) => b.ratings - a.ratings);
}

function statCard(label, value, note) {
  return el('div', { class: 'stat' }, [
    el('span', { class: 'stat-label' }, label),
    el('strong', { class: 'stat-value' }, value),
    note ? el('span', { class: 'stat-note' }, note) : null,
  ]);
}

function chartCard(title, items, draw) {
  const card = el('section', { class: 'card chart-card' }, el('h3', {}, title));
  if (items.length === 0)
    card.append(el('p', { class: 'empty' }, 'Chưa có đánh giá trong khoảng thời gian này.'));
  else card.append(draw(items));
  return card;
}

/**
 * @param {{api: ReturnType<import('./staff-api.js').createStaffApi>, teamName: (id: string) => string,
 *          toast: (text: string) => void}} options
 */
export function createReports({ api, teamName, toast }) {
  const form = /** @type {HTMLFormElement} */ (document.getElementById('report-form'));
  const fromInput = /** @type {HTMLInputElement} */ (document.getElementById('report-from'));
  const toInput = /** @type {HTMLInputElement} */ (document.getElementById('report-to'));
  const csvButton = /** @type {HTMLButtonElement} */ (document.getElementById('report-csv'));
  const errorBox = /** @type {HTMLElement} */ (document.getElementById('report-error'));
  const body = /** @type {HTMLElement} */ (document.getElementById('report-body'));

  const today = new Date();
  toInput.value = localDate(today);
  fromInput.value = localDate(new Date(today.getTime() - 29 * 86_400_000));

  const range = () => ({ from: fromInput.value, to: toInput.value });
  const validRange = () => {
    const { from, to } = range();
    if (!from || !to || from > to) {
      errorBox.textContent = 'Khoảng thời gian chưa hợp lệ: “Từ ngày” phải trước hoặc bằng “Đến ngày”.';
      return false;
    }
    errorBox.textContent = '';
    return true;
  };

  function renderReport(report, unanswered) {
    const teamLabels = new Proxy({}, { get: (_target, key) => teamName(String(key)) });
    const byDay = rows(report.byDay, {}, { sortByKey: true }).map((row) => ({
      ...row,
      tick: `${row.key.slice(8, 10)}/${row.key.slice(5, 7)}`,
    }));
    const byWeek = rows(report.byWeek, {}, { sortByKey: true }).map((row) => {
      // Weeks come as ISO weeks (2026-W47) or as the date they start on (2026-11-16).
      const week = /^(\d{4})-W(\d{1,2})$/.exec(row.key);
      if (week) return { ...row, label: `Tuần ${Number(week[2])}/${week[1]}` };
      const start = /^(\d{4})-(\d{2})-(\d{2})$/.exec(row.key);
      return start ? { ...row, label: `Tuần từ ${start[3]}/${start[2]}/${start[1]}` } : row;
    });
    const share =
      typeof report.answeredWithoutStaffShare === 'number' ? report.answeredWithoutStaffShare : null;

    const groups = Array.isArray(unanswered?.groups) ? unanswered.groups : [];
    const unansweredCard = el('section', { class: 'card' }, [
      el('h3', {}, 'Câu hỏi trợ lý chưa trả lời được'),
      el('p', { class: 'hint' }, 'Nhóm theo nội dung, để bổ sung cơ sở tri thức.'),
    ]);
    if (groups.length === 0) unansweredCard.append(el('p', { class: 'empty' }, 'Không có câu hỏi nào.'));
    else {
      unansweredCard.append(
        el(
          'ol',
          { class: 'unanswered' },
          groups.map((group) =>
            el('li', {}, [
              el('details', {}, [
                el('summary', {}, [
                  el('strong', {}, group.label ?? ''),
                  ` · ${formatCount(group.count)} lần`,
                ]),
                el(
                  'ul',
                  {},
                  (Array.isArray(group.examples) ? group.examples : []).map((example) =>
                    el('li', {}, String(example)),
                  ),
                ),
              ]),
            ]),
          ),
        ),
      );
    }

    body.replaceChildren(
      el('div', { class: 'stats' }, [
        statCard('Lượt đánh giá', formatCount(report.ratings)),
        statCard('Hài lòng (4–5 sao, hữu ích)', formatCount(report.satisfied)),
        statCard('Tỉ lệ hài lòng', formatPercent(report.rate), `Mục tiêu ${formatPercent(target)}`),
        share === null ? null : statCard('Trả lời không cần cán bộ', formatPercent(share)),
      ]),
      el('div', { class: 'chart-grid' }, [
        chartCard('Tỉ lệ hài lòng theo ngày', byDay, (items) =>
          columnChart(items, { title: 'Tỉ lệ hài lòng theo ngày', target }),
        ),
        chartCard('Theo tuần', byWeek, (items) =>
          barList(items, { title: 'Tỉ lệ hài lòng theo tuần', target }),
        ),
        chartCard('Trợ lý ảo và cán bộ', rows(report.byMode, modeLabels), (items) =>
          barList(items, { title: 'Tỉ lệ hài lòng: trợ lý ảo và cán bộ', target }),
        ),
        chartCard('Theo kênh', rows(report.byChannel, channelLabels), (items) =>
          barList(items, { title: 'Tỉ lệ hài lòng theo kênh', target }),
        ),
        chartCard('Theo nhu cầu (ý định)', rows(report.byIntent, intentLabels), (items) =>
          barList(items, { title: 'Tỉ lệ hài lòng theo nhu cầu', target }),
        ),
        chartCard('Theo thủ tục', rows(report.byProcedure).slice(0, 15), (items) =>
          barList(items, { title: 'Tỉ lệ hài lòng theo thủ tục', target }),
        ),
        chartCard('Theo nhóm cán bộ', rows(report.byTeam, teamLabels), (items) =>
          barList(items, { title: 'Tỉ lệ hài lòng theo nhóm', target }),
        ),
      ]),
      unansweredCard,
    );
  }

  const begin = latestOnly();
  async function load() {
    if (!validRange()) return;
    const isCurrent = begin();
    body.setAttribute('aria-busy', 'true');
    try {
      const [report, unanswered] = await Promise.all([
        api.get('/reports/satisfaction', range()),
        api.get('/reports/unanswered', range()).catch(() => ({ groups: [] })),
      ]);
      if (isCurrent()) renderReport(report ?? {}, unanswered);
    } catch (error) {
      if (isCurrent())
        errorBox.textContent =
          error instanceof ApiError ? error.message : 'Không tải được báo cáo. Vui lòng thử lại.';
    } finally {
      if (isCurrent()) body.removeAttribute('aria-busy');
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    load();
  });
  csvButton.addEventListener('click', async () => {
    if (!validRange()) return;
    const { from, to } = range();
    csvButton.disabled = true;
    try {
      await api.download('/reports/satisfaction.csv', { from, to }, `danh-gia-hai-long_${from}_${to}.csv`);
      toast('Đã tải tệp CSV.');
    } catch (error) {
      errorBox.textContent =
        error instanceof ApiError ? error.message : 'Không tải được tệp CSV. Vui lòng thử lại.';
    } finally {
      csvButton.disabled = false;
    }
  });

  return { load };
}
