import type { RankedIntent } from './classifier/intent-classifier';
import { IntentClassifier } from './classifier/intent-classifier';
import type { IntentModel } from './classifier/intent-model';
import { extractEntities } from './entities/extract-entities';
import type { NormalisedText } from './normalise';
import { prepareText } from './prepare-text';
import { withoutLeadingSalutation, withoutOpener } from './salutation';
import type { IntentId } from './taxonomy';
import type { Nlu, Understanding } from './types';
import { deserialiseLexicon, type Lexicon } from './typo/lexicon';

const ALTERNATIVES = 3;
/**
 * Intents a salutation alone would get. When a message classified as one of them opens with a
 * greeting, what follows the greeting may say what the message is really about.
 */
const SOCIAL: ReadonlySet<IntentId> = new Set(['greeting', 'thanks', 'goodbye']);
/** Intents for which "which part of a procedure" means nothing: their aspect cues are noise. */
const NO_ASPECT: ReadonlySet<IntentId> = new Set([
  'greeting',
  'goodbye',
  'thanks',
  'help',
  'human_handoff',
  'bot_feedback',
  'out_of_scope',
]);
/** How sure the classifier must be about the rest of the message to overrule the salutation. */
const REST_CONFIDENCE = 0.5;
const round = (value: number): number => Math.round(value * 10_000) / 10_000;

/**
 * The NLU layer: prepare the text, classify, fall back to out_of_scope under the threshold,
 * extract the entities. Pure and synchronous once the model is loaded.
 */
export class IntentNlu implements Nlu {
  private readonly classifier: IntentClassifier;
  private readonly lexicon: Lexicon;

  constructor(model: IntentModel) {
    this.classifier = new IntentClassifier(model);
    this.lexicon = deserialiseLexicon(model.lexicon);
  }

  understand(message: string): Understanding {
    const text = prepareText(message, this.lexicon);
    const entities = extractEntities(text);
    if (text.tokens.length === 0) {
      return { intent: 'out_of_scope', confidence: 1, entities, text, alternatives: [] };
    }
    // "Đề nghị cho biết…", "Xin hỏi…", "cho em hỏi…": the opener says nothing about the subject. The
    // rest decides, unless it alone reads as nothing ("ad ơi, bạn có đó không" stays a greeting).
    const rest = withoutOpener(text);
    const restRanked = rest ? this.rankWithSalutation(rest) : undefined;
    const useRest = restRanked?.[0] !== undefined && restRanked[0].intent !== 'out_of_scope';
    const ranked = useRest && restRanked ? restRanked : this.rankWithSalutation(text);
    const top = ranked[0] ?? { intent: 'out_of_scope' as IntentId, confidence: 0 };
    // Under the threshold the classifier is guessing: answer as out of scope, with the confidence
    // that the guess is wrong, and keep the guesses as alternatives for analytics and staff.
    const fallback = top.intent !== 'out_of_scope' && top.confidence < this.classifier.fallbackThreshold;
    const intent: IntentId = fallback ? 'out_of_scope' : top.intent;
    const confidence = fallback ? 1 - top.confidence : top.confidence;
    const alternatives = ranked
      .filter((candidate) => candidate.intent !== intent)
      .slice(0, ALTERNATIVES)
      .map((candidate) => ({ intent: candidate.intent, confidence: round(candidate.confidence) }));
    if (NO_ASPECT.has(intent)) delete entities.aspect;
    // Retrieval reads the message without its opener ("đề nghị" is also a word of procedure titles).
    const searched = useRest && rest ? rest : text;
    return { intent, confidence: round(confidence), entities, text: searched, alternatives };
  }

  /**
   * "Chào ad, cho hỏi làm sổ đỏ cần gì" is procedure_info: when the whole message looks social and
   * it opens with a salutation, the rest is classified alone and wins if it confidently says more.
   */
  private rankWithSalutation(text: NormalisedText): RankedIntent[] {
    const ranked = this.classifier.rank(text);
    const top = ranked[0];
    if (!top || !SOCIAL.has(top.intent)) return ranked;
    const rest = withoutLeadingSalutation(text);
    if (!rest) return ranked;
    const restRanked = this.classifier.rank(rest);
    const restTop = restRanked[0];
    const threshold = Math.max(REST_CONFIDENCE, this.classifier.fallbackThreshold);
    // Out of scope stays out: "chào bạn, bạn có đó không" is still a greeting.
    const says = restTop && !SOCIAL.has(restTop.intent) && restTop.intent !== 'out_of_scope';
    return says && restTop.confidence >= threshold ? restRanked : ranked;
  }
}
