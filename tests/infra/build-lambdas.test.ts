import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BundleReport,
  buildLambdas,
  LAMBDA_BUNDLES,
  LambdaBuildError,
} from '../../scripts/build-lambdas';
import { lambdaInputsPresent, ROOT } from './synth-fixture';

/**
 * The build script against a miniature repository: handlers that pull in what the real ones do
 * (zod, a CommonJS module of `natural`, the AWS SDK), and the model/knowledge folders beside them.
 */
const HANDLER = `
import { marshall } from '@aws-sdk/util-dynamodb';
import * as z from 'zod';
import Tokenizer from 'natural/lib/natural/tokenizers/aggressive_tokenizer_vi.js';
const Body = z.object({ text: z.string() });
const GREETING = 'Xin chào, tôi có thể giúp gì?';
export const dynamo = () => import('@aws-sdk/client-dynamodb');
export const snapshots = () => import('@aws-sdk/client-s3');
export const handler = async (event: { body: string }) => {
  const { text } = Body.parse(JSON.parse(event.body));
  return { statusCode: 200, body: JSON.stringify({ words: new Tokenizer().tokenize(text), sdk: typeof marshall, greeting: GREETING }) };
};
`;

function makeRepo(options: { skip?: string[] } = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'build-lambdas-'));
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  for (const spec of LAMBDA_BUNDLES) {
    if (options.skip?.includes(spec.entry)) continue;
    mkdirSync(join(root, spec.entry, '..'), { recursive: true });
    writeFileSync(join(root, spec.entry), HANDLER);
    for (const asset of spec.assets) {
      if (options.skip?.includes(asset.from)) continue;
      mkdirSync(join(root, asset.from), { recursive: true });
      // The files the table lists, plus one it does not (which must stay behind when a list exists).
      for (const file of [...(asset.files ?? []), `${asset.to}-extra.json`]) {
        writeFileSync(join(root, asset.from, file), JSON.stringify({ from: asset.from }));
      }
    }
  }
  return root;
}

const repos: string[] = [];
afterAll(() => {
  for (const root of repos) rmSync(root, { recursive: true, force: true });
});

describe('buildLambdas on a complete repository', () => {
  let root: string;
  let reports: BundleReport[];
  const lines: string[] = [];

  beforeAll(async () => {
    root = makeRepo();
    repos.push(root);
    // A leftover from an earlier build must not survive into the new bundle.
    mkdirSync(join(root, 'dist', 'lambdas', 'chat'), { recursive: true });
    writeFileSync(join(root, 'dist', 'lambdas', 'chat', 'stale.json'), '{}');
    reports = await buildLambdas({ rootDir: root, log: (line) => lines.push(line) });
  });

  it('writes one ESM bundle per Lambda into dist/lambdas/<name>/index.mjs', () => {
    expect(reports.map((r) => r.name)).toEqual(LAMBDA_BUNDLES.map((s) => s.name));
    for (const r of reports) {
      expect(r.dir).toBe(join(root, 'dist', 'lambdas', r.name));
      expect(existsSync(join(r.dir, 'index.mjs'))).toBe(true);
    }
  });

  it('produces bundles that run: CommonJS dependencies get a require, the handler answers', async () => {
    const mod = (await import(pathToFileURL(join(root, 'dist', 'lambdas', 'chat', 'index.mjs')).href)) as {
      handler: (e: { body: string }) => Promise<{ statusCode: number; body: string }>;
    };
    const result = await mod.handler({ body: JSON.stringify({ text: 'Làm lại căn cước' }) });
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toEqual({
      words: ['Làm', 'lại', 'căn', 'cước'],
      sdk: 'function',
      greeting: 'Xin chào, tôi có thể giúp gì?',
    });
  });

  it('leaves the lazily imported SDK clients, DynamoDB’s included, to the runtime', () => {
    const code = readFileSync(join(root, 'dist', 'lambdas', 'chat', 'index.mjs'), 'utf8');
    expect(code).toContain('import("@aws-sdk/client-dynamodb")');
    expect(code).not.toContain('DynamoDBServiceException');
    expect(code).toContain('import("@aws-sdk/client-s3")');
    expect(code).not.toContain('S3ServiceException');
  });

  it('leaves the zod locales out (namespace import, tree-shaken)', () => {
    const code = readFileSync(join(root, 'dist', 'lambdas', 'chat', 'index.mjs'), 'utf8');
    // The Hebrew locale's messages: one of the locales a `{ z }` import would carry along.
    expect(code).not.toContain('מחרוזת');
  });

  it('minifies, keeps Vietnamese text as UTF-8 and links an external source map', () => {
    const chat = reports.find((r) => r.name === 'chat') as BundleReport;
    const code = readFileSync(join(chat.dir, 'index.mjs'), 'utf8');
    expect(code.trimEnd().endsWith('//# sourceMappingURL=index.mjs.map')).toBe(true);
    expect(existsSync(join(chat.dir, 'index.mjs.map'))).toBe(true);
    expect(chat.sourceMapBytes).toBeGreaterThan(0);
    expect(code).toContain('Xin chào, tôi có thể giúp gì?');
    expect(code).not.toContain('const Body');
  });

  it.each(LAMBDA_BUNDLES.map((s) => [s.name, s.assets.map((a) => a.to)] as const))(
    '%s gets the asset folders %j beside its bundle, and no others',
    (name, folders) => {
      const dir = join(root, 'dist', 'lambdas', name);
      for (const folder of ['model', 'data'])
        expect(existsSync(join(dir, folder))).toBe(folders.includes(folder));
    },
  );

  it('copies only the listed files of an asset folder, or the whole folder when none are listed', () => {
    const chat = LAMBDA_BUNDLES.find((s) => s.name === 'chat');
    for (const asset of chat?.assets ?? []) {
      const target = join(root, 'dist', 'lambdas', 'chat', asset.to);
      for (const file of asset.files ?? []) expect(existsSync(join(target, file))).toBe(true);
      expect(existsSync(join(target, `${asset.to}-extra.json`))).toBe(asset.files === undefined);
    }
  });

  it('starts from a clean folder', () => {
    expect(existsSync(join(root, 'dist', 'lambdas', 'chat', 'stale.json'))).toBe(false);
  });

  it('prints one line per bundle with its code size', () => {
    expect(lines.filter((l) => !l.startsWith(' '))).toHaveLength(LAMBDA_BUNDLES.length);
    for (const spec of LAMBDA_BUNDLES)
      expect(lines.some((l) => l.startsWith(spec.name) && /code\s+[\d.]+ kB/.test(l))).toBe(true);
  });

  it('reports code sizes under the 1 MB budget', () => {
    for (const r of reports) expect(r.codeBytes).toBeLessThan(1_000_000);
  });
});

