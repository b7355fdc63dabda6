import type { CurrentCode, FormerCode } from '../../intents/data/places/places-file';
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
  | { type: 'feedback_consent'; consent: boolean }
  | { type: 'former_part'; former: FormerCode; into: CurrentCode | 'unknown' }
  | { type: 'former_unit'; former: FormerCode };

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
    case 'former_part':
      return `${PAYLOAD_PREFIX}former-part:${p.former}:${p.into}`;
    case 'former_unit':
      return `${PAYLOAD_PREFIX}former-unit:${p.former}`;
  }
}

const ID = '[A-Za-z0-9._-]{1,80}';
const MENU_TOPICS = ['procedure', 'dossier', 'address', 'feedback', 'account', 'contact'] as const;

/** Each payload form: its pattern and how its groups become a Payload (undefined: not valid after all). */
const DECODERS: [RegExp, (m: string[]) => Payload | undefined][] = [
  [
    new RegExp(`^aspect:(${ID}):(\\w+)$`, 'u'),
    (m) =>
      (ASPECTS as readonly string[]).includes(m[2] ?? '')
        ? { type: 'aspect', entryId: m[1] ?? '', aspect: m[2] as Aspect }
        : undefined,
  ],
  [new RegExp(`^entry:(${ID})$`, 'u'), (m) => ({ type: 'entry', entryId: m[1] ?? '' })],
  [
    new RegExp(`^helpful:(${ID}):(${ID}|-):([01])$`, 'u'),
    (m) => ({ type: 'helpful', messageId: m[1] ?? '', entryId: m[2] ?? '-', helpful: m[3] === '1' }),
  ],
  [
    new RegExp(`^rate:(${ID}):([1-5])$`, 'u'),
    (m) => ({ type: 'rate', escalationId: m[1] ?? '', score: Number(m[2]) }),
  ],
  [new RegExp(`^rate-skip:(${ID})$`, 'u'), (m) => ({ type: 'rate_skip', escalationId: m[1] ?? '' })],
  [/^handoff$/u, () => ({ type: 'handoff' })],
  [/^cancel-handoff$/u, () => ({ type: 'cancel_handoff' })],
  [/^follow:([A-Z0-9.-]{6,60})$/u, (m) => ({ type: 'follow', code: m[1] ?? '' })],
  [
    /^menu:(\w+)$/u,
    (m) =>
      (MENU_TOPICS as readonly string[]).includes(m[1] ?? '')
        ? { type: 'menu', topic: m[1] as (typeof MENU_TOPICS)[number] }
        : undefined,
  ],
  [/^fb-skip$/u, () => ({ type: 'feedback_skip' })],
  [/^fb-consent:([01])$/u, (m) => ({ type: 'feedback_consent', consent: m[1] === '1' })],
  [
    /^former-part:(58(?:-2024)?:\d{5}):(56:\d{5}|unknown)$/u,
    (m) => ({ type: 'former_part', former: m[1] as FormerCode, into: m[2] as CurrentCode | 'unknown' }),
  ],
  [/^former-unit:(58(?:-2024)?:\d{5})$/u, (m) => ({ type: 'former_unit', former: m[1] as FormerCode })],
];

/** Decodes a payload; anything unknown or malformed is `undefined` (treated as plain text). */
export function decodePayload(raw: string): Payload | undefined {
  if (!raw.startsWith(PAYLOAD_PREFIX)) return undefined;
  const body = raw.slice(PAYLOAD_PREFIX.length).trim();
  for (const [pattern, build] of DECODERS) {
    const m = pattern.exec(body);
    if (m) return build([...m]);
  }
  return undefined;
}
