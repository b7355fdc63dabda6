/**
 * `npm run eval:conversations [-- --json report.json] [--verbose] [--category 05-facts] [--clock <ISO instant>]`
 *
 * Scripted multi-turn conversations against the real engine (the model and the knowledge base the
 * chat ships with, the conversation service on in-memory tables, a fixed clock). Reports the four
 * figures of issue 13 overall and per category; facts are checked against the catalogue record.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadNlu } from '../intents';
import { loadKnowledgeBase } from '../knowledge/knowledge-base';
import { loadCatalogue } from './conversation-eval/catalogue';
import { formatFailures, formatTable } from './conversation-eval/report';
import { DEFAULT_START, loadConversationFiles, runEvaluation } from './conversation-eval/run';

const { values } = parseArgs({
  options: {
    json: { type: 'string' },
    verbose: { type: 'boolean', default: false },
    dir: { type: 'string', default: 'tests/conversations' },
    clock: { type: 'string' },
    category: { type: 'string' },
  },
});

const files = loadConversationFiles(values.dir).filter(
  (f) => !values.category || f.category === values.category,
);
if (files.length === 0)
  throw new Error(`no conversations${values.category ? ` in category ${values.category}` : ''}`);
const start = values.clock ? new Date(values.clock) : DEFAULT_START;
if (Number.isNaN(start.getTime())) throw new Error(`--clock: not a date: ${values.clock}`);
const report = await runEvaluation(
  files,
  { nlu: loadNlu(), kb: loadKnowledgeBase() },
  loadCatalogue(),
  start,
);
if (values.verbose) console.log(`${formatFailures(report)}\n`);
console.log(formatTable(report));
if (values.json) {
  writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nreport written to ${values.json}`);
}
