/**
 * `npm test`: everything, in the order that fails fastest — type check, lint, the knowledge-base
 * check, then every vitest suite (unit, integration against the embedded store, CDK assertions,
 * HTTP end-to-end against a started server, and the real-browser tests). Ends with one plain
 * "N passed, N failed" line.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

interface Step {
  name: string;
  cmd: string[];
}

const steps: Step[] = [
  { name: 'type check', cmd: ['npx', 'tsc', '--noEmit', '-p', '.'] },
  { name: 'lint', cmd: ['npx', 'biome', 'check', '.'] },
  { name: 'knowledge base check', cmd: ['npx', 'tsx', 'knowledge/cli/check.ts'] },
];

const started = Date.now();
let failedSteps = 0;
for (const step of steps) {
  const t = Date.now();
  console.log(`\n▶ ${step.name}`);
  const r = spawnSync(step.cmd[0] as string, step.cmd.slice(1), { stdio: 'inherit' });
  const ok = r.status === 0;
  console.log(`${ok ? '✔' : '✘'} ${step.name} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  if (!ok) failedSteps++;
}

mkdirSync('reports/tmp', { recursive: true });
const resultsFile = 'reports/tmp/vitest.json';
rmSync(resultsFile, { force: true });
console.log('\n▶ vitest (unit, integration, infra, e2e, browser)');
const extra = process.argv.slice(2);
const vitest = spawnSync(
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${resultsFile}`, ...extra],
  {
    stdio: 'inherit',
    env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
  },
);

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(resultsFile)) {
  const r = JSON.parse(readFileSync(resultsFile, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  passed = r.numPassedTests;
  failed = r.numFailedTests;
  skipped = r.numPendingTests + r.numTodoTests;
}
if (vitest.status !== 0 && failed === 0) failed = 1;
failed += failedSteps;
console.log(
  `\nnpm test finished in ${((Date.now() - started) / 1000).toFixed(0)} s${failedSteps ? ` (${failedSteps} check step(s) failed)` : ''}`,
);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
