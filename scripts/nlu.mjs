#!/usr/bin/env node
// `npm run --silent nlu`: runs intents/cli/nlu.ts from a cached esbuild bundle. Starting TypeScript
// through tsx costs most of a second on every call; the bundle is rebuilt (in about 0.2 s) only when
// a source file under intents/ or knowledge/ is newer than it.
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const out = join(root, 'node_modules/.cache/tro-ly-ao/nlu-cli.mjs');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'data' || entry.name === 'model' || entry.name === 'curated') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') || entry.name.endsWith('.generated.json'))
      newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

let builtAt = 0;
try {
  builtAt = statSync(out).mtimeMs;
} catch {
  builtAt = 0;
}
// The places (intents/data/places: code and generated data) are bundled in, unlike the rest of data/.
const sources = Math.max(
  newestSource(join(root, 'intents')),
  newestSource(join(root, 'intents/data/places')),
  newestSource(join(root, 'knowledge')),
);
if (sources > builtAt) {
  const { build } = await import('esbuild');
  mkdirSync(join(root, 'node_modules/.cache/tro-ly-ao'), { recursive: true });
  await build({
    entryPoints: [join(root, 'intents/cli/nlu.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: out,
    logLevel: 'error',
    // natural's modules are CommonJS.
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  });
}
// The bundle lives outside the source tree: point it at the model and the knowledge data.
process.env.NLU_MODEL_PATH ??= join(root, 'intents/model/model.json');
process.env.KNOWLEDGE_DATA_DIR ??= join(root, 'knowledge/data');
await import(pathToFileURL(out).href);
