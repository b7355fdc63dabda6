import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchNlu } from '../bench';
import { checkAspects } from '../eval/aspect-check';
import { confusionSvg } from '../eval/confusion-svg';
import { crossValidate, trainAndTest } from '../eval/cross-validate';
import { projectEngine } from '../eval/engines';
import { computeMetrics } from '../eval/metrics';
import {
  confusionTable,
  histogramTable,
  latencySummary,
  misclassifiedTable,
  pct,
  perIntentTable,
  REPORT_SECTIONS,
  summaryTable,
  variantMetrics,
  writeReportSection,
} from '../eval/report';
import { IntentNlu } from '../intent-nlu';
import { readIntentModel } from '../load-model';
import { INTENTS } from '../taxonomy';
import { readCatalogueTitles } from '../training/catalogue-titles';
import { HOLDOUT_DIR, loadTrainingData, readLabelledTsv } from '../training/labelled-data';
import { trainIntentModel } from '../training/train-intent-model';

/**
 * `npm run nlu:eval`: k-fold cross-validation of intents/data, the held-out check, the entity check
 * and speed, written to docs/nlu-report.md and docs/nlu-confusion.svg.
 * `npm run nlu:eval -- --train A.tsv --test B.tsv`: the same engine on any labelled files, printed.
 */
const { values } = parseArgs({
  options: {
    train: { type: 'string', multiple: true },
    test: { type: 'string', multiple: true },
    folds: { type: 'string', default: '5' },
    seed: { type: 'string', default: '42' },
    report: { type: 'string' },
    'no-speed': { type: 'boolean', default: false },
  },
});

const root = new URL('../../', import.meta.url).pathname;
const labels = [...INTENTS];
const lexiconTexts = readCatalogueTitles();
const engine = projectEngine({ lexiconTexts });
const log = (message: string) => console.error(message);

/** The held-out files and how each came to be (read before trusting its figure). */
const HOLDOUT_FILES: readonly [string, string][] = [
  [
    'citizen-messages.tsv',
    'Written in one sitting before any training (formal letters, elderly phrasing, terse fragments, English ' +
      'loanwords). After its first measurement its misses were read and two general fixes followed (a ' +
      '"cảm ơn" opening is no longer treated like a greeting; more "cảm ơn + reason" and English closing ' +
      'phrasings, none of them its own messages), so it is no longer blind.',
  ],
  [
    'citizen-messages-2.tsv',
    'Written after that, before any further tuning, and never used to tune: speech-to-text without ' +
      'punctuation, South-Central regional words (răng, chi, mô, rứa, dị, hông), long context, business ' +
      'correspondence. Blind.',
  ],
  [
    'citizen-messages-3.tsv',
    'Written in one sitting before any tuning, never used to tune: short openers, rambling, no marks and ' +
      'Zalo shorthand, elderly and business phrasing, off-topic chat that uses public-service words, ' +
      'complaint versus status. Blind; a trial of more training data that lowered file 1 was reverted.',
  ],
];

async function trainTestMode(trainFiles: string[], testFiles: string[]): Promise<void> {
  const train = trainFiles.flatMap(readLabelledTsv);
  const test = testFiles.flatMap(readLabelledTsv);
  log(`training on ${train.length} messages, testing on ${test.length}`);
  const run = await trainAndTest(engine, train, test);
  const metrics = variantMetrics(run, labels);
  const text = [
    `# NLU evaluation: ${trainFiles.join(', ')} → ${testFiles.join(', ')}`,
    '',
    summaryTable(run, labels),
    '',
    `Latency: ${latencySummary(run)}.`,
    '',
    '## Per intent',
    '',
    perIntentTable(run, labels),
    '',
    '## Confusion matrix',
    '',
    confusionTable(metrics.clean),
    '',
    '## Confidence',
    '',
    histogramTable(run.results.clean),
    '',
    '## Misclassified',
    '',
    misclassifiedTable(run.results.clean),
    '',
  ].join('\n');
  if (values.report) writeFileSync(values.report, text);
  else process.stdout.write(text);
}

