import { S3Client } from '@aws-sdk/client-s3';
import { s3SnapshotStore } from '../authoring/s3-snapshot-store';
import type { SnapshotStore } from '../authoring/snapshot-store';
import type { AppConfig } from '../config/config';

/** In AWS the knowledge bucket; elsewhere none unless the caller (the local server) passes a folder. */
export function knowledgeSnapshots(config: AppConfig): SnapshotStore | undefined {
  if (!config.knowledge.bucket) return undefined;
  return s3SnapshotStore(new S3Client({ region: config.region }), config.knowledge.bucket);
}
