import type { CfnElement } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssistantFunction } from '../../infra/constructs/assistant-function';
import { type SynthResult, synthAssistant } from './synth-fixture';

/** Issue 16 in AWS: the snapshot bucket is private, versioned and encrypted; only staff may publish. */
type Resource = { Type: string; Properties: Record<string, unknown> };
type Statement = { Action: string | string[]; Resource: unknown };

let synth: SynthResult;
let resources: Record<string, Resource>;
beforeAll(async () => {
  synth = await synthAssistant();
  resources = synth.template.toJSON().Resources as Record<string, Resource>;
}, 600_000);
afterAll(() => synth?.cleanup());

const logicalId = (construct: IConstruct) =>
  synth.stack.getLogicalId(construct.node.defaultChild as CfnElement);

function statementsOf(f: AssistantFunction): Statement[] {
  const role = JSON.stringify({ Ref: logicalId(f.role) });
  return Object.values(resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy')
    .filter((r) => (r.Properties.Roles as unknown[]).some((ref) => JSON.stringify(ref) === role))
    .flatMap((r) => (r.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
}
const s3Actions = (f: AssistantFunction) =>
  statementsOf(f)
    .flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]))
    .filter((a) => a.startsWith('s3:'))
    .sort();

describe('knowledge snapshots in AWS', () => {
  it('keeps snapshots in a private, versioned, encrypted, access-logged bucket', () => {
    const bucket = resources[logicalId(synth.stack.knowledge.bucket)];
    expect(bucket?.Properties).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      LoggingConfiguration: expect.objectContaining({ LogFilePrefix: 'knowledge/' }),
    });
  });

  it('lets chat and the Zalo processor read, the staff function alone publish, and nobody else touch it', () => {
    const f = synth.stack.functions;
    expect(s3Actions(f.chat)).toEqual(['s3:GetObject']);
    expect(s3Actions(f.zaloProcessor)).toEqual(['s3:GetObject']);
    expect(s3Actions(f.staff)).toEqual(['s3:GetObject', 's3:PutObject']);
    for (const other of [f.zaloWebhook, f.zaloTokenRefresh, f.integrations])
      expect(s3Actions(other)).toEqual([]);
    const staffPut = statementsOf(f.staff).find((s) => [s.Action].flat().includes('s3:PutObject'));
    expect(JSON.stringify(staffPut?.Resource)).toContain('/current.json');
    expect(JSON.stringify(staffPut?.Resource)).toContain('/snapshots/*.kb');
  });

  it('tells the three functions where the bucket is', () => {
    const f = synth.stack.functions;
    for (const fn of [f.chat, f.zaloProcessor, f.staff]) {
      const environment = resources[logicalId(fn.fn)]?.Properties.Environment as
        | { Variables: Record<string, unknown> }
        | undefined;
      const variables = environment?.Variables ?? {};
      expect(variables.KNOWLEDGE_BUCKET).toEqual({ Ref: logicalId(synth.stack.knowledge.bucket) });
    }
  });

  it('has one Cognito group per staff role, in the staff user pool', () => {
    const groups = Object.values(resources).filter((r) => r.Type === 'AWS::Cognito::UserPoolGroup');
    expect(groups.map((g) => g.Properties.GroupName).sort()).toEqual([
      'admin',
      'agent',
      'editor',
      'reviewer',
    ]);
    for (const g of groups)
      expect(g.Properties.UserPoolId).toEqual({ Ref: logicalId(synth.stack.staffAuth.userPool) });
  });
});
