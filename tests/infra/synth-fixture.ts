import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { createAssistantApp } from '../../infra/assistant-app';
import type { AssistantStack } from '../../infra/assistant-stack';
import { buildLambdas, LAMBDA_BUNDLES } from '../../scripts/build-lambdas';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface SynthResult {
  readonly app: App;
  readonly stack: AssistantStack;
  readonly assembly: CloudAssembly;
  readonly template: Template;
  /** How the Lambda code was obtained: the real esbuild build, or stubs while handlers are missing. */
  readonly lambdaCode: 'built' | 'stubbed';
  readonly workDir: string;
  cleanup(): void;
}

/** True when every handler and asset folder the build needs is in the repository. */
export function lambdaInputsPresent(): boolean {
  return LAMBDA_BUNDLES.every(
    (spec) => existsSync(join(ROOT, spec.entry)) && spec.assets.every((a) => existsSync(join(ROOT, a.from))),
  );
}

/**
 * Synthesises the real stack into a temporary folder, exactly as `npm run synth` does (same cdk.json
 * context, cdk-nag plugin included, so a finding throws here). The Lambda code is the real build;
 * only while other engineers' handlers are still missing does it fall back to stub bundles.
 */
export async function synthAssistant(context: Record<string, unknown> = {}): Promise<SynthResult> {
  const workDir = mkdtempSync(join(tmpdir(), 'infra-test-'));
  const lambdaCodeDir = join(workDir, 'lambdas');
  let lambdaCode: SynthResult['lambdaCode'];
  if (lambdaInputsPresent()) {
    await buildLambdas({ rootDir: ROOT, outDir: lambdaCodeDir });
    lambdaCode = 'built';
  } else {
    for (const spec of LAMBDA_BUNDLES) {
      mkdirSync(join(lambdaCodeDir, spec.name), { recursive: true });
      writeFileSync(
        join(lambdaCodeDir, spec.name, 'index.mjs'),
        'export const handler = async () => ({ statusCode: 503 });\n',
      );
    }
    lambdaCode = 'stubbed';
  }
  const { app, stack } = createAssistantApp({
    rootDir: ROOT,
    lambdaCodeDir,
    outdir: join(workDir, 'cdk.out'),
    context,
  });
  const assembly = app.synth();
  const template = Template.fromJSON(assembly.getStackByName(stack.stackName).template);
  return {
    app,
    stack,
    assembly,
    template,
    lambdaCode,
    workDir,
    cleanup: () => rmSync(workDir, { recursive: true, force: true }),
  };
}