describe('buildLambdas warns', () => {
  it('when code resolves a folder beside the bundle that the copy table does not provide', async () => {
    const root = makeRepo();
    repos.push(root);
    writeFileSync(
      join(root, 'functions/handlers/zalo-webhook.ts'),
      "export const handler = async () => new URL('./forms/mau-01.json', import.meta.url).pathname;\n",
    );
    const lines: string[] = [];
    const [report] = await buildLambdas({ rootDir: root, only: ['zalo-webhook'], log: (l) => lines.push(l) });
    expect(report?.unprovidedAssetDirs).toEqual(['forms']);
    expect(lines.some((l) => l.includes('zalo-webhook resolves ./forms/'))).toBe(true);
  });

  it('not about a folder the copy table declares as referenced but never loaded', async () => {
    const root = makeRepo();
    repos.push(root);
    writeFileSync(
      join(root, 'functions/handlers/zalo-webhook.ts'),
      "export const handler = async () => new URL('./model/model.json', import.meta.url).pathname;\n",
    );
    const [report] = await buildLambdas({ rootDir: root, only: ['zalo-webhook'] });
    expect(report?.unprovidedAssetDirs).toEqual([]);
  });

  it('about nothing when every folder the code resolves is provided', async () => {
    const root = makeRepo();
    repos.push(root);
    writeFileSync(
      join(root, 'functions/handlers/chat.ts'),
      "export const handler = async () => new URL('./model/model.json', import.meta.url).pathname;\n",
    );
    const [report] = await buildLambdas({ rootDir: root, only: ['chat'] });
    expect(report?.unprovidedAssetDirs).toEqual([]);
  });
});

