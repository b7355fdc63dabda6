/**
 * Issue 17's CPU targets are relative ("half of today's on the same measurement"), but the figure
 * moves by a fifth with this VM's speed between runs minutes apart, so one run against a line drawn
 * from another day's measurement says little. This runs the same measurement (bench/turn-cost-only.ts)
 * alternately on the code the issue was filed against and on this checkout, and reports each side's
 * median and their ratio: whatever the VM's speed, both sides see it.
 *
 * `npm run bench:paired [-- --pairs=3] [--base=<commit>]`. Writes nothing under docs/. The base is
 * checked out into a temporary git worktree that shares this checkout's node_modules (the base's
 * dependencies are a subset of today's); the harness files are copied over the base's own, while the
 * server under test (bench/lib/server-process.ts and everything it imports) stays the base's.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { percentile, round } from './lib/stats';

/** main just before the work on issue 17 began: the code whose figures the issue quotes. */
const ISSUE_17_FILED_AT = '55fc39db5ffe27b107b3608011bd3c20369df31d';
/** What the measurement needs besides the server: copied over the base's own files. */
const HARNESS = [
  'bench/turn-cost-only.ts',
  'bench/turn-cost.ts',
  'bench/lib/process-cpu.ts',
  'bench/lib/http-client.ts',
  'bench/lib/stats.ts',
  'bench/lib/spawn-server.ts',
  'infra/runtime-settings.ts',
];

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const { values } = parseArgs({
  options: { pairs: { type: 'string', default: '3' }, base: { type: 'string', default: ISSUE_17_FILED_AT } },
});
const pairs = Number(values.pairs);
if (!Number.isInteger(pairs) || pairs < 1 || pairs > 20)
  throw new Error('--pairs: a whole number from 1 to 20');

/** The middle value (nearest rank: the lower of two middles). */
const median = (values: readonly number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

interface Run {
  serverMs: number;
  storeMs: number;
}

function git(...args: string[]): string {
  const r = spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr.trim()}`);
  return r.stdout.trim();
}

/** One turn-cost measurement in `dir`, in a process of its own: its server and store CPU per turn. */
function measure(dir: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/turn-cost-only.ts'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      try {
        const parsed = JSON.parse(line) as { errors: number; turn: Run };
        if (code !== 0 || parsed.errors !== 0) throw new Error(`exit ${code}, ${parsed.errors} errors`);
        resolve({ serverMs: parsed.turn.serverMs, storeMs: parsed.turn.storeMs });
      } catch (error) {
        reject(new Error(`turn-cost in ${dir} failed: ${(error as Error).message}: ${line.slice(0, 300)}`));
      }
    });
  });
}

const base = git('rev-parse', '--verify', `${values.base}^{commit}`);
const worktree = mkdtempSync(join(tmpdir(), 'turn-cost-base-'));
git('worktree', 'add', '--detach', '--force', worktree, base);
try {
  symlinkSync(join(ROOT, 'node_modules'), join(worktree, 'node_modules'), 'dir');
  for (const file of HARNESS) {
    mkdirSync(dirname(join(worktree, file)), { recursive: true });
    copyFileSync(join(ROOT, file), join(worktree, file));
  }
  const loadAtStart = round(loadavg()[0] ?? 0, 2);
  const before: Run[] = [];
  const now: Run[] = [];
  for (let i = 0; i < pairs; i++) {
    // Which side goes first alternates, so that neither always runs on a machine the other warmed.
    if (i % 2 === 0) {
      before.push(await measure(worktree));
      now.push(await measure(ROOT));
    } else {
      now.push(await measure(ROOT));
      before.push(await measure(worktree));
    }
    const [b, n] = [before.at(-1) as Run, now.at(-1) as Run];
    console.error(
      `pair ${i + 1}/${pairs}: server ${b.serverMs} → ${n.serverMs} ms, store ${b.storeMs} → ${n.storeMs} ms`,
    );
  }
  const side = (runs: Run[]) => ({
    serverMs: round(median(runs.map((r) => r.serverMs)), 2),
    storeMs: round(median(runs.map((r) => r.storeMs)), 2),
  });
  const [b, n] = [side(before), side(now)];
  const ratio = (key: keyof Run) => round(median(before.map((r, i) => (now[i] as Run)[key] / r[key])), 2);
  console.log(
    JSON.stringify({
      base,
      pairs,
      loadAtStart,
      loadAtEnd: round(loadavg()[0] ?? 0, 2),
      baseMedian: b,
      nowMedian: n,
      // The median of the pairs' own ratios: each pair ran minutes apart at one VM speed.
      ratio: { serverMs: ratio('serverMs'), storeMs: ratio('storeMs') },
      runs: { base: before, now },
    }),
  );
} finally {
  rmSync(worktree, { recursive: true, force: true });
  git('worktree', 'prune');
}
