import type { ChatMessage, ConversationState } from '../../functions/conversation/model';
import { decodePayload } from '../../functions/conversation/payloads';
import type { KnowledgeBase } from '../../knowledge/schema';
import type { Catalogue } from './catalogue';
import { fold } from './text';

export type Decision = 'answer' | 'choose' | 'unknown' | 'handoff';

/** What one turn's replies amount to, read from the payloads a client receives. */
export interface ReplyView {
  text: string;
  decision: Decision;
  /** Catalogue code of the answered procedure, when the answer is (about) one. */
  code?: string;
  /** Entry id of the answer (a curated or FAQ entry may have no code). */
  entryId?: string;
  /** Codes (or entry ids) offered in a "which one did you mean?" list. */
  candidates: string[];
  offersPerson: boolean;
  offersPortal: boolean;
  state: ConversationState;
  quickReplies: { title: string; payload: string }[];
}

/**
 * The answered procedure: the entry's catalogue code, else the catalogue record its source link
 * cites (every procedure answer links its record).
 */
function codeOf(
  entryId: string | undefined,
  links: ChatMessage['links'],
  kb: KnowledgeBase,
  catalogue: Catalogue,
) {
  const entry = entryId ? kb.get(entryId) : undefined;
  if (entry?.code) return entry.code;
  for (const link of links ?? []) {
    const code = catalogue.byUrl.get(link.url);
    if (code) return code;
  }
  return undefined;
}

export function readReplies(
  messages: ChatMessage[],
  state: ConversationState,
  kb: KnowledgeBase,
  catalogue: Catalogue,
): ReplyView {
  const text = messages.map((m) => m.text).join('\n');
  const quickReplies = messages.flatMap((m) => m.quickReplies ?? []);
  const answer = messages.find((m) => m.entryId);
  const code = answer ? codeOf(answer.entryId, answer.links, kb, catalogue) : undefined;
  const offered = new Set<string>();
  for (const q of quickReplies) {
    const p = decodePayload(q.payload);
    if (p?.type === 'entry' || (p?.type === 'aspect' && !answer)) {
      const entry = kb.get(p.entryId);
      offered.add(entry?.code ?? p.entryId);
    }
  }
  const t = fold(text);
  const handedOff =
    state !== 'bot' || /da chuyen (cuoc tro chuyen|yeu cau|ban) (toi|den|cho) can bo/u.test(t);
  const decision: Decision = handedOff
    ? 'handoff'
    : answer
      ? 'answer'
      : offered.size >= 2
        ? 'choose'
        : 'unknown';
  return {
    text,
    decision,
    ...(code ? { code } : {}),
    ...(answer?.entryId ? { entryId: answer.entryId } : {}),
    candidates: [...offered],
    offersPerson:
      handedOff ||
      quickReplies.some((q) => decodePayload(q.payload)?.type === 'handoff') ||
      /can bo|nhan vien|tong dai|1022|nguoi ho tro|staff|person|operator/u.test(t),
    offersPortal:
      /cong dich vu cong|dichvucong|cong dvc/u.test(t) ||
      messages.some((m) => (m.links ?? []).some((l) => /dichvucong/u.test(l.url))),
    state,
    quickReplies,
  };
}
