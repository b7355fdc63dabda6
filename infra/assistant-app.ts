import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { z } from 'zod';
import { AssistantStack } from './assistant-stack';
import { readDeploySettings } from './deploy-settings';
import { applyNagChecks } from './nag';

export interface AssistantAppOptions {
  /** Repository root (holds cdk.json and web/). */
  readonly rootDir: string;
  /** Folder of pre-built Lambda bundles, from `buildLambdas()`. */
  readonly lambdaCodeDir: string;
  /** The pages to publish: `buildWeb()`'s output when deploying; web/ as written by default. */
  readonly webDir?: string;
  /** Cloud assembly folder; the CLI's CDK_OUTDIR when it runs the app. */
  readonly outdir?: string;
  /** Context on top of cdk.json's (as `-c key=value` would give). */
  readonly context?: Record<string, unknown>;
}

export interface AssistantApp {
  readonly app: App;
  readonly stack: AssistantStack;
}

/**
 * Builds the app exactly as `cdk synth`/`cdk deploy` would: cdk.json's context (feature flags and
 * deployment settings) is read here when the app runs without the CLI (`npm run synth`, the tests),
 * and the AwsSolutions checks of cdk-nag run as a validation plugin, so an unacknowledged finding
 * fails the synthesis itself.
 */
export function createAssistantApp(options: AssistantAppOptions): AssistantApp {
  const launchedByCli = process.env.CDK_CONTEXT_JSON !== undefined;
  const app = new App({
    ...(options.outdir ? { outdir: options.outdir } : {}),
    context: { ...(launchedByCli ? {} : readCdkJsonContext(options.rootDir)), ...options.context },
  });
  const settings = readDeploySettings(app.node);
  const stack = new AssistantStack(app, settings.stackName, {
    description: 'Trợ lý ảo Dịch vụ công (Khánh Hòa): web chat, Zalo OA, staff console',
    settings,
    lambdaCodeDir: options.lambdaCodeDir,
    webDir: options.webDir ?? join(options.rootDir, 'web'),
  });
  applyNagChecks(app);
  return { app, stack };
}

const CdkJsonSchema = z.object({ context: z.record(z.string(), z.unknown()).default({}) });

function readCdkJsonContext(rootDir: string): Record<string, unknown> {
  return CdkJsonSchema.parse(JSON.parse(readFileSync(join(rootDir, 'cdk.json'), 'utf8'))).context;
}

/** `-c key=value` / `--context key=value` pairs, for runs without the CDK CLI. */
export function parseContextArgs(argv: readonly string[]): Record<string, string> {
  const context: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg !== '-c' && arg !== '--context') continue;
    const pair = argv[++i] ?? '';
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new Error(`Context must be given as ${arg} key=value, got "${pair}"`);
    context[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return context;
}