describe('buildLambdas refuses', () => {
  it('a bundle over the code budget, naming its heaviest inputs', async () => {
    const root = makeRepo();
    repos.push(root);
    const build = buildLambdas({ rootDir: root, only: ['zalo-webhook'], maxCodeBytes: 10_000 });
    await expect(build).rejects.toThrow(LambdaBuildError);
    await expect(build).rejects.toThrow(
      /zalo-webhook: .* of code \(budget 10\.0 kB\); heaviest inputs: .*zod/,
    );
  });

  it("a bundle that carries zod's locales, saying how to import zod instead", async () => {
    const root = makeRepo();
    repos.push(root);
    writeFileSync(
      join(root, 'functions/handlers/realtime.ts'),
      "import { z } from 'zod';\nexport const handler = async (e: unknown) => z.string().parse(e);\n",
    );
    await expect(buildLambdas({ rootDir: root, only: ['realtime'] })).rejects.toThrow(
      /realtime bundle carries zod's \d+ other-language locales: import zod as `import \* as z from 'zod'`/,
    );
  });

  it('a static import of an SDK client left to the runtime, naming the module that imports it', async () => {
    const root = makeRepo();
    repos.push(root);
    writeFileSync(
      join(root, 'functions/handlers/chat.ts'),
      "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nexport const handler = async () => typeof DynamoDBClient;\n",
    );
    await expect(buildLambdas({ rootDir: root, only: ['chat'] })).rejects.toThrow(
      /chat bundle loads an SDK package the runtime provides at every cold start.*\n.*functions\/handlers\/chat\.ts imports @aws-sdk\/client-dynamodb \(import-statement\)/,
    );
  });

  it('not a static import of Secrets Manager, in the Lambdas that read secrets at cold start too', async () => {
    const root = makeRepo();
    repos.push(root);
    writeFileSync(
      join(root, 'functions/handlers/zalo-webhook.ts'),
      "import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';\nexport const handler = async () => typeof SecretsManagerClient;\n",
    );
    // Their secrets are read with signed requests of our own (functions/app/secrets-port.ts).
    await expect(buildLambdas({ rootDir: root, only: ['zalo-webhook'] })).rejects.toThrow(
      /zalo-webhook .*imports @aws-sdk\/client-secrets-manager \(import-statement\)/s,
    );
  });

  it('a missing handler, before bundling anything', async () => {
    const root = makeRepo({ skip: ['functions/handlers/staff.ts'] });
    repos.push(root);
    await expect(buildLambdas({ rootDir: root })).rejects.toThrow(
      /staff: handler functions\/handlers\/staff\.ts does not exist/,
    );
    expect(existsSync(join(root, 'dist'))).toBe(false);
  });

  it('a missing model folder, saying which command produces it', async () => {
    const root = makeRepo({ skip: ['intents/model'] });
    repos.push(root);
    await expect(buildLambdas({ rootDir: root })).rejects.toThrow(
      /chat: asset intents\/model does not exist \(produced by `npm run nlu:train`\)/,
    );
  });

  it('a listed knowledge file that is missing, naming it', async () => {
    const root = makeRepo();
    repos.push(root);
    rmSync(join(root, 'knowledge/data/kb.jsonl'));
    await expect(buildLambdas({ rootDir: root })).rejects.toThrow(
      /asset knowledge\/data\/kb\.jsonl does not exist/,
    );
  });

  it('a handler that does not compile, naming the file and line', async () => {
    const root = makeRepo();
    repos.push(root);
    writeFileSync(
      join(root, 'functions/handlers/integrations.ts'),
      'export const handler = async () => {\n  return (;\n};\n',
    );
    await expect(buildLambdas({ rootDir: root, only: ['integrations'] })).rejects.toThrow(
      /esbuild failed for integrations .*integrations\.ts:2/,
    );
  });
});

describe('the real bundles', () => {
  // The model and the knowledge base are built by `npm run nlu:train` and `npm run kb:build`.
  it.skipIf(!lambdaInputsPresent())(
    'carry none of the SDK’s DynamoDB or Secrets Manager clients: the functions send their requests themselves',
    async () => {
      const outDir = mkdtempSync(join(tmpdir(), 'real-bundles-'));
      repos.push(outDir);
      const reports = await buildLambdas({
        rootDir: ROOT,
        outDir,
        only: ['chat', 'realtime', 'zalo-webhook'],
      });
      for (const report of reports) {
        // The linked source map names every source file that put code into the bundle (esbuild's
        // metafile inputs with bytes in the output).
        const map = JSON.parse(readFileSync(join(report.dir, 'index.mjs.map'), 'utf8')) as {
          sources: string[];
        };
        expect(map.sources.some((s) => s.includes('functions/stores/dynamo/dynamo-table.ts'))).toBe(true);
        expect(
          map.sources.filter((s) => /@aws-sdk\/client-(?:dynamodb|secrets-manager)|@smithy\/core/.test(s)),
        ).toEqual([]);
        const code = readFileSync(join(report.dir, 'index.mjs'), 'utf8');
        // Loaded only on the SDK's path, from the runtime.
        expect(code).toContain('import("@aws-sdk/client-dynamodb")');
        if (report.name === 'zalo-webhook')
          expect(code).toContain('import("@aws-sdk/client-secrets-manager")');
      }
    },
    120_000,
  );
});
