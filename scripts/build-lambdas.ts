/**
 * Bundles every Lambda entry point with the local esbuild (no Docker, no network) into
 * `dist/lambdas/<name>/index.mjs`, copies the JSON assets each one loads from beside its bundle,
 * and refuses bundles whose code exceeds the budget. `npm run build` runs it; the CDK app, the
 * infrastructure tests and the benchmark call `buildLambdas()`.
 *
 * The AWS SDK code a handler needs on every cold start (Secrets Manager where the configuration
 * names a secret) is bundled: minified ES modules, tree-shaken, it loads in a fraction of the time the
 * runtime's copy takes (hundreds of CommonJS files resolved and compiled one by one were most of a
 * cold start). What the code imports only with `import()` on a path a cold start does not take
 * (Lambda Invoke, S3 knowledge snapshots, API Gateway pushes, the DynamoDB client, which the stores
 * load only when they cannot send directly, see functions/app/lambda-dynamo.ts, and the credential
 * sources other than the environment) stays external and comes from the nodejs22.x runtime's SDK v3
 * (locally from node_modules): bundled, an `import()` target is still code every cold start parses.
 * They only use long-stable commands. A static import of one of them is refused: it would load the
 * runtime's copy at every cold start.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build, type Metafile } from 'esbuild';

export type LambdaName =
  | 'chat'
  | 'zalo-webhook'
  | 'zalo-processor'
  | 'zalo-token-refresh'
  | 'staff'
  | 'integrations'
  | 'realtime';

/** A folder of the repository copied next to a bundle; loaders resolve it from `import.meta.url`. */
export interface AssetCopy {
  /** Source folder, relative to the repository root. */
  readonly from: string;
  /** Destination folder, relative to the bundle's directory. */
  readonly to: string;
  /** Which command produces it, for the error message when it is missing. */
  readonly producedBy: string;
  /** Copy only these files of the folder (the Lambda reads no others); all of it when absent. */
  readonly files?: readonly string[];
}

export interface LambdaBundleSpec {
  readonly name: LambdaName;
  /** Handler module (exports `handler`), relative to the repository root. */
  readonly entry: string;
  readonly assets: readonly AssetCopy[];
  /**
   * Folders the bundle names (the shared loaders are in it) but never reads: these Lambdas never
   * understand a message, and the services load the model and the index only on first use.
   */
  readonly referencedNotLoaded?: readonly string[];
}

/** The NLU model and the knowledge base: `new URL('./model/…')` and `new URL('./data/…')`. */
const UNDERSTANDING_ASSETS: readonly AssetCopy[] = [
  { from: 'intents/model', to: 'model', producedBy: 'npm run nlu:train' },
  {
    from: 'knowledge/data',
    to: 'data',
    producedBy: 'npm run kb:import && npm run kb:build',
    // The knowledge base and the source texts it quotes; not the importer's catalogue.json (~10 MB),
    // which only `kb:build` reads.
    files: ['kb.jsonl', 'catalogue-originals.jsonl.gz'],
  },
];

/**
 * The staff function publishes knowledge (issue 16): it builds the index from the catalogue and the
 * curated files, overlaid by what staff published, so it carries both sources as well.
 */
const PUBLISHING_ASSETS: readonly AssetCopy[] = [
  { from: 'intents/model', to: 'model', producedBy: 'npm run nlu:train' },
  {
    from: 'knowledge/data',
    to: 'data',
    producedBy: 'npm run kb:import && npm run kb:build',
    files: ['kb.jsonl', 'catalogue-originals.jsonl.gz', 'catalogue.json'],
  },
  { from: 'knowledge/curated', to: 'curated', producedBy: 'the content team (knowledge/curated/*.json)' },
];

/** The curated sources are read by `npm run kb:build` and the staff function only; the others read the built index. */
const BUILD_ONLY = ['curated'] as const;
const NOT_UNDERSTANDING = ['model', 'data', 'curated'] as const;

