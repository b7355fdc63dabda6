// The queue: escalations filtered by state, channel, team and lateness, refreshed when the live
// channel signals a change, or by polling while it is down.

import { el } from '../../js/dom.js';
import { createPoller } from '../../js/poller.js';
import { channelLabels, formatMinutes, formatWhen, labelOf, reasonLabels } from './labels.js';
import { latestOnly } from './latest-only.js';

/**
 * @param {{api: ReturnType<import('./staff-api.js').createStaffApi>, teamName: (id: string) => string,
 *          onSelect: (id: string) => void, quiet?: () => boolean}} options
 */
export function createQueue({ api, teamName, onSelect, quiet }) {
  const form = /** @type {HTMLFormElement} */ (document.getElementById('queue-filters'));
  const list = /** @type {HTMLElement} */ (document.getElementById('queue-list'));
  const status = /** @type {HTMLElement} */ (document.getElementById('queue-status'));
  const count = /** @type {HTMLElement} */ (document.getElementById('queue-count'));
  let selectedId = null;
  let lastRendered = '';

  const filters = () => {
    const data = new FormData(form);
    return {
      status: String(data.get('status') || 'open'),
      channel: String(data.get('channel') || ''),
      team: String(data.get('team') || ''),
      late: data.get('late') ? 'true' : '',
    };
  };

  const itemView = (item) => {
    const badges = [el('span', { class: 'badge' }, labelOf(channelLabels, item.channel))];
    if (item.team) badges.push(el('span', { class: 'badge' }, teamName(item.team)));
    if (item.late) badges.push(el('span', { class: 'badge badge-late' }, 'Trễ hạn'));
    const waited =
      item.state === 'open' && typeof item.waitingMinutes === 'number'
        ? ` · chờ ${formatMinutes(item.waitingMinutes)}`
        : '';
    const button = el(
      'button',
      {
        type: 'button',
        class: 'queue-item',
        'aria-current': item.id === selectedId ? 'true' : false,
        dataset: { id: item.id },
      },
      [
        el('span', { class: 'queue-item-head' }, [
          el('strong', {}, labelOf(reasonLabels, item.reason)),
          el('span', { class: 'queue-item-time' }, `${formatWhen(item.createdAt)}${waited}`),
        ]),
        el('span', { class: 'queue-item-text' }, item.lastMessage || '—'),
        el('span', { class: 'badges' }, badges),
      ],
    );
    button.addEventListener('click', () => {
      select(item.id);
      onSelect(item.id);
    });
    return el('li', {}, button);
  };

  const render = (items) => {
    const key = JSON.stringify([items, selectedId]);
    if (key === lastRendered) return;
    lastRendered = key;
    const focusedId =
      document.activeElement instanceof HTMLElement ? document.activeElement.dataset.id : undefined;
    list.replaceChildren(...items.map(itemView));
    if (items.length === 0) list.append(el('li', { class: 'empty' }, 'Không có cuộc trò chuyện nào.'));
    if (focusedId) list.querySelector(`[data-id="${CSS.escape(focusedId)}"]`)?.focus();
  };

  const begin = latestOnly();
  const refresh = async () => {
    const isCurrent = begin();
    const query = filters();
    const data = await api.get('/escalations', query);
    // A list for filters changed since (or an older poll answering late) is not drawn.
    if (!isCurrent()) return;
    const items = Array.isArray(data?.items) ? data.items : [];
    render(items);
    status.textContent = `${items.length} cuộc trò chuyện · cập nhật lúc ${formatWhen(new Date().toISOString())}`;
    if (query.status === 'open') count.textContent = items.length > 0 ? `(${items.length})` : '';
  };

  const poller = createPoller(refresh, {
    intervalMs: 4000,
    skip: quiet,
    onFailure: () => {
      status.textContent = 'Không tải được hàng chờ. Đang thử lại…';
    },
  });

  /** Re-reads now: directly while the live channel stands in for the poller, else by the poller. */
  const refreshNow = () => (quiet?.() ? void refresh().catch(() => undefined) : poller.nudge());

  function select(id) {
    selectedId = id;
    for (const button of list.querySelectorAll('.queue-item')) {
      if (button instanceof HTMLElement) {
        if (button.dataset.id === id) button.setAttribute('aria-current', 'true');
        else button.removeAttribute('aria-current');
      }
    }
    lastRendered = '';
  }

  form.addEventListener('change', () => {
    lastRendered = '';
    refreshNow();
  });
  form.addEventListener('submit', (event) => event.preventDefault());

  return {
    start: () => poller.start(),
    stop: () => poller.stop(),
    refresh: refreshNow,
    /** A pushed signal: re-reads now. */
    reload: () => void refresh().catch(() => undefined),
    select,
  };
}
