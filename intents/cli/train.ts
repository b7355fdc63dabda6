import { parseArgs } from 'node:util';
import { readIntentModel, writeIntentModel } from '../load-model';
import { readCatalogueTitles } from '../training/catalogue-titles';
import { assertNotHoldout, loadTrainingData, readLabelledTsv } from '../training/labelled-data';
import { trainIntentModel } from '../training/train-intent-model';

/**
 * `npm run nlu:train [-- --data file.tsv ... --out path]`: trains the intent model on intents/data
 * (or the given files) and writes the model that `loadNlu()` ships (the JSON and its weights file). Progress goes to stderr.
 */
const { values } = parseArgs({
  options: {
    data: { type: 'string', multiple: true },
    out: { type: 'string', default: new URL('../model/model.json', import.meta.url).pathname },
    catalogue: { type: 'string' },
  },
});

const started = performance.now();
const files = values.data ?? [];
for (const file of files) assertNotHoldout(file);
const messages = files.length > 0 ? files.flatMap(readLabelledTsv) : loadTrainingData();
const lexiconTexts = readCatalogueTitles(values.catalogue);
console.error(
  `training on ${messages.length} messages (+${lexiconTexts.length} catalogue titles for the lexicon)`,
);

const model = trainIntentModel(messages, { lexiconTexts });
writeIntentModel(values.out, model);
readIntentModel(values.out); // fail now, not at cold start, if the file does not validate
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.error(
  `wrote ${values.out}: ${model.features.length} features × ${model.labels.length} intents, ` +
    `temperature ${model.temperature}, fallback threshold ${model.fallbackThreshold}, ${seconds} s`,
);
