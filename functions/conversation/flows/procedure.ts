import {
  aspect as aspectCue,
  findAspectCues,
  foldedOutsideAspectCues,
} from '../../../intents/entities/aspect';
import { messageLanguage } from '../../../intents/language';
import { normalise } from '../../../intents/normalise';
import { type Aspect, WHOLE_MESSAGE_INTENTS } from '../../../intents/taxonomy';
import type { Understanding } from '../../../intents/types';
import {
  ASPECT_LABEL,
  actionWords,
  asksSameAgain,
  asksWhetherNeeded,
  choiceFromWords,
  contentWords,
  mentionsDossier,
  namesNoProcedure,
  titleNamingWords,
} from '../../../intents/vocabulary';
import { composeAnswer } from '../../../knowledge/answer';
import { ageContradicts, entryAgeRange, statedAge } from '../../../knowledge/retrieval/age-fit';
import { askedText } from '../../../knowledge/retrieval/asked-part';
import { hitLabel, isConfidentMatch } from '../../../knowledge/retrieval/confidence';
import { type AnswerDecision, DECISION_HITS, decideAnswer } from '../../../knowledge/retrieval/decision';
import { entryWords } from '../../../knowledge/retrieval/entry-words';
import { uncoveredTopic } from '../../../knowledge/retrieval/uncovered';
import type { KnowledgeEntry, KnowledgeHit } from '../../../knowledge/schema';
import { newId } from '../../shared/ids';
import { redactText } from '../../shared/redact';
import { vietnamDate } from '../../shared/vietnam-time';
import { choiceLabels } from '../choice-labels';
import type { QuickReply } from '../model';
import { encodePayload } from '../payloads';
import { HANDOFF_REPLY, MENU_REPLIES, TEXT } from '../texts';
import type { Turn } from '../turn';
import { offerHandoffAfterUnhelpful } from './handoff';

export { ASPECT_LABEL };

/**
 * The knowledge search of one message, done once per turn: a follow-up's topic check and, when the
 * topic did change, the answer after it ask the same question of the same knowledge (a search is
 * most of the CPU of understanding a turn).
 */
const searches = new WeakMap<Turn, { text: Understanding['text']; hits: KnowledgeHit[] }>();
function searchOnce(turn: Turn, u: Understanding): KnowledgeHit[] {
  const kept = searches.get(turn);
  if (kept?.text === u.text) return kept.hits;
  const hits = turn.deps.kb.search(u.text, { k: DECISION_HITS });
  searches.set(turn, { text: u.text, hits });
  return hits;
}

/**
 * The answer to "Bạn muốn hỏi lệ phí của thủ tục nào ạ?": a message that names a procedure ("làm
 * cccd", read as a procedure question) is answered on the aspect asked first, unless it names another
 * aspect itself. Anything else ("xin chào", a dossier question) is routed as usual.
 */
export async function answerWhichProcedure(turn: Turn, u: Understanding, aspect: Aspect): Promise<boolean> {
  if (u.intent !== 'procedure_info') return false;
  await answerFromKnowledge(turn, u, undefined, aspect);
  return true;
}

/**
 * "báo mất xong thì làm hộ chiếu mới ở đâu": the part asked about (knowledge/retrieval/asked-part.ts);
 * the topic and the search read that part only. Not for flows that read the whole message.
 */
export function askedPart(turn: Turn, u: Understanding): Understanding {
  if (WHOLE_MESSAGE_INTENTS.has(u.intent)) return u;
  const text = askedText(u.text, turn.deps.kb);
  return text === u.text ? u : { ...u, text };
}

/** Sends one knowledge entry, the asked aspect first, other aspects and a rating as quick replies. */
export function answerWithEntry(turn: Turn, entry: KnowledgeEntry, requested?: Aspect): void {
  // An FAQ answers the question as a whole: an aspect cue in the message ("lệ phí" in "thanh toán
  // lệ phí bị trừ tiền 2 lần") must not replace the answer with "no fee information".
  const aspect = entry.kind === 'faq' && requested && !entry.aspects[requested] ? undefined : requested;
  // Facts that depend on the day (a reduced fee in force until a date) are stated for today in Vietnam.
  const answer = composeAnswer(entry, aspect, { today: vietnamDate(turn.now) });
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
  turn.session.lastUncovered = undefined;
  if (turn.understanding) {
    turn.understanding.entryId = entry.id;
    turn.understanding.entryTitle = entry.plainTitle ?? entry.title;
  }
}

