import type { Aspect } from '../../intents/taxonomy';
import { ASPECTS } from '../../intents/taxonomy';

/**
 * Quick-reply payloads. They are opaque strings to the channels: the web widget posts them back as
 * `payload`, and Zalo delivers an `oa.query.hide` button tap as a `user_send_text` whose text is the
 * payload — so every payload starts with a marker a citizen would not type.
 */
export const PAYLOAD_PREFIX = '#qr:';

export type Payload =
  | { type: 'aspect'; entryId: string; aspect: Aspect }
  | { type: 'entry'; entryId: string }
  | { type: 'helpful'; messageId: string; entryId: string; helpful: boolean }
  | { type: 'rate'; escalationId: string; score: number }
  | { type: 'rate_skip'; escalationId: string }
  | { type: 'handoff' }
  | { type: 'cancel_handoff' }
  | { type: 'follow'; code: string }
  | { type: 'menu'; topic: 'procedure' | 'dossier' | 'address' | 'feedback' | 'account' | 'contact' }
  | { type: 'feedback_skip' }
  | { type: 'feedback_consent'; consent: boolean };

export function encodePayload(p: Payload): string {
  switch (p.type) {
    case 'aspect':
      return `${PAYLOAD_PREFIX}aspect:${p.entryId}:${p.aspect}`;
    case 'entry':
      return `${PAYLOAD_PREFIX}entry:${p.entryId}`;
    case 'helpful':
      return `${PAYLOAD_PREFIX}helpful:${p.messageId}:${p.entryId}:${p.helpful ? 1 : 0}`;
    case 'rate':
      return `${PAYLOAD_PREFIX}rate:${p.escalationId}:${p.score}`;
    case 'rate_skip':
      return `${PAYLOAD_PREFIX}rate-skip:${p.escalationId}`;
    case 'handoff':
      return `${PAYLOAD_PREFIX}handoff`;
    case 'cancel_handoff':
      return `${PAYLOAD_PREFIX}cancel-handoff`;
    case 'follow':
      return `${PAYLOAD_PREFIX}follow:${p.code}`;
    case 'menu':
      return `${PAYLOAD_PREFIX}menu:${p.topic}`;
    case 'feedback_skip':
      return `${PAYLOAD_PREFIX}fb-skip`;
    case 'feedback_consent':
      return `${PAYLOAD_PREFIX}fb-consent:${p.consent ? 1 : 0}`;
  }
}

const ID = '[A-Za-z0-9._-]{1,80}';
const MENU_TOPICS = ['procedure', 'dossier', 'address', 'feedback', 'account', 'contact'] as const;

/** Decodes a payload; anything unknown or malformed is `undefined` (treated as plain text). */
export function decodePayload(raw: string): Payload | undefined {
  if (!raw.startsWith(PAYLOAD_PREFIX)) return undefined;
  const body = raw.slice(PAYLOAD_PREFIX.length).trim();
  let m: RegExpExecArray | null;
  if ((m = new RegExp(`^aspect:(${ID}):(\\w+)$`, 'u').exec(body)) && (ASPECTS as readonly string[]).includes(m[2] ?? '')) {
    return { type: 'aspect', entryId: m[1] as string, aspect: m[2] as Aspect };
  }
  if ((m = new RegExp(`^entry:(${ID})$`, 'u').exec(body))) return { type: 'entry', entryId: m[1] as string };
  if ((m = new RegExp(`^helpful:(${ID}):(${ID}|-):([01])$`, 'u').exec(body))) {
    return { type: 'helpful', messageId: m[1] as string, entryId: m[2] as string, helpful: m[3] === '1' };
  }
  if ((m = new RegExp(`^rate:(${ID}):([1-5])$`, 'u').exec(body))) {
    return { type: 'rate', escalationId: m[1] as string, score: Number(m[2]) };
  }
  if ((m = new RegExp(`^rate-skip:(${ID})$`, 'u').exec(body))) return { type: 'rate_skip', escalationId: m[1] as string };
  if (body === 'handoff') return { type: 'handoff' };
  if (body === 'cancel-handoff') return { type: 'cancel_handoff' };
  if ((m = /^follow:([A-Z0-9.\-]{6,60})$/u.exec(body))) return { type: 'follow', code: m[1] as string };
  if ((m = /^menu:(\w+)$/u.exec(body)) && (MENU_TOPICS as readonly string[]).includes(m[1] ?? '')) {
    return { type: 'menu', topic: m[1] as (typeof MENU_TOPICS)[number] };
  }
  if (body === 'fb-skip') return { type: 'feedback_skip' };
  if ((m = /^fb-consent:([01])$/u.exec(body))) return { type: 'feedback_consent', consent: m[1] === '1' };
  return undefined;
}
