import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

/**
 * Cold start as a Lambda sees it: the knowledge module bundled with esbuild (as the deploy does), then
 * a fresh `node` process that imports the bundle, loads the built knowledge base and answers one search.
 */
export interface ColdStart {
  runs: number;
  bundleKb: number;
  /** Medians over the runs. */
  importMs: number;
  loadMs: number;
  firstSearchMs: number;
  /** From process start (Node's own boot included) to the first answer. */
  sinceProcessStartMs: number;
  maxImportPlusLoadMs: number;
}

const PROBE = `
const t0 = performance.now();
const kb = await import('./kb.mjs');
const t1 = performance.now();
const base = kb.loadKnowledgeBase(process.argv[2]);
const t2 = performance.now();
base.search('đăng ký kết hôn cần giấy tờ gì');
const t3 = performance.now();
console.log(JSON.stringify({ importMs: t1 - t0, loadMs: t2 - t1, firstSearchMs: t3 - t2, sinceProcessStartMs: t3 }));
`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

export function measureColdStart(kbPath: string, runs = 5): ColdStart {
  const dir = mkdtempSync(join(tmpdir(), 'kb-cold-'));
  try {
    const entry = fileURLToPath(new URL('../index.ts', import.meta.url));
    buildSync({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile: join(dir, 'kb.mjs'),
      external: ['esbuild'],
      logLevel: 'silent',
    });
    writeFileSync(join(dir, 'probe.mjs'), PROBE);
    const samples: {
      importMs: number;
      loadMs: number;
      firstSearchMs: number;
      sinceProcessStartMs: number;
    }[] = [];
    for (let i = 0; i < runs; i++) {
      const run = spawnSync(process.execPath, [join(dir, 'probe.mjs'), kbPath], { encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`cold-start probe failed: ${run.stderr}`);
      samples.push(JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}'));
    }
    return {
      runs,
      bundleKb: Math.round(statSync(join(dir, 'kb.mjs')).size / 1024),
      importMs: median(samples.map((s) => s.importMs)),
      loadMs: median(samples.map((s) => s.loadMs)),
      firstSearchMs: median(samples.map((s) => s.firstSearchMs)),
      sinceProcessStartMs: median(samples.map((s) => s.sinceProcessStartMs)),
      maxImportPlusLoadMs: Math.max(...samples.map((s) => s.importMs + s.loadMs)),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