/**
 * A question the knowledge base should answer: a procedure, or an FAQ-like topic (accounts,
 * payments, agencies, business support). What to do with the ranked entries is the knowledge base's
 * `decideAnswer` (the same decision `npm run nlu` prints): answer, ask which one, or say honestly
 * that there is no answer. A bare aspect question ("thế lệ phí bao nhiêu?") after a choice list asks
 * the choice again with the aspect attached.
 */
export async function answerFromKnowledge(
  turn: Turn,
  u: Understanding,
  fallbackText?: string,
  defaultAspect?: Aspect,
): Promise<void> {
  const { kb } = turn.deps;
  const aspect = u.entities.aspect ?? aspectCue(u.text) ?? defaultAspect;
  if (aspect && namesNoProcedure(u.text.foldedTokens)) {
    const previous = turn.session.lastEntryId ? kb.get(turn.session.lastEntryId) : undefined;
    if (previous) {
      answerWithEntry(turn, previous, aspect);
      return;
    }
    const candidates = entriesOf(turn, turn.session.lastCandidates);
    if (candidates.length > 1) {
      askWhichOne(turn, labelled(candidates), aspect);
      return;
    }
  }
  const hits = searchOnce(turn, u);
  const decision = decideAnswer(u.text, hits);
  switch (decision.decision) {
    case 'answer':
      answerWithEntry(turn, decision.hit.entry, aspect);
      return;
    case 'choose': {
      const labels = choiceLabels(
        decision.hits.map((h) => hitLabel(h, decision.hits, Number.POSITIVE_INFINITY)),
      );
      askWhichOne(
        turn,
        decision.hits.map((h, i) => ({ entry: h.entry, label: labels[i] ?? h.title })),
        aspect,
      );
      return;
    }
    case 'unknown':
      sayNoAnswer(turn, u, decision, fallbackText);
      return;
  }
}

/**
 * The honest "I have no answer": what is not covered, who decides it when known, and a person. An
 * English message gets the one English reply; a message nothing fits gets the flow's own fallback.
 */
export function sayNoAnswer(
  turn: Turn,
  u: Understanding,
  decision: Extract<AnswerDecision, { decision: 'unknown' }>,
  fallbackText?: string,
): void {
  recordUnanswered(turn, u);
  switch (decision.reason) {
    case 'other_language':
      turn.say(TEXT.otherLanguage, { quickReplies: [HANDOFF_REPLY] });
      return;
    case 'other_authority': {
      turn.session.lastUncovered = decision.topic?.id;
      const agency = decision.topic?.agency ? ` Cơ quan giải quyết: ${decision.topic.agency}.` : '';
      turn.say(
        `Xin lỗi, ${decision.topic?.subject ?? 'việc này'} không thuộc các thủ tục tôi hướng dẫn.${agency} Bạn có thể gặp cán bộ để được hướng dẫn thêm hoặc gọi Tổng đài 1022.`,
        { quickReplies: [HANDOFF_REPLY] },
      );
      return;
    }
    case 'definition':
    case 'rule':
      turn.say(
        `Xin lỗi, tôi chưa có câu trả lời chính xác cho câu hỏi về ${decision.reason === 'rule' ? 'quy định, mức xử phạt' : 'khái niệm'} này; tôi chỉ hướng dẫn các thủ tục hành chính (hồ sơ, lệ phí, thời hạn, nơi nộp). Bạn có thể tra cứu trên Cổng Dịch vụ công quốc gia (dichvucong.gov.vn) hoặc gặp cán bộ.`,
        { quickReplies: [HANDOFF_REPLY] },
      );
      return;
    case 'no_match':
      turn.say(fallbackText ?? TEXT.noAnswer, {
        quickReplies: [...MENU_REPLIES.slice(0, 2), HANDOFF_REPLY],
      });
      offerHandoffAfterUnhelpful(turn);
      return;
  }
}

