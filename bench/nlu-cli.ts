import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readTrainingMessages } from './lib/corpus';
import { round } from './lib/stats';

export type NluCliBench =
  | {
      lines: number;
      wallMs: number;
      linesPerSecond: number;
      outputLines: number;
      ok: boolean;
      runs: number[];
    }
  | { skipped: string };

const CLI = new URL('../intents/cli/nlu.ts', import.meta.url).pathname;

/**
 * `npm run --silent nlu` as the contract runs it: 1,000 lines on standard input, start-up included
 * (npm, tsx, model load). Three runs; the median is reported.
 */
export async function benchNluCli(options: { lines?: number; runs?: number } = {}): Promise<NluCliBench> {
  if (!existsSync(CLI)) return { skipped: 'intents/cli/nlu.ts does not exist yet' };
  const corpus = readTrainingMessages().map((m) => m.text);
  const count = options.lines ?? 1000;
  const input = `${Array.from({ length: count }, (_, i) => corpus[i % corpus.length]).join('\n')}\n`;
  const runs: number[] = [];
  let outputLines = 0;
  let ok = true;
  for (let i = 0; i < (options.runs ?? 3); i++) {
    const r = await runOnce(input);
    runs.push(round(r.wallMs, 1));
    outputLines = r.lines;
    ok &&= r.code === 0 && r.lines === count && r.allJson;
  }
  const sorted = [...runs].sort((a, b) => a - b);
  const wallMs = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  return { lines: count, wallMs, linesPerSecond: round((count / wallMs) * 1000, 0), outputLines, ok, runs };
}

function runOnce(
  input: string,
): Promise<{ wallMs: number; lines: number; allJson: boolean; code: number | null }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn('npm', ['run', '--silent', 'nlu'], { stdio: ['pipe', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      out += d;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      const lines = out.split('\n').filter((l) => l.trim() !== '');
      const allJson = lines.every((l) => {
        try {
          JSON.parse(l);
          return true;
        } catch {
          return false;
        }
      });
      resolve({ wallMs, lines: lines.length, allJson, code });
    });
    child.stdin.end(input);
  });
}
