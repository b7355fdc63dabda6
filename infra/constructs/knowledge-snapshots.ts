import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeNagFinding } from '../nag';
import type { AssistantFunction } from './assistant-function';

export interface KnowledgeSnapshotsProps {
  /** Functions that answer citizens: they read the marker and the snapshots. */
  readonly readers: readonly AssistantFunction[];
  /** The staff function: it publishes (and reads, for the before → after checks). */
  readonly publisher: AssistantFunction;
  readonly accessLogs: s3.IBucket;
}

/** Object keys the functions touch: the marker and the snapshot files, nothing else in the bucket. */
export const MARKER_OBJECT = 'current.json';
export const SNAPSHOT_OBJECTS = 'snapshots/*.kb';

/**
 * Published knowledge (issue 16): a private, versioned, encrypted bucket holding each snapshot the
 * staff function builds on publish, and the small marker naming the current one. Readers may only
 * get those objects; only the staff function may put them. Old versions of an object are kept 90
 * days, so a bad marker can be restored by hand even though rollback normally goes through the API.
 */
export class KnowledgeSnapshots extends Construct {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: KnowledgeSnapshotsProps) {
    super(scope, id);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'knowledge/',
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(90) }],
      // Snapshots are rebuilt from the tables on the next publish; nothing here is the only copy.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const objects = [
      `${this.bucket.bucketArn}/${MARKER_OBJECT}`,
      `${this.bucket.bucketArn}/${SNAPSHOT_OBJECTS}`,
    ];
    for (const fn of [...props.readers, props.publisher]) {
      fn.fn.addEnvironment('KNOWLEDGE_BUCKET', this.bucket.bucketName);
      fn.role.addToPrincipalPolicy(
        new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: objects }),
      );
    }
    props.publisher.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: objects }),
    );
    for (const fn of [...props.readers, props.publisher])
      acknowledgeNagFinding(
        fn.role,
        `AwsSolutions-IAM5[Resource::<${logicalIdHint(this.bucket)}.Arn>/${SNAPSHOT_OBJECTS}]`,
        'Snapshot files are named by version number (snapshots/00000042.kb); the grant covers exactly that naming pattern in this one bucket, not the bucket as a whole.',
      );
  }
}

/** The bucket's logical id as cdk-nag spells it in a granular finding (`<Id.Arn>`). */
function logicalIdHint(bucket: s3.Bucket): string {
  const stack = Stack.of(bucket);
  return stack.resolve(stack.getLogicalId(bucket.node.defaultChild as s3.CfnBucket)) as string;
}
