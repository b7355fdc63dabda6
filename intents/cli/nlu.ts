import { createInterface } from 'node:readline';
import { loadKnowledgeBase } from '../../knowledge/index';
import { loadNlu } from '../index';
import { understandLine } from './nlu-lines';

/**
 * `npm run --silent nlu`: one message per line on stdin, one JSON object per line on stdout, in
 * order (../shared/contract/nlu.md). Nothing else goes to stdout; timings go to stderr, never the
 * messages themselves (they may hold phone numbers and citizen ids).
 */
const started = performance.now();
const nlu = loadNlu();
const knowledge = loadKnowledgeBase();
const loadedMs = performance.now() - started;

const output: string[] = [];
let count = 0;
const flush = () => {
  if (output.length > 0) process.stdout.write(`${output.join('\n')}\n`);
  output.length = 0;
};

const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
lines.on('line', (line) => {
  output.push(JSON.stringify(understandLine(line, nlu, knowledge)));
  count++;
  if (output.length >= 256) flush();
});
lines.on('close', () => {
  flush();
  const totalMs = performance.now() - started;
  console.error(
    `nlu: ${count} lines, models loaded in ${loadedMs.toFixed(0)} ms, ${totalMs.toFixed(0)} ms in all`,
  );
});
