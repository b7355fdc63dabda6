import type { Aspect } from '../../../intents/taxonomy';
import type { Understanding } from '../../../intents/types';
import { composeAnswer } from '../../../knowledge/answer';
import type { KnowledgeEntry } from '../../../knowledge/schema';
import { newId } from '../../shared/ids';
import { redactText } from '../../shared/redact';
import { judgeHits } from '../knowledge-match';
import type { QuickReply } from '../model';
import { encodePayload } from '../payloads';
import { HANDOFF_REPLY, MENU_REPLIES, TEXT } from '../texts';
import type { Turn } from '../turn';
import { offerHandoffAfterUnhelpful } from './handoff';

export const ASPECT_LABEL: Record<Aspect, string> = {
  documents: 'Giấy tờ cần nộp',
  fee: 'Lệ phí',
  duration: 'Thời gian giải quyết',
  place: 'Nơi nộp',
  steps: 'Các bước thực hiện',
  online: 'Nộp trực tuyến',
  eligibility: 'Điều kiện',
};

/** Minimum retrieval score for an answer; below it the assistant says it has nothing that fits. */
export const MIN_ANSWER_SCORE = 1;

/** Sends one knowledge entry, the asked aspect first, other aspects and a rating as quick replies. */
export function answerWithEntry(turn: Turn, entry: KnowledgeEntry, aspect?: Aspect): void {
  const answer = composeAnswer(entry, aspect);
  const id = newId(turn.now.getTime());
  const quickReplies: QuickReply[] = answer.otherAspects.slice(0, 3).map((a) => ({
    title: ASPECT_LABEL[a],
    payload: encodePayload({ type: 'aspect', entryId: entry.id, aspect: a }),
  }));
  quickReplies.push(
    {
      title: 'Hữu ích',
      payload: encodePayload({ type: 'helpful', messageId: id, entryId: entry.id, helpful: true }),
    },
    {
      title: 'Chưa hữu ích',
      payload: encodePayload({ type: 'helpful', messageId: id, entryId: entry.id, helpful: false }),
    },
  );
  turn.say(answer.text, { id, quickReplies, links: answer.links, entryId: entry.id });
  turn.session.lastEntryId = entry.id;
  turn.session.lastAspect = aspect;
  if (turn.understanding) {
    turn.understanding.entryId = entry.id;
    turn.understanding.entryTitle = entry.plainTitle ?? entry.title;
  }
}

/**
 * A question the knowledge base should answer: a procedure, or an FAQ-like topic (accounts,
 * payments, agencies, business support). Handles follow-ups such as "thế lệ phí bao nhiêu?" by
 * reusing the entry of the previous answer when the message names no other procedure.
 */
export async function answerFromKnowledge(
  turn: Turn,
  u: Understanding,
  fallbackText?: string,
): Promise<void> {
  const { kb } = turn.deps;
  const hits = kb.search(u.text.raw, { k: 5 });
  const verdict = judgeHits(hits, MIN_ANSWER_SCORE);
  const aspect = u.entities.aspect;
  const previous = turn.session.lastEntryId ? kb.get(turn.session.lastEntryId) : undefined;

  if (previous && aspect && isFollowUp(u, verdict.kind)) {
    answerWithEntry(turn, previous, aspect);
    return;
  }
  if (verdict.kind === 'confident') {
    answerWithEntry(turn, verdict.hit.entry, aspect);
    return;
  }
  if (verdict.kind === 'ambiguous') {
    turn.say('Bạn muốn hỏi thủ tục nào dưới đây ạ?', {
      quickReplies: verdict.hits.map((h) => ({
        title: truncate(h.entry.plainTitle ?? h.title, 60),
        payload: aspect
          ? encodePayload({ type: 'aspect', entryId: h.id, aspect })
          : encodePayload({ type: 'entry', entryId: h.id }),
      })),
    });
    return;
  }
  await recordUnanswered(turn, u);
  turn.say(fallbackText ?? `${TEXT.notUnderstood} ${TEXT.hotline}`, {
    quickReplies: [...MENU_REPLIES.slice(0, 2), HANDOFF_REPLY],
  });
  await offerHandoffAfterUnhelpful(turn);
}

/** A short message that only asks for an aspect ("mất bao lâu?") continues the previous topic. */
function isFollowUp(u: Understanding, verdict: 'none' | 'confident' | 'ambiguous'): boolean {
  return u.text.tokens.length <= 7 && verdict !== 'confident';
}

export async function recordUnanswered(turn: Turn, u: Understanding): Promise<void> {
  await turn.deps.stores.unanswered.add({
    text: redactText(u.text.raw).slice(0, 500),
    intent: u.intent,
    confidence: u.confidence,
    channel: turn.session.ref.channel,
    createdAt: turn.now.toISOString(),
  });
}

const truncate = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);