/**
 * A message that leans on the procedure just answered or the choice just offered: "2", "cái đầu", a
 * word that tells the choices apart, or an aspect question that names no other procedure ("hết bao
 * nhiêu", "online được không", "đăng ký xong bao lâu có"). The topic changes only when the message's
 * real content words are not the active procedure's own. Returns false to let the intent route it.
 */
export function continueTopic(turn: Turn, u: Understanding): boolean {
  const { session } = turn;
  if (u.entities.dossierCode || messageLanguage(u.text.raw) !== 'vi' || uncoveredTopic(u.text)) return false;
  const candidates = entriesOf(turn, session.lastCandidates);
  const forAge = entryForStatedAge(turn, u, candidates);
  if (forAge) {
    // "cho cháu 12 tuổi thì sao": the "sao" of "thì sao" asks the same again, not the steps.
    const asked = aspectBeforeSameAgainTail(u);
    const aspect = asked ?? session.lastAspect;
    // "dưới 6 tuổi có mất phí không": an aspect asked is answered; a bare age is confirmed.
    if (!asked && forAge.id === session.lastEntryId && candidates.length === 0) {
      turn.say(`Vâng, thủ tục “${forAge.plainTitle ?? forAge.title}” phù hợp với độ tuổi bạn nêu ạ.`, {
        quickReplies: answerAspectReplies(forAge),
      });
    } else answerWithEntry(turn, forAge, aspect);
    return true;
  }
  if (candidates.length > 1) {
    const picked = pickFromChoices(candidates, u);
    if (picked) {
      answerWithEntry(turn, picked, u.entities.aspect ?? aspectCue(u.text) ?? session.lastAspect);
      return true;
    }
    // "thứ 3" when two were offered: the same choices again, not "out of scope".
    const n = choiceFromWords(u.text.folded);
    if (n !== undefined && n > candidates.length) {
      askWhichOne(
        turn,
        labelled(candidates),
        u.entities.aspect ?? session.lastAspect,
        `Danh sách chỉ có ${candidates.length} mục. Bạn vui lòng chọn một mục dưới đây ạ.`,
      );
      return true;
    }
  }
  const previous = session.lastEntryId ? turn.deps.kb.get(session.lastEntryId) : undefined;
  if (!previous) return false;
  // "còn nộp online thì sao" after the fee: the fee again, for online submission. But "còn lệ phí thì
  // sao" after the documents asks for the aspect it names: one named as the message's aspect wins.
  const named = aspectBeforeSameAgainTail(u);
  const again =
    session.lastAspect && asksSameAgain(u.text.folded) && (!named || named === session.lastAspect)
      ? session.lastAspect
      : undefined;
  const aspect = again ?? u.entities.aspect ?? aspectCue(u.text) ?? sameAspectOnWeakGuess(turn, u);
  if (!aspect) return false;
  const own = entryWords(previous);
  // "bằng lái bị mất thì làm lại sao" after "thi bằng lái": an action the active title does not name.
  if (actionWords(u.text.foldedTokens, u.text.tokens).some((word) => !own.has(word))) return false;
  const content = subjectWords(u);
  const ownCount = content.filter((word) => own.has(word)).length;
  if (!again && asksOfSomethingElse(u, aspect, previous, content, ownCount)) return false;
  const mayLeave =
    ownCount < content.length && routesToAnswer(u) && !asksAboutListedPaper(u, aspect, previous, content);
  if (mayLeave && switchesTopic(turn, u, previous, content, ownCount)) return false;
  const sibling = mayLeave ? siblingInContext(turn, previous, content, own) : undefined;
  answerWithEntry(turn, sibling ?? previous, aspect);
  return true;
}

/** A message this long or shorter that states an age is read as saying whose procedure it is. */
const AGE_REPLY_TOKENS = 8;
/** Words of an age bound in a title ("cho người từ đủ 14 tuổi trở lên"): siblings differ by them. */
const AGE_WORDS = new Set('tuoi duoi tren tro len du tu chua den cho nguoi tre em'.split(' '));

/**
 * "con tôi 10 tuổi" after a choice between the ID card for children and the one for people of 14 and
 * over, or after an answer on one of them: an age stated in a short message says which procedure of
 * the topic is meant. Among the choices, the only one for that age; after an answer for another age,
 * its sibling for that age (the active title's other words, with the age); after an answer for that
 * age, the same procedure (confirmed, not repeated). Undefined when no age, or when it settles nothing.
 */