/** The copy table: adjust here when a handler starts or stops loading model or knowledge files. */
export const LAMBDA_BUNDLES: readonly LambdaBundleSpec[] = [
  {
    name: 'chat',
    entry: 'functions/handlers/chat.ts',
    assets: UNDERSTANDING_ASSETS,
    referencedNotLoaded: BUILD_ONLY,
  },
  {
    name: 'zalo-webhook',
    entry: 'functions/handlers/zalo-webhook.ts',
    assets: [],
    referencedNotLoaded: NOT_UNDERSTANDING,
  },
  {
    name: 'zalo-processor',
    entry: 'functions/handlers/zalo-processor.ts',
    assets: UNDERSTANDING_ASSETS,
    referencedNotLoaded: BUILD_ONLY,
  },
  {
    name: 'zalo-token-refresh',
    entry: 'functions/handlers/zalo-token-refresh.ts',
    assets: [],
    referencedNotLoaded: NOT_UNDERSTANDING,
  },
  {
    name: 'staff',
    entry: 'functions/handlers/staff.ts',
    assets: PUBLISHING_ASSETS,
  },
  {
    name: 'integrations',
    entry: 'functions/handlers/integrations.ts',
    assets: [],
    referencedNotLoaded: NOT_UNDERSTANDING,
  },
  {
    name: 'realtime',
    entry: 'functions/handlers/realtime.ts',
    assets: [],
    referencedNotLoaded: NOT_UNDERSTANDING,
  },
];

/**
 * SDK clients the handlers import only with `import()`. None is needed at cold start: DynamoDB and
 * Secrets Manager (the Zalo and integration Lambdas' keys) are reached with signed requests of our
 * own (functions/app/aws-json.ts), the SDK only on unusual paths.
 */
export const LAZY_SDK_CLIENTS = [
  '@aws-sdk/client-dynamodb',
  '@aws-sdk/client-lambda',
  '@aws-sdk/client-s3',
  '@aws-sdk/client-apigatewaymanagementapi',
  '@aws-sdk/client-secrets-manager',
] as const;

/**
 * The default credential chain's sources after the environment, each behind an `import()` in the
 * SDK. A Lambda's credentials are in its environment; locally the client is given fixed ones.
 */
const LAZY_CREDENTIAL_SOURCES = [
  '@aws-sdk/credential-provider-sso',
  '@aws-sdk/credential-provider-ini',
  '@aws-sdk/credential-provider-process',
  '@aws-sdk/credential-provider-web-identity',
  '@aws-sdk/credential-provider-http',
  '@aws-sdk/credential-provider-login',
  '@smithy/credential-provider-imds',
] as const;

/** What the bundles leave to the runtime's SDK. */
const EXTERNAL_SDK: readonly string[] = [...LAZY_SDK_CLIENTS, ...LAZY_CREDENTIAL_SOURCES];

/** A zod locale other than the English one zod itself configures. */
const ZOD_FOREIGN_LOCALE = /zod\/v4\/locales\/(?!en\.js$)[\w-]+\.js$/u;

/** Budget for the code of one bundle (index.mjs alone; the map and the assets sit beside it). */
export const MAX_CODE_BYTES = 1_000_000;

/**
 * `natural` and a few other dependencies are CommonJS and call `require` for Node built-ins;
 * an ESM bundle has no `require`, so one is created from the bundle's own URL.
 */
const CJS_REQUIRE_BANNER =
  "import { createRequire as __bundleCreateRequire } from 'node:module'; const require = __bundleCreateRequire(import.meta.url);";

export interface BuildLambdasOptions {
  /** Repository root; defaults to the folder above `scripts/`. */
  readonly rootDir?: string;
  /** Where the bundle folders go; defaults to `<root>/dist/lambdas`. */
  readonly outDir?: string;
  /** Build only these Lambdas. */
  readonly only?: readonly LambdaName[];
  /** Code budget per bundle, in bytes. */
  readonly maxCodeBytes?: number;
  /** Receives one line per bundle; silent by default so tests stay quiet. */
  readonly log?: (line: string) => void;
}

export interface BundleReport {
  readonly name: LambdaName;
  /** Absolute path of the bundle folder, the Lambda's code asset. */
  readonly dir: string;
  readonly codeBytes: number;
  readonly sourceMapBytes: number;
  readonly assetBytes: number;
  /**
   * Folders the code resolves beside itself (`new URL('./<dir>/…', import.meta.url)`) that the copy
   * table does not provide: in AWS those reads would fail. Usually a table entry to add.
   */
  readonly unprovidedAssetDirs: readonly string[];
  /** The five inputs that weigh most in the bundle, to act on when the budget is exceeded. */
  readonly heaviestInputs: readonly { readonly path: string; readonly bytes: number }[];
}

export class LambdaBuildError extends Error {
  override readonly name = 'LambdaBuildError';
}

const DEFAULT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const execFileAsync = promisify(execFile);

