// Builds the chat's bubbles. Who speaks decides the look: the citizen (right, brand colour), the assistant
// (left, white), a staff member (left, green, labelled "Cán bộ") and notices from the system (centred).

import { el, linkifiedText, safeHttpUrl } from './dom.js';

// Vietnam time, as in every answer the assistant writes ("trước 17 giờ", office hours), whatever the phone's zone.
const timeFormat = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh',
  hour: '2-digit',
  minute: '2-digit',
});

const labels = {
  bot: 'Trợ lý ảo',
  staff: 'Cán bộ',
  system: null,
  user: null,
};

/** Maps the API's `from` to a bubble kind; anything unknown is the citizen's own message. */
export function speakerOf(from) {
  return from === 'bot' || from === 'staff' || from === 'system' ? from : 'user';
}

const externalIcon = () => {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '16');
  svg.setAttribute('height', '16');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('d', 'M14 4h6v6M20 4l-9 9M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5');
  path.setAttribute('fill', 'none');
  path.setAttribute('stroke', 'currentColor');
  path.setAttribute('stroke-width', '2');
  path.setAttribute('stroke-linecap', 'round');
  svg.append(path);
  return svg;
};

/** The message's own time; a message drawn as it arrives may use the current time instead. */
function timeOf(createdAt, arrivedNow) {
  if (!createdAt) return arrivedNow ? timeFormat.format(new Date()) : '';
  const date = new Date(createdAt);
  return Number.isNaN(date.getTime()) ? '' : timeFormat.format(date);
}

/**
 * One message as a list item.
 * @param {{id?: string, from?: string, text?: string, createdAt?: string,
 *          quickReplies?: Array<{title: string, payload?: string}>, links?: Array<{title: string, url: string}>}} message
 * @param {{onQuickReply?: (reply: {title: string, payload?: string}, button: HTMLButtonElement) => void,
 *          arrivedNow?: boolean}} [options] `arrivedNow`: drawn as it arrives (not from history), so "now" is its time
 */
export function messageItem(message, options = {}) {
  const speaker = speakerOf(message.from);
  const label = labels[speaker];
  const item = el('li', {
    class: `message message-${speaker}`,
    dataset: message.id ? { id: message.id, from: speaker } : { from: speaker },
  });
  if (label) item.append(el('span', { class: 'message-label' }, label));
  else if (speaker === 'user') item.append(el('span', { class: 'visually-hidden' }, 'Bạn:'));
  item.append(el('div', { class: 'bubble' }, linkifiedText(message.text ?? '')));

  const links = (message.links ?? [])
    .map((link) => ({ title: String(link.title || ''), href: safeHttpUrl(link.url) }))
    .filter((link) => link.href);
  if (links.length > 0) {
    const group = el('div', { class: 'message-actions' });
    for (const link of links) {
      group.append(
        el('a', { class: 'link-button', href: link.href, target: '_blank', rel: 'noopener noreferrer' }, [
          link.title || link.href,
          el('span', { class: 'visually-hidden' }, ' (mở trong thẻ mới)'),
          externalIcon(),
        ]),
      );
    }
    item.append(group);
  }
  const replies = (message.quickReplies ?? []).filter((reply) => reply?.title);
  if (replies.length > 0) {
    const group = el('div', {
      class: 'message-actions quick-replies',
      role: 'group',
      'aria-label': 'Gợi ý trả lời',
    });
    for (const reply of replies) {
      const button = el('button', { type: 'button', class: 'quick-reply' }, String(reply.title));
      button.addEventListener('click', () => options.onQuickReply?.(reply, button));
      group.append(button);
    }
    item.append(group);
  }
  const time = timeOf(message.createdAt, options.arrivedNow);
  if (time && speaker !== 'system') item.append(el('span', { class: 'message-meta' }, time));
  return item;
}

/** A polite error line with the server's (Vietnamese) message, and a retry button when it is worth one. */
export function errorItem(text, onRetry) {
  const item = el('li', { class: 'message message-error', role: 'alert' }, [
    el('div', { class: 'bubble' }, text),
  ]);
  if (onRetry) {
    const retry = el('button', { type: 'button', class: 'retry-button' }, 'Thử lại');
    retry.addEventListener('click', () => onRetry(item));
    item.append(el('div', { class: 'message-actions' }, retry));
  }
  return item;
}