function entryForStatedAge(
  turn: Turn,
  u: Understanding,
  candidates: readonly KnowledgeEntry[],
): KnowledgeEntry | undefined {
  if (u.text.tokens.length > AGE_REPLY_TOKENS) return undefined;
  const age = statedAge(u.text.foldedTokens);
  if (age === undefined) return undefined;
  const fits = (entry: KnowledgeEntry) => {
    const range = entryAgeRange(entry);
    return range === undefined ? undefined : !ageContradicts(age, range);
  };
  if (candidates.length > 1) {
    const fitting = candidates.filter((entry) => fits(entry) === true);
    return fitting.length === 1 && candidates.some((entry) => fits(entry) === false) ? fitting[0] : undefined;
  }
  const previous = turn.session.lastEntryId ? turn.deps.kb.get(turn.session.lastEntryId) : undefined;
  const fitsPrevious = previous ? fits(previous) : undefined;
  if (!previous || fitsPrevious === undefined) return undefined;
  if (fitsPrevious) return previous;
  const titleWords = titleNamingWords(normalise(previous.title).foldedTokens).filter(
    (word) => !AGE_WORDS.has(word) && !/^\d+$/u.test(word),
  );
  if (titleWords.length < 2) return undefined;
  const reading = normalise([...titleWords, String(Math.floor(age)), 'tuổi'].join(' '));
  return turn.deps.kb
    .search(reading, { k: DECISION_HITS })
    .map((hit) => hit.entry)
    .find((entry) => {
      if (entry.id === previous.id || fits(entry) !== true) return false;
      const names = entryWords(entry);
      return titleWords.every((word) => names.has(word));
    });
}

/** The aspects of an entry as quick replies (what a confirmation offers next). */
function answerAspectReplies(entry: KnowledgeEntry): QuickReply[] {
  return (Object.keys(ASPECT_LABEL) as Aspect[])
    .filter((aspect) => entry.aspects[aspect] !== undefined)
    .slice(0, 3)
    .map((aspect) => ({
      title: ASPECT_LABEL[aspect],
      payload: encodePayload({ type: 'aspect', entryId: entry.id, aspect }),
    }));
}

/**
 * The aspect a "… thì sao" message names: "còn lệ phí thì sao" names the fee, but the "sao" of
 * "người nước ngoài thì sao" is the same-again pattern, not a question on how the procedure is done.
 */
function aspectBeforeSameAgainTail(u: Understanding): Aspect | undefined {
  const named = u.entities.aspect;
  if (named !== 'steps' || !asksSameAgain(u.text.folded)) return named;
  const tokens = u.text.foldedTokens;
  const last = tokens.length - 1;
  const tail =
    tokens[last] === 'sao' && (tokens[last - 1] === 'thi' || tokens[last - 1] === 'ra') ? last - 1 : last;
  const stepsBefore = findAspectCues(u.text).some(
    (cue) => cue.aspect === 'steps' && cue.position + cue.phrase.split(' ').length <= tail,
  );
  return stepsBefore ? named : undefined;
}

/**
 * "người nước ngoài thì sao" after marriage registration: alone the message settles nothing (many
 * procedures concern foreigners), but read with the active title it names a sibling procedure
 * ("Đăng ký kết hôn có yếu tố nước ngoài"). The conversation moves there when that reading is not
 * ambiguous and the sibling refines the active procedure: it answers to every naming word of the
 * active title and to every word the message adds ("bằng mới" after re-issuing a licence does not
 * make "Đăng ký xe mới" a refinement of it).
 */
function siblingInContext(
  turn: Turn,
  previous: KnowledgeEntry,
  content: readonly string[],
  own: ReadonlySet<string>,
): KnowledgeEntry | undefined {
  const added = content.filter((word) => !own.has(word));
  if (added.length === 0) return undefined;
  // The title's naming words and the message's, not the whole title: a title typed in full would
  // win its own entry the whole-title bonus.
  const titleWords = titleNamingWords(normalise(previous.title).foldedTokens);
  const reading = normalise([...titleWords, ...content].join(' '));
  const hits = turn.deps.kb.search(reading, { k: DECISION_HITS });
  if (!isConfidentMatch(hits)) return undefined;
  const decision = decideAnswer(reading, hits);
  if (decision.decision !== 'answer') return undefined;
  const entry = decision.hit.entry;
  if (entry.id === previous.id || entry.kind === 'faq') return undefined;
  const names = entryWords(entry);
  // A refinement of the active procedure: its names say all that the active title names, and more.
  // Two naming words at least: a title of one would make every procedure that shares it a refinement.
  const refines = titleWords.length >= 2 && titleWords.every((word) => names.has(word));
  return refines && added.every((word) => names.has(word)) ? entry : undefined;
}

