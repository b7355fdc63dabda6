import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acknowledgeNagFinding, applyNagChecks, NAG_NAMESPACE } from '../../infra/nag';
import { type SynthResult, synthAssistant } from './synth-fixture';

interface Violation {
  ruleName: string;
  severity: string;
  violatingConstructs: { constructPath: string }[];
  acknowledgedId?: string;
  acknowledgedAt?: string;
  reason?: string;
}
interface ValidationReport {
  pluginReports: {
    pluginName: string;
    conclusion: string;
    violations: Violation[];
    suppressedViolations?: Violation[];
  }[];
}

let synth: SynthResult;
let report: ValidationReport;

beforeAll(async () => {
  // Throws (failing every test below) if any AwsSolutions finding is left unacknowledged.
  synth = await synthAssistant();
  report = JSON.parse(readFileSync(join(synth.assembly.directory, 'validation-report.json'), 'utf8'));
});
afterAll(() => synth?.cleanup());

const nagReport = () => {
  const found = report.pluginReports.find((r) => r.pluginName === NAG_NAMESPACE);
  if (!found) throw new Error('cdk-nag did not run');
  return found;
};

/** Every acknowledgement recorded in the construct tree: `{ path, id, reason }`. */
function acknowledgements(): { path: string; id: string; reason: string }[] {
  const metadata = JSON.parse(
    readFileSync(join(synth.assembly.directory, `${synth.stack.artifactId}.metadata.json`), 'utf8'),
  ) as Record<string, { type: string; data: Record<string, string> }[]>;
  return Object.entries(metadata).flatMap(([path, entries]) =>
    entries
      .filter((e) => e.type === 'aws:cdk:acknowledged-rules')
      .flatMap((e) =>
        Object.entries(e.data).map(([id, reason]) => ({ path: path.replace(/^\//, ''), id, reason })),
      ),
  );
}

describe("cdk-nag's AwsSolutions checks", () => {
  it('ran on the stack and found nothing unacknowledged (no error, no warning)', () => {
    expect(nagReport().conclusion).toBe('success');
    expect(nagReport().violations).toEqual([]);
  });

  it('records a reason with every acknowledged finding', () => {
    const suppressed = nagReport().suppressedViolations ?? [];
    expect(suppressed.length).toBeGreaterThan(0);
    for (const v of suppressed) {
      expect(v.reason?.trim().length ?? 0, `${v.ruleName} at ${v.acknowledgedAt}`).toBeGreaterThanOrEqual(40);
    }
  });

  it('has no stale acknowledgement: each one silences a finding that exists', () => {
    const used = new Set(
      (nagReport().suppressedViolations ?? []).map((v) => `${v.acknowledgedAt}|${v.acknowledgedId}`),
    );
    const ours = acknowledgements().filter((a) => a.id.startsWith(`${NAG_NAMESPACE}::`));
    expect(ours.length).toBeGreaterThan(0);
    for (const a of ours) expect(used.has(`${a.path}|${a.id}`), `${a.id} at ${a.path}`).toBe(true);
  });

  it('acknowledges nothing for the whole stack at once', () => {
    expect(acknowledgements().filter((a) => a.path === synth.stack.stackName)).toEqual([]);
  });
});

describe('the checks themselves', () => {
  it('fail the synthesis of a stack with a finding', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'nag-control-'));
    try {
      const app = new App({ outdir });
      const stack = new Stack(app, 'Control');
      new sqs.Queue(stack, 'PlainQueue', { encryption: sqs.QueueEncryption.UNENCRYPTED });
      applyNagChecks(app);
      // The synthesis must refuse; which rules it names is read from the report it writes (the
      // error's own wording differs between CDK's reporting modes).
      expect(() => app.synth()).toThrow(/Validation failed|AwsSolutions-SQS2/);
      const control = JSON.parse(
        readFileSync(join(outdir, 'validation-report.json'), 'utf8'),
      ) as ValidationReport;
      const rules = control.pluginReports.flatMap((r) => r.violations.map((v) => v.ruleName));
      expect(rules).toEqual(
        expect.arrayContaining(['AwsSolutions-SQS2', 'AwsSolutions-SQS3', 'AwsSolutions-SQS4']),
      );
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });

  it.each(['', 'ok', 'not needed'])('refuse an acknowledgement whose reason is %j', (reason) => {
    const stack = new Stack(new App(), 'Control');
    expect(() => acknowledgeNagFinding(stack, 'AwsSolutions-S1', reason)).toThrow(/real reason/);
  });
});