export async function buildLambdas(opts: BuildLambdasOptions = {}): Promise<BundleReport[]> {
  const rootDir = resolve(opts.rootDir ?? DEFAULT_ROOT);
  const outDir = resolve(opts.outDir ?? join(rootDir, 'dist', 'lambdas'));
  const maxCodeBytes = opts.maxCodeBytes ?? MAX_CODE_BYTES;
  const specs = opts.only ? LAMBDA_BUNDLES.filter((s) => opts.only?.includes(s.name)) : LAMBDA_BUNDLES;

  // Check every input first, so a missing file is reported before any time is spent bundling.
  const missing = specs.flatMap((spec) => [
    ...(existsSync(join(rootDir, spec.entry)) ? [] : [`${spec.name}: handler ${spec.entry} does not exist`]),
    ...spec.assets.flatMap((a) =>
      [a.from, ...(a.files ?? []).map((f) => join(a.from, f))]
        .filter((path) => !existsSync(join(rootDir, path)))
        .slice(0, 1)
        .map((path) => `${spec.name}: asset ${path} does not exist (produced by \`${a.producedBy}\`)`),
    ),
  ]);
  if (missing.length > 0) {
    throw new LambdaBuildError(`Cannot build the Lambda bundles:\n  ${missing.join('\n  ')}`);
  }

  const reports = await Promise.all(specs.map((spec) => bundleOne(spec, rootDir, outDir)));
  for (const r of reports) {
    opts.log?.(formatReport(r, rootDir));
    for (const dir of r.unprovidedAssetDirs) {
      opts.log?.(
        `  warning: ${r.name} resolves ./${dir}/ beside its bundle, but the copy table gives it no ${dir}/ folder`,
      );
    }
  }

  const oversized = reports.filter((r) => r.codeBytes > maxCodeBytes);
  if (oversized.length > 0) {
    const detail = oversized
      .map(
        (r) =>
          `${r.name}: ${formatBytes(r.codeBytes)} of code (budget ${formatBytes(maxCodeBytes)}); heaviest inputs: ` +
          r.heaviestInputs.map((i) => `${i.path} ${formatBytes(i.bytes)}`).join(', '),
      )
      .join('\n  ');
    throw new LambdaBuildError(`Lambda bundle over budget:\n  ${detail}`);
  }
  return reports;
}

async function bundleOne(spec: LambdaBundleSpec, rootDir: string, outDir: string): Promise<BundleReport> {
  const dir = join(outDir, spec.name);
  // A clean folder per build: a stale model or data file must never ship with a new bundle.
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, 'index.mjs');

  const result = await build({
    absWorkingDir: rootDir,
    entryPoints: [join(rootDir, spec.entry)],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    minify: true,
    // A linked map (external file plus a sourceMappingURL comment) beside the bundle, to translate a
    // logged stack position; without the sources' text, which only the map's size would pay for. The
    // Lambdas do not run with --enable-source-maps, which parses the map at every cold start.
    sourcemap: 'linked',
    sourcesContent: false,
    // Vietnamese strings stay readable UTF-8 instead of \u escapes, which are larger.
    charset: 'utf8',
    mainFields: ['module', 'main'],
    external: [...EXTERNAL_SDK],
    banner: { js: CJS_REQUIRE_BANNER },
    legalComments: 'external',
    metafile: true,
    logLevel: 'silent',
  }).catch((err: unknown) => {
    throw new LambdaBuildError(`esbuild failed for ${spec.name} (${spec.entry}): ${describe(err)}`);
  });

  // `import { z } from 'zod'` uses zod's namespace as a value, which keeps all 40 of its locales
  // (~280 kB, parsed at every cold start); `import * as z from 'zod'` lets them tree-shake away.
  const output = result.metafile.outputs[relative(rootDir, outfile)];
  const locales = Object.entries(output?.inputs ?? {}).filter(
    ([path, input]) => input.bytesInOutput > 0 && ZOD_FOREIGN_LOCALE.test(path),
  );
  if (locales.length > 0) {
    throw new LambdaBuildError(
      `The ${spec.name} bundle carries zod's ${locales.length} other-language locales: import zod as ` +
        "`import * as z from 'zod'`, not `import { z } from 'zod'`",
    );
  }

  refuseStaticExternalImports(spec, result.metafile, relative(rootDir, outfile));

  // The banner is plain text to esbuild; a syntax check proves it did not collide with the bundle.
  await execFileAsync(process.execPath, ['--check', outfile]).catch((err: unknown) => {
    throw new LambdaBuildError(`The ${spec.name} bundle is not valid JavaScript: ${describe(err)}`);
  });

  for (const asset of spec.assets) {
    const target = join(dir, asset.to);
    if (asset.files) {
      mkdirSync(target, { recursive: true });
      for (const file of asset.files) cpSync(join(rootDir, asset.from, file), join(target, file));
    } else {
      cpSync(join(rootDir, asset.from), target, { recursive: true });
    }
  }
  const provided = new Set(spec.assets.map((a) => a.to));

  return {
    name: spec.name,
    dir,
    codeBytes: statSync(outfile).size,
    sourceMapBytes: statSync(`${outfile}.map`).size,
    assetBytes: spec.assets.reduce((sum, a) => sum + folderBytes(join(dir, a.to)), 0),
    unprovidedAssetDirs: assetDirsResolvedBesideBundle(readFileSync(outfile, 'utf8')).filter(
      (d) => !provided.has(d) && !(spec.referencedNotLoaded ?? []).includes(d),
    ),
    heaviestInputs: heaviestInputs(result.metafile, relative(rootDir, outfile)),
  };
}