/**
 * "vốn điều lệ tối thiểu bao nhiêu" after opening a company: a bare "bao nhiêu" asks how much of what
 * the message names, not the procedure's fee, when none of its words (two or more) belongs to the
 * procedure's names or to its answer on that aspect. "mỗi trang bao nhiêu" after certified copies
 * still asks the fee ("trang" is in it).
 */
function asksOfSomethingElse(
  u: Understanding,
  aspect: Aspect,
  previous: KnowledgeEntry,
  content: readonly string[],
  ownCount: number,
): boolean {
  if (aspect !== 'fee' || content.length < 2 || ownCount > 0) return false;
  const cues = findAspectCues(u.text).filter((cue) => cue.aspect === aspect);
  if (cues.length === 0 || cues.some((cue) => cue.tier > 1)) return false;
  const said = aspectWords(previous, aspect);
  return !content.some((word) => said.includes(word));
}

/** Below this, a dossier-status reading of a message that names no dossier is not acted on. */
const WEAK_DOSSIER_GUESS = 0.6;

/**
 * "tính theo trang hay theo bản vậy ad" right after the fee of certified copies: a message the
 * classifier reads as a dossier question only weakly ("tính … trang" folds close to "tình trạng"),
 * that names no dossier, no code and no aspect, asks about the answer just given. Asking it for a
 * dossier code instead would lose the conversation. The topic checks that follow still apply: a
 * message naming another procedure moves to it.
 */
function sameAspectOnWeakGuess(turn: Turn, u: Understanding): Aspect | undefined {
  if (u.intent !== 'dossier_status' || u.confidence >= WEAK_DOSSIER_GUESS) return undefined;
  if (mentionsDossier(u.text.folded, u.text.raw)) return undefined;
  return turn.session.lastAspect;
}

/**
 * "có cần giấy khám sức khỏe không" after "đổi bằng lái": whether a paper the active procedure's own
 * list names is needed asks about that procedure, even when the paper has an entry of its own (the
 * health check). Only a yes/no question: "giấy xác nhận tình trạng hôn nhân cần gì" after marriage
 * registration asks how to get that paper, and may still move the conversation to it.
 */
function asksAboutListedPaper(
  u: Understanding,
  aspect: Aspect,
  previous: KnowledgeEntry,
  content: readonly string[],
): boolean {
  if (aspect !== 'documents' || content.length === 0 || !asksWhetherNeeded(u.text.foldedTokens)) return false;
  const listed = aspectWords(previous, 'documents');
  return listed.some((_, start) => content.every((word, i) => listed[start + i] === word));
}

/** Folded syllables of an entry's answer on an aspect, kept per entry (entries are kept while loaded). */
const ASPECT_WORDS = new WeakMap<KnowledgeEntry, Partial<Record<Aspect, readonly string[]>>>();
function aspectWords(entry: KnowledgeEntry, aspect: Aspect): readonly string[] {
  let byAspect = ASPECT_WORDS.get(entry);
  if (!byAspect) {
    byAspect = {};
    ASPECT_WORDS.set(entry, byAspect);
  }
  byAspect[aspect] ??= normalise(entry.aspects[aspect] ?? '').foldedTokens;
  return byAspect[aspect];
}

/**
 * Whether leaving the active topic can lead anywhere: a message the classifier reads as out of scope,
 * or as a wish for a person without asking for one in words (an explicit ask was handed off before
 * any topic is looked at), is routed to no answer at all. "mỗi trang bao nhiêu" after a question on
 * certified copies, or "có cần có mặt trực tiếp không hay nhờ người nhà" after one on the ID card,
 * asks about the active procedure even when a word of it ("mới" for an unmarked "moi", "người")
 * also names something else.
 */