function measureCli(lines: readonly string[]): string {
  if (!existsSync(`${root}knowledge/index.ts`)) return 'not measured: knowledge/index.ts is not there yet.';
  const input = `${lines.join('\n')}\n`;
  const started = performance.now();
  const result = spawnSync('npm', ['run', '--silent', 'nlu'], { cwd: root, input, encoding: 'utf8' });
  const ms = performance.now() - started;
  const outputLines = result.stdout.split('\n').filter((l) => l !== '').length;
  return `${lines.length} lines → ${outputLines} JSON lines, exit ${result.status}, ${(ms / 1000).toFixed(2)} s wall time including npm, tsx and knowledge-base start-up`;
}

async function crossValidationMode(): Promise<void> {
  const reportPath = values.report ?? `${root}docs/nlu-report.md`;
  const svgPath = `${root}docs/nlu-confusion.svg`;
  const folds = Number(values.folds);
  const seed = Number(values.seed);
  const messages = loadTrainingData();
  log(`${folds}-fold cross-validation of ${messages.length} messages`);
  const run = await crossValidate(engine, messages, {
    folds,
    seed,
    onFold: (f) => log(`  fold ${f}/${folds}`),
  });
  const metrics = variantMetrics(run, labels);
  writeFileSync(svgPath, confusionSvg(metrics.clean, `Intent confusion, ${folds}-fold cross-validation`));

  const perIntentCount = labels
    .map((l) => `${l} ${messages.filter((m) => m.intent === l).length}`)
    .join(', ');
  writeReportSection(
    reportPath,
    'eval',
    [
      `## Cross-validation (${folds}-fold, stratified, seed ${seed})`,
      '',
      `${messages.length} labelled messages in intents/data (${perIntentCount}). Each fold model is`,
      'trained exactly as `npm run nlu:train` does (lexicon, unmarked copies, inner-fold calibration),',
      'serialised to JSON and loaded back, then asked about the messages it never saw: as written,',
      'with every mark removed, in decomposed Unicode, and with one keyboard slip.',
      '',
      summaryTable(run, labels),
      '',
      `Mean training time per fold ${(run.trainMs.reduce((a, b) => a + b, 0) / run.trainMs.length / 1000).toFixed(1)} s; ${latencySummary(run)}.`,
      '',
      '### Per intent',
      '',
      perIntentTable(run, labels),
      '',
      '### Confusion matrix',
      '',
      '![confusion matrix](nlu-confusion.svg)',
      '',
      confusionTable(metrics.clean),
      '',
      '### Confidence (calibrated) histogram',
      '',
      histogramTable(run.results.clean),
      '',
      '### Misclassified messages (as written), most confident first',
      '',
      misclassifiedTable(run.results.clean),
      '',
      '### Misclassified only once the marks are removed',
      '',
      misclassifiedTable(
        run.results.unmarked.filter((s, i) => run.results.clean[i]?.predicted === s.expected),
        40,
      ),
    ].join('\n'),
    REPORT_SECTIONS,
  );

  // The held-out checks: a model trained on all of intents/data, asked about messages written apart.
  log('held-out checks');
  const holdoutParts: string[] = [
    '## Held-out checks',
    '',
    'Messages written apart from the training data, in styles it avoids. No model is ever trained on them',
    '(`npm run nlu:train` refuses the folder) and no miss is fixed by copying it into the training data.',
    'Caveat: the same engineer wrote the training data and these files, so they are an optimistic',
    'estimate of accuracy on messages from real citizens.',
  ];
  const holdoutAccuracy: string[] = [];
  const holdoutRows: string[] = [];
  for (const [file, description] of HOLDOUT_FILES) {
    const run = await trainAndTest(engine, messages, readLabelledTsv(`${HOLDOUT_DIR}${file}`));
    const m = variantMetrics(run, labels);
    holdoutAccuracy.push(`${file} ${pct(m.clean.accuracy)} / unmarked ${pct(m.unmarked.accuracy)}`);
    holdoutRows.push(
      `| held-out ${file} (${m.clean.total}) | ${pct(m.clean.accuracy)} | ${pct(m.unmarked.accuracy)} | ${pct(m.nfd.accuracy)} | ${pct(m.typo.accuracy)} |`,
    );
    holdoutParts.push(
      '',
      `### intents/data/holdout/${file} (${m.clean.total} messages)`,
      '',
      description,
      '',
      summaryTable(run, labels),
      '',
      misclassifiedTable(run.results.clean),
      '',
      'Misclassified once the marks are removed:',
      '',
      misclassifiedTable(run.results.unmarked),
    );
  }
  writeReportSection(reportPath, 'holdout', holdoutParts.join('\n'), REPORT_SECTIONS);

  // Entities, through the whole chain of a model trained on all the data.
  const nlu = new IntentNlu(trainIntentModel(messages, { lexiconTexts, calibrationFolds: 0 }));
  const aspects = checkAspects(`${HOLDOUT_DIR}aspects.tsv`, nlu);
  writeReportSection(
    reportPath,
    'entities',
    [
      '## Entities',
      '',
      `Aspect on intents/data/holdout/aspects.tsv: ${aspects.correct}/${aspects.total} (${pct(aspects.correct / aspects.total)}) as written,`,
      `${aspects.correctUnmarked}/${aspects.total} (${pct(aspects.correctUnmarked / aspects.total)}) without marks.`,
      'The cue list was written with that file in view, so this is not a blind estimate; the unit tests',
      '(tests/unit/intents/aspect.test.ts) hold further cases.',
      '',
      ...(aspects.misses.length > 0
        ? [
            '| message | expected | found |',
            '|---|---|---|',
            ...aspects.misses.map((m) => `| ${m.text} | ${m.expected} | ${m.found ?? '–'} |`),
          ]
        : ['No misses.']),
      '',
      'Dossier codes, phones, citizen ids and places are covered by table tests in tests/unit/intents/.',
    ].join('\n'),
    REPORT_SECTIONS,
  );

  if (!values['no-speed']) {
    log('speed');
    const modelPath = `${root}intents/model/model.json`;
    const loads: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      new IntentNlu(readIntentModel(modelPath));
      loads.push(performance.now() - started);
    }
    const shipped = new IntentNlu(readIntentModel(modelPath));
    const texts = messages.map((m) => m.text);
    const bench = benchNlu(texts, shipped);
    const thousand = Array.from({ length: 1000 }, (_, i) => texts[i % texts.length] ?? '');
    writeReportSection(
      reportPath,
      'speed',
      [
        '## Speed and size (shipped model)',
        '',
        `- model files: ${(modelBytes(modelPath) / 1024).toFixed(0)} KiB (JSON and weights)`,
        `- load (read, parse, validate, build): first ${loads[0]?.toFixed(1)} ms, then ${loads
          .slice(1)
          .map((l) => l.toFixed(1))
          .join(' / ')} ms (in-process, so warm after the first)`,
        `- \`understand\`, warm: p50 ${bench.p50Ms.toFixed(3)} ms, p99 ${bench.p99Ms.toFixed(3)} ms, mean ${bench.meanMs.toFixed(3)} ms over ${bench.count} calls`,
        `- \`npm run --silent nlu\`: ${measureCli(thousand)}`,
      ].join('\n'),
      REPORT_SECTIONS,
    );
  }
  const m = computeMetrics(run.results.clean, labels);
  writeReportSection(
    reportPath,
    'summary',
    [
      '## Summary',
      '',
      '| messages | accuracy | without marks | NFD | one typo |',
      '|---|---:|---:|---:|---:|',
      `| ${folds}-fold cross-validation of intents/data (${messages.length}) | ${pct(metrics.clean.accuracy)} | ${pct(metrics.unmarked.accuracy)} | ${pct(metrics.nfd.accuracy)} | ${pct(metrics.typo.accuracy)} |`,
      ...holdoutRows,
      '',
      `Aspect extraction on the held-out aspect file: ${pct(aspects.correct / aspects.total)} (${pct(aspects.correctUnmarked / aspects.total)} without marks).`,
      'Speed, size and the comparison with `natural` and NLP.js are further down.',
    ].join('\n'),
    REPORT_SECTIONS,
  );
  log(
    `cross-validated accuracy ${pct(m.accuracy)}, unmarked ${pct(metrics.unmarked.accuracy)}; held-out ${holdoutAccuracy.join('; ')}; aspects ${pct(aspects.correct / aspects.total)}`,
  );
  log(`wrote ${reportPath} and ${svgPath}`);
}

if (values.train || values.test) {
  if (!values.train || !values.test) throw new Error('give both --train and --test');
  await trainTestMode(values.train, values.test);
} else {
  await crossValidationMode();
}

/** The model's JSON and the weights file it names. */
function modelBytes(modelPath: string): number {
  const json = JSON.parse(readFileSync(modelPath, 'utf8')) as { weights?: string };
  return (
    statSync(modelPath).size + (json.weights ? statSync(join(dirname(modelPath), json.weights)).size : 0)
  );
}