/**
 * The SDK packages left to the runtime are meant to be loaded with `import()`, when a request needs
 * them: a static import anywhere in the bundle would load the runtime's CommonJS copy (hundreds of
 * files) before the handler runs, at every cold start, and nothing else would notice.
 */
function refuseStaticExternalImports(spec: LambdaBundleSpec, metafile: Metafile, outputKey: string): void {
  const lazy = new Set(EXTERNAL_SDK);
  const inBundle = metafile.outputs[outputKey]?.inputs ?? {};
  const offenders = Object.entries(metafile.inputs).flatMap(([path, input]) =>
    path in inBundle
      ? input.imports
          .filter((i) => i.external && i.kind !== 'dynamic-import' && lazy.has(i.path))
          .map((i) => `${path} imports ${i.path} (${i.kind})`)
      : [],
  );
  if (offenders.length > 0) {
    throw new LambdaBuildError(
      `The ${spec.name} bundle loads an SDK package the runtime provides at every cold start; ` +
        `import it with \`import()\` where it is needed:\n  ${offenders.join('\n  ')}`,
    );
  }
}

/** `new URL("./model/model.json", import.meta.url)` → `model`; the literal survives minification. */
function assetDirsResolvedBesideBundle(code: string): string[] {
  const dirs = new Set<string>();
  for (const m of code.matchAll(
    /new URL\(\s*["'`]\.\/([\w.-]+)\/[^"'`]*["'`]\s*,\s*import\.meta\.url\s*\)/g,
  )) {
    if (m[1]) dirs.add(m[1]);
  }
  return [...dirs].sort();
}

function heaviestInputs(metafile: Metafile, outputKey: string): BundleReport['heaviestInputs'] {
  const output = metafile.outputs[outputKey];
  if (!output) return [];
  return Object.entries(output.inputs)
    .map(([path, info]) => ({ path, bytes: info.bytesInOutput }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 5);
}

function folderBytes(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, entry) => sum + folderBytes(join(path, entry)), 0);
}

function formatReport(r: BundleReport, rootDir: string): string {
  return [
    r.name.padEnd(20),
    `code ${formatBytes(r.codeBytes).padStart(9)}`,
    `map ${formatBytes(r.sourceMapBytes).padStart(9)}`,
    `assets ${formatBytes(r.assetBytes).padStart(9)}`,
    relative(rootDir, r.dir),
  ].join('  ');
}

function formatBytes(bytes: number): string {
  return bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(2)} MB` : `${(bytes / 1000).toFixed(1)} kB`;
}

function describe(err: unknown): string {
  if (err && typeof err === 'object' && 'errors' in err && Array.isArray(err.errors)) {
    return err.errors
      .map((e: { text?: string; location?: { file?: string; line?: number } | null }) =>
        e.location ? `${e.location.file}:${e.location.line}: ${e.text}` : String(e.text),
      )
      .join('; ');
  }
  if (err && typeof err === 'object' && 'stderr' in err && typeof err.stderr === 'string' && err.stderr) {
    return err.stderr.trim();
  }
  return err instanceof Error ? err.message : String(err);
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  const started = Date.now();
  buildLambdas({ log: (line) => console.log(line) }).then(
    (reports) => console.log(`Built ${reports.length} Lambda bundles in ${Date.now() - started} ms.`),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exitCode = 1;
    },
  );
}