function routesToAnswer(u: Understanding): boolean {
  return u.intent !== 'out_of_scope' && u.intent !== 'human_handoff';
}

/** The message's content words, without those of its aspect cues ("qua vneid", "có mặt"). */
export function subjectWords(u: Understanding): string[] {
  return contentWords(foldedOutsideAspectCues(u.text));
}

/**
 * Words outside the active procedure: the topic changes only when the message, read alone, names
 * another entry (or a choice of others) and that entry answers to more of its words than the active one.
 */
function switchesTopic(
  turn: Turn,
  u: Understanding,
  previous: KnowledgeEntry,
  content: string[],
  ownCount: number,
): boolean {
  const hits = searchOnce(turn, u);
  // A message that fits nothing well on its own does not move the conversation elsewhere.
  if (!isConfidentMatch(hits)) return false;
  const decision = decideAnswer(u.text, hits);
  // A general FAQ ("nộp trực tuyến có được giảm phí không") never displaces the procedure asked about.
  const rivals = (
    decision.decision === 'answer' ? [decision.hit] : decision.decision === 'choose' ? decision.hits : []
  ).filter((h) => h.entry.kind !== 'faq');
  if (rivals.length === 0 || rivals.some((h) => h.entry.id === previous.id)) return false;
  // The rival must answer to more of the message's words than the active entry, and to most of them.
  return rivals.some((h) => {
    const names = entryWords(h.entry);
    const count = content.filter((word) => names.has(word)).length;
    return count > ownCount && count * 2 >= content.length && count >= Math.min(2, content.length);
  });
}

/** "2", "cái đầu", or the one choice whose name holds a word of the message that the others lack. */
function pickFromChoices(candidates: KnowledgeEntry[], u: Understanding): KnowledgeEntry | undefined {
  const n = choiceFromWords(u.text.folded);
  if (n !== undefined) return n === -1 ? candidates.at(-1) : candidates[n - 1];
  const words = contentWords(u.text.foldedTokens);
  if (words.length === 0 || words.length > 6) return undefined;
  const names = candidates.map((entry) => entryWords(entry));
  const telling = names.flatMap((mine, i) =>
    words.some((w) => mine.has(w) && names.every((other, j) => j === i || !other.has(w))) ? [i] : [],
  );
  return telling.length === 1 ? candidates[telling[0] ?? -1] : undefined;
}

function entriesOf(turn: Turn, ids: readonly string[] | undefined): KnowledgeEntry[] {
  return (ids ?? []).map((id) => turn.deps.kb.get(id)).filter((e): e is KnowledgeEntry => e !== undefined);
}

/** Candidates offered again, under their plain titles (told apart where cutting makes them alike). */
const labelled = (candidates: readonly KnowledgeEntry[]) => {
  const labels = choiceLabels(candidates.map((entry) => entry.plainTitle ?? entry.title));
  return candidates.map((entry, i) => ({ entry, label: labels[i] ?? entry.title }));
};

/** Close candidates: the citizen picks one with a quick reply; the asked aspect travels with it. */
function askWhichOne(
  turn: Turn,
  choices: { entry: KnowledgeEntry; label: string }[],
  aspect: Aspect | undefined,
  lead = 'Bạn muốn hỏi thủ tục nào dưới đây ạ?',
): void {
  turn.session.lastCandidates = choices.map((c) => c.entry.id);
  turn.session.lastEntryId = undefined;
  turn.say(lead, {
    quickReplies: choices.map(({ entry, label }) => ({
      title: label,
      payload: aspect
        ? encodePayload({ type: 'aspect', entryId: entry.id, aspect })
        : encodePayload({ type: 'entry', entryId: entry.id }),
    })),
  });
}

/** Kept (masked) for the team that improves the knowledge base; once per citizen message. */
export function recordUnanswered(turn: Turn, u: Understanding): void {
  turn.effect({
    kind: 'record_unanswered',
    id: turn.userMessageId,
    question: {
      // The whole message, also when only its question part was searched (engine.ts, askedPart).
      text: redactText((turn.nlu ?? u).text.raw).slice(0, 500),
      intent: u.intent,
      confidence: u.confidence,
      channel: turn.session.ref.channel,
      createdAt: turn.now.toISOString(),
    },
  });
}
