import type { Aspect } from '../../../intents/taxonomy';
import type { Understanding } from '../../../intents/types';
import { composeAnswer } from '../../../knowledge/answer';
import { hitLabel } from '../../../knowledge/retrieval/confidence';
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

/** Hits scoring within this ratio of the best are close enough to ask which one is meant. */
export const CLOSE_RATIO = 0.95;

/** Sends one knowledge entry, the asked aspect first, other aspects and a rating as quick replies. */
export function answerWithEntry(turn: Turn, entry: KnowledgeEntry, requested?: Aspect): void {
  // An FAQ answers the question as a whole: an aspect cue in the message ("lệ phí" in "thanh toán
  // lệ phí bị trừ tiền 2 lần") must not replace the answer with "no fee information".
  const aspect = entry.kind === 'faq' && requested && !entry.aspects[requested] ? undefined : requested;
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
  turn.session.lastCandidates = undefined;
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
  const hits = kb.search(u.text, { k: 5 });
  const verdict = judgeHits(hits, CLOSE_RATIO);
  const aspect = u.entities.aspect;
  const previous = turn.session.lastEntryId ? kb.get(turn.session.lastEntryId) : undefined;

  if (aspect && isFollowUp(u)) {
    if (previous) {
      answerWithEntry(turn, previous, aspect);
      return;
    }
    const candidates = (turn.session.lastCandidates ?? [])
      .map((id) => kb.get(id))
      .filter((e) => e !== undefined)
      .map((entry) => ({ entry, label: truncate(entry.plainTitle ?? entry.title, 60) }));
    if (candidates.length > 1) {
      askWhichOne(turn, candidates, aspect);
      return;
    }
  }
  if (verdict.kind === 'confident') {
    answerWithEntry(turn, verdict.hit.entry, aspect);
    return;
  }
  if (verdict.kind === 'ambiguous') {
    askWhichOne(
      turn,
      verdict.hits.map((h) => ({ entry: h.entry, label: hitLabel(h, verdict.hits, 60) })),
      aspect,
    );
    return;
  }
  recordUnanswered(turn, u);
  turn.say(fallbackText ?? `${TEXT.notUnderstood} ${TEXT.hotline}`, {
    quickReplies: [...MENU_REPLIES.slice(0, 2), HANDOFF_REPLY],
  });
  offerHandoffAfterUnhelpful(turn);
}

/** Close candidates: the citizen picks one with a quick reply; the asked aspect travels with it. */
function askWhichOne(
  turn: Turn,
  choices: { entry: KnowledgeEntry; label: string }[],
  aspect: Aspect | undefined,
): void {
  turn.session.lastCandidates = choices.map((c) => c.entry.id);
  turn.session.lastEntryId = undefined;
  turn.say('Bạn muốn hỏi thủ tục nào dưới đây ạ?', {
    quickReplies: choices.map(({ entry, label }) => ({
      title: label,
      payload: aspect
        ? encodePayload({ type: 'aspect', entryId: entry.id, aspect })
        : encodePayload({ type: 'entry', entryId: entry.id }),
    })),
  });
}

/**
 * Words that ask for an aspect or hold the sentence together, without naming a procedure. A message
 * made only of these ("thế lệ phí bao nhiêu?", "nộp online được không") continues the previous topic.
 */
const ASPECT_AND_FILLER = new Set(
  (
    'the thi vay a ad oi nhe nha ha ak co khong ko k hok duoc dc can gi nhung nao bao nhieu lau may ngay tuan thang mat het ' +
    'tien le phi phi muc thu nop o dau tai noi cho online truc tuyen qua mang dien tu internet lam sao the nao buoc cac trinh tu ' +
    'thu tuc giay to ho so gom nhu dieu kien ai doi tuong yeu cau minh toi em anh chi ban con va voi hay hoac phai tra ket qua ' +
    'thoi gian giai quyet xu ly cua do nay kia'
  ).split(' '),
);

function isFollowUp(u: Understanding): boolean {
  if (u.text.tokens.length > 8) return false;
  return u.text.foldedTokens.filter((t) => !ASPECT_AND_FILLER.has(t)).length === 0;
}

/** Kept (masked) for the team that improves the knowledge base; once per citizen message. */
export function recordUnanswered(turn: Turn, u: Understanding): void {
  turn.effect({
    kind: 'record_unanswered',
    id: turn.userMessageId,
    question: {
      text: redactText(u.text.raw).slice(0, 500),
      intent: u.intent,
      confidence: u.confidence,
      channel: turn.session.ref.channel,
      createdAt: turn.now.toISOString(),
    },
  });
}

const truncate = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);
