import type { ChatMessage } from '../../conversation/model';
import { splitText, ZALO_MAX_TEXT } from './text-split';

/** Real code sends at most 3 buttons per OA message (reference §2); titles at most 100 characters. */
export const MAX_BUTTONS = 3;
export const MAX_BUTTON_TITLE = 100;

export type OaButton =
  | { title: string; type: 'oa.query.hide'; payload: string }
  | { title: string; type: 'oa.open.url'; payload: { url: string } };

export interface RenderedMessage {
  /** Texts to send in order, each at most 2,000 characters. */
  parts: string[];
  /** OA buttons, attached to the last part. */
  buttons: OaButton[];
  /** Payloads of the numbered list in the text (choice n is `choices[n-1]`), when there is one. */
  choices?: string[];
}

/**
 * The payloads a message offers as a numbered list on `channel` (choice n is `[n-1]`), if it does:
 * on the OA only when its quick replies do not fit as buttons, on the Bot Platform always.
 */
export function numberedChoices(channel: 'zalo' | 'zalo_bot', message: ChatMessage): string[] | undefined {
  const quickReplies = message.quickReplies ?? [];
  const listed = channel === 'zalo_bot' || quickReplies.length > MAX_BUTTONS;
  return listed && quickReplies.length ? quickReplies.map((q) => q.payload) : undefined;
}

export const CHOOSE_BY_NUMBER = 'Bạn vui lòng nhắn số tương ứng (ví dụ: 1) để chọn.';

/**
 * A message as the OA shows it: quick replies and links become buttons while there are at most
 * three of them in all. More quick replies become a numbered list the citizen answers with a
 * number; links that do not fit become lines of text (Zalo makes URLs tappable).
 */
export function renderForOa(message: ChatMessage): RenderedMessage {
  const quickReplies = message.quickReplies ?? [];
  const links = message.links ?? [];
  const buttons: OaButton[] = [];
  const choices = numberedChoices('zalo', message);
  if (!choices) {
    for (const q of quickReplies)
      buttons.push({ title: buttonTitle(q.title), type: 'oa.query.hide', payload: q.payload });
  }
  const linkSlots = MAX_BUTTONS - buttons.length;
  for (const l of links.slice(0, linkSlots))
    buttons.push({ title: buttonTitle(l.title), type: 'oa.open.url', payload: { url: l.url } });
  const text = compose(message.text, choices ? quickReplies : [], links.slice(linkSlots));
  return { parts: splitText(text, ZALO_MAX_TEXT), buttons, ...(choices ? { choices } : {}) };
}

/** The Bot Platform has no buttons: every quick reply is numbered, every link is a line. */
export function renderForBot(message: ChatMessage): RenderedMessage {
  const choices = numberedChoices('zalo_bot', message);
  const text = compose(message.text, message.quickReplies ?? [], message.links ?? []);
  return { parts: splitText(text, ZALO_MAX_TEXT), buttons: [], ...(choices ? { choices } : {}) };
}

function compose(text: string, listed: { title: string }[], links: { title: string; url: string }[]): string {
  const blocks = [text.trim()];
  if (listed.length)
    blocks.push([...listed.map((q, i) => `${i + 1}. ${q.title}`), CHOOSE_BY_NUMBER].join('\n'));
  if (links.length) blocks.push(links.map((l) => `${l.title}: ${l.url}`).join('\n'));
  return blocks.filter(Boolean).join('\n\n');
}

function buttonTitle(title: string): string {
  const t = title.trim();
  return t.length <= MAX_BUTTON_TITLE ? t : `${t.slice(0, MAX_BUTTON_TITLE - 1).trimEnd()}…`;
}

/** A citizen's answer to a numbered list: just a number, e.g. "2", "2.", " 2 ". */
export function parseChoiceNumber(text: string): number | undefined {
  const m = /^\s*(\d{1,2})\s*[.)]?\s*$/u.exec(text);
  return m ? Number(m[1]) : undefined;
}
