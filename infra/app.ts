/**
 * The CDK app entry (`cdk.json`: `npx tsx infra/app.ts`; `npm run synth` runs it directly).
 * It builds the Lambda bundles and the pages with the local esbuild first, so a synth always packages fresh code,
 * then synthesises the stack into cdk.out. Nothing here touches the network or Docker.
 *
 * Run directly, it accepts the CLI's context flags: `npm run synth -- -c alarmEmail=ops@example.org`.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildLambdas } from '../scripts/build-lambdas';
import { buildWeb } from '../scripts/build-web';
import { createAssistantApp, parseContextArgs } from './assistant-app';

const rootDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<void> {
  const lambdaCodeDir = join(rootDir, 'dist', 'lambdas');
  await buildLambdas({ outDir: lambdaCodeDir, log: (line) => process.stderr.write(`${line}\n`) });
  // The published pages load one script each instead of a module graph (scripts/build-web.ts).
  const webDir = join(rootDir, 'dist', 'web');
  await buildWeb({ rootDir, outDir: webDir });
  const { app } = createAssistantApp({
    rootDir,
    lambdaCodeDir,
    webDir,
    // The CLI passes its own output folder; alone, the app writes where `cdk deploy --app cdk.out` reads.
    outdir: process.env.CDK_OUTDIR ?? join(rootDir, 'cdk.out'),
    context: parseContextArgs(process.argv.slice(2)),
  });
  const assembly = app.synth();
  if (process.env.CDK_OUTDIR === undefined) {
    process.stderr.write(
      `Synthesised ${assembly.stacks.map((s) => s.stackName).join(', ')} into ${assembly.directory}\n`,
    );
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
