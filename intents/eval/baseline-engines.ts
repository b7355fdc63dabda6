import { createRequire } from 'node:module';
import { foldDiacritics } from '../normalise';
import { prepareText } from '../prepare-text';
import { type IntentId, isIntentId } from '../taxonomy';
import type { LabelledMessage } from '../training/labelled-data';
import type { IntentEngine } from './engines';

/**
 * The classifiers this project's model is measured against, trained on the same folds:
 * `natural`'s naive Bayes and logistic regression (its modules imported by path, as the design asks)
 * and NLP.js (`node-nlp`'s NlpManager). Evaluation-time only: nothing here is bundled.
 */
const require = createRequire(import.meta.url);

interface NaturalClassification {
  label: string;
  value: number;
}
interface NaturalClassifier {
  addDocument(tokens: string[], label: string): void;
  train(): void;
  getClassifications(tokens: string[]): NaturalClassification[];
}
interface NaturalClassifierClass {
  new (stemmer: NaturalStemmer): NaturalClassifier;
  restore(data: unknown, stemmer: NaturalStemmer): NaturalClassifier;
}
/** natural tokenises through its "stemmer"; ours hands it this project's syllable features. */
interface NaturalStemmer {
  tokenizeAndStem(text: string): string[];
}

/** Syllable unigrams and bigrams of the folded and the accented forms, after our normaliser. */
export function syllableNgrams(text: string, unigramsOnly = false): string[] {
  const prepared = prepareText(text);
  const features = new Set<string>();
  const forms = [prepared.foldedTokens, prepared.tokens];
  for (const [f, tokens] of forms.entries()) {
    tokens.forEach((token, i) => {
      features.add(`${f}:${token}`);
      if (!unigramsOnly && i + 1 < tokens.length) features.add(`${f}:${token}_${tokens[i + 1]}`);
    });
  }
  return [...features];
}

function toIntent(label: string | undefined): IntentId {
  return label !== undefined && isIntentId(label) ? label : 'out_of_scope';
}

function naturalEngine(name: string, modulePath: string, unigramsOnly: boolean): IntentEngine {
  const Classifier = require(modulePath) as NaturalClassifierClass;
  const stemmer: NaturalStemmer = { tokenizeAndStem: (text) => syllableNgrams(text, unigramsOnly) };
  return {
    name,
    async train(messages: readonly LabelledMessage[]) {
      const classifier = new Classifier(stemmer);
      for (const m of messages) classifier.addDocument(syllableNgrams(m.text, unigramsOnly), m.intent);
      classifier.train();
      const json = JSON.stringify(classifier);
      const started = performance.now();
      const restored = Classifier.restore(JSON.parse(json), stemmer);
      const loadMs = performance.now() - started;
      return {
        loadMs,
        modelBytes: Buffer.byteLength(json),
        predict: (text) => {
          const ranked = restored.getClassifications(syllableNgrams(text, unigramsOnly));
          const total = ranked.reduce((sum, c) => sum + (Number.isFinite(c.value) ? c.value : 0), 0);
          const top = ranked[0];
          return {
            intent: toIntent(top?.label),
            confidence: top && total > 0 ? top.value / total : 0,
          };
        },
      };
    },
  };
}

/** natural's BayesClassifier over syllable unigrams and bigrams of both forms. */
export const naturalBayesEngine = (): IntentEngine =>
  naturalEngine('natural BayesClassifier', 'natural/lib/natural/classifiers/bayes_classifier', false);

/**
 * natural's LogisticRegressionClassifier. It trains one-vs-rest by full-batch gradient descent on
 * dense matrices (sylvester), so it is given unigrams only: with bigrams it does not finish in
 * reasonable time on this data.
 */
export const naturalLogisticEngine = (): IntentEngine =>
  naturalEngine(
    'natural LogisticRegressionClassifier (unigrams)',
    'natural/lib/natural/classifiers/logistic_regression_classifier',
    true,
  );

interface NlpJsResult {
  intent: string;
  score: number;
}
interface NlpJsManager {
  addDocument(locale: string, utterance: string, intent: string): void;
  train(): Promise<unknown>;
  process(locale: string, utterance: string): Promise<NlpJsResult>;
  export(minified?: boolean): string;
  import(data: string): void;
}
type NlpJsManagerClass = new (settings: Record<string, unknown>) => NlpJsManager;

/**
 * NLP.js as its users run it: NlpManager, language 'vi' (it has no Vietnamese stemmer; it falls back
 * to its generic tokeniser and normaliser, which also strips marks). With `ourNormaliser`, the text
 * first goes through this project's chain (shorthand, typo correction off), to tell what the
 * normaliser alone is worth.
 */
export function nlpJsEngine(ourNormaliser = false): IntentEngine {
  const { NlpManager } = require('node-nlp') as { NlpManager: NlpJsManagerClass };
  const settings = { languages: ['vi'], autoSave: false, autoLoad: false, nlu: { log: false } };
  const view = (text: string) => (ourNormaliser ? foldDiacritics(prepareText(text).accented) : text);
  return {
    name: ourNormaliser ? 'NLP.js NlpManager + this normaliser' : 'NLP.js NlpManager',
    async train(messages: readonly LabelledMessage[]) {
      const manager = new NlpManager(settings);
      for (const m of messages) {
        const text = view(m.text);
        if (text.trim() !== '') manager.addDocument('vi', text, m.intent);
      }
      await manager.train();
      const json = manager.export(true);
      const started = performance.now();
      const loaded = new NlpManager(settings);
      loaded.import(json);
      const loadMs = performance.now() - started;
      return {
        loadMs,
        modelBytes: Buffer.byteLength(json),
        predict: async (text) => {
          const result = await loaded.process('vi', view(text));
          return {
            intent: toIntent(result.intent === 'None' ? undefined : result.intent),
            confidence: result.score,
          };
        },
      };
    },
  };
}
