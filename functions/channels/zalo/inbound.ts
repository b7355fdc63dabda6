import type { Inbound } from '../../conversation/model';
import type { BotUpdate } from './bot-events';
import { ATTACHMENT_EVENTS, type AttachmentEventName, type OaEvent } from './oa-events';

/**
 * A phone shared through Zalo's consent card, in national form with digits only:
 * "+84 912 345 678" and "84912345678" both become "0912345678".
 */
export function normalisePhone(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let digits = raw.replace(/\D/gu, '');
  if (digits.startsWith('84') && digits.length >= 11) digits = `0${digits.slice(2)}`;
  if (!digits.startsWith('0') && digits.length === 9) digits = `0${digits}`;
  return /^0\d{9,10}$/u.test(digits) ? digits : undefined;
}

export function parseCoordinate(value: string | number | undefined, limit: number): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value).trim();
  // Number('') is 0: an empty coordinate would put the citizen in the Gulf of Guinea.
  if (text === '') return undefined;
  const n = typeof value === 'number' ? value : Number(text);
  return Number.isFinite(n) && Math.abs(n) <= limit ? n : undefined;
}

/** What the citizen sent, channel-independent; `undefined` when there is nothing to answer. */
export function oaEventToInbound(event: OaEvent): Inbound | undefined {
  // An anonymous sender's events have the same shapes as a follower's.
  const name = event.event_name.replace(/^anonymous_send_/u, 'user_send_');
  // Tapping "Nhắn tin" for the first time is greeted like a follow: a short welcome and the menu.
  if (name === 'follow' || name === 'user_click_chatnow') return { kind: 'follow' };
  if (name === 'user_send_text') {
    const text = event.message?.text?.trim();
    return text ? { kind: 'text', text } : undefined;
  }
  if (name === 'user_send_location') {
    const attachment = event.message?.attachments?.find((a) => a.payload?.coordinates);
    const lat = parseCoordinate(attachment?.payload?.coordinates?.latitude, 90);
    const lng = parseCoordinate(attachment?.payload?.coordinates?.longitude, 180);
    // An unreadable location is answered like any attachment the assistant cannot read.
    if (lat === undefined || lng === undefined) return { kind: 'attachment', type: 'link' };
    const text = event.message?.text?.trim();
    return { kind: 'location', lat, lng, ...(text ? { text } : {}) };
  }
  if (name === 'user_submit_info') {
    const phone = normalisePhone(event.info?.phone);
    const personName = event.info?.name?.trim();
    return { kind: 'shared_info', ...(phone ? { phone } : {}), ...(personName ? { name: personName } : {}) };
  }
  if (name === 'user_send_link') {
    // A pasted link arrives with the citizen's words beside it: those are the question.
    // A bare URL says nothing to answer: that is read as the attachment it is.
    const text = event.message?.text?.trim() ?? '';
    const words = text.replace(/https?:\/\/\S+/giu, '').trim();
    if (words) return { kind: 'text', text };
  }
  if (name in ATTACHMENT_EVENTS) {
    const type = ATTACHMENT_EVENTS[name as AttachmentEventName];
    const url = event.message?.attachments?.[0]?.payload?.url;
    return { kind: 'attachment', type, ...(url && /^https?:\/\//iu.test(url) ? { url } : {}) };
  }
  return undefined;
}

export function botUpdateToInbound(update: BotUpdate): Inbound | undefined {
  const m = update.message;
  switch (update.event_name) {
    case 'message.text.received': {
      const text = m.text?.trim();
      return text ? { kind: 'text', text } : undefined;
    }
    case 'message.image.received': {
      const url = m.photo_url ?? m.photo ?? m.url;
      return { kind: 'attachment', type: 'image', ...(url && /^https?:\/\//iu.test(url) ? { url } : {}) };
    }
    case 'message.sticker.received':
      return { kind: 'attachment', type: 'sticker' };
    case 'message.voice.received':
      return { kind: 'attachment', type: 'audio' };
    default:
      return undefined;
  }
}
