import { askedText } from '../../knowledge/retrieval/asked-part';
import { DECISION_HITS, type Decision, decideAnswer } from '../../knowledge/retrieval/decision';
import type { KnowledgeBase } from '../../knowledge/schema';
import { type Entities, type IntentId, WHOLE_MESSAGE_INTENTS } from '../taxonomy';
import type { Nlu } from '../types';

/** One output line of `npm run nlu`, as ../shared/contract/nlu.md fixes it. */
export interface NluLine {
  text: string;
  intent: IntentId;
  confidence: number;
  entities: Entities;
  decision: Decision;
  answers: { id: string; code?: string; title: string; score: number }[];
}

const MAX_ANSWERS = 3;
/**
 * Intents that ask nothing of the knowledge base: a confident "xin chào" or "cảm ơn" gets no answers
 * rather than whatever procedure shares a syllable with it ("Chào bán chứng quyền…"). Below the
 * confidence bar the answers stay, in case the message was a question after all.
 */
const NO_KNOWLEDGE: ReadonlySet<IntentId> = new Set([
  'greeting',
  'goodbye',
  'thanks',
  'human_handoff',
  'bot_feedback',
  'out_of_scope',
]);
const NO_KNOWLEDGE_CONFIDENCE = 0.8;

/**
 * Understands one input line. An empty line is out_of_scope with no answers, not an error. The
 * knowledge base is searched with the normalised, shorthand-expanded text ("cccd" → "căn cước công
 * dân"), which is what `Understanding.text` is for.
 */
export function understandLine(line: string, nlu: Nlu, knowledge: Pick<KnowledgeBase, 'search'>): NluLine {
  const text = line.replace(/\r$/u, '');
  const understanding = nlu.understand(text);
  const hasWords = understanding.text.tokens.length > 0;
  const chitChat =
    NO_KNOWLEDGE.has(understanding.intent) && understanding.confidence >= NO_KNOWLEDGE_CONFIDENCE;
  // The part asked about, as the chat reads it ("báo mất xong thì làm hộ chiếu mới ở đâu").
  const asked =
    hasWords && !chitChat && !WHOLE_MESSAGE_INTENTS.has(understanding.intent)
      ? askedText(understanding.text, knowledge)
      : understanding.text;
  const hits = hasWords && !chitChat ? knowledge.search(asked, { k: DECISION_HITS }) : [];
  // The chat's own decision on these hits (knowledge/retrieval/decision.ts), not a second copy of it.
  const { decision } = decideAnswer(asked, hits);
  const answers = hits.slice(0, MAX_ANSWERS).map((hit) => ({
    id: hit.id,
    ...(hit.code ? { code: hit.code } : {}),
    title: hit.title,
    score: Math.round(hit.score * 100) / 100,
  }));
  return {
    text,
    intent: understanding.intent,
    confidence: understanding.confidence,
    entities: understanding.entities,
    decision,
    answers,
  };
}
