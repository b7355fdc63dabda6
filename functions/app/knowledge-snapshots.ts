import { s3SnapshotStore } from '../authoring/s3-snapshot-store';
import type { SnapshotStore } from '../authoring/snapshot-store';
import type { AppConfig } from '../config/config';

/** In AWS the knowledge bucket; elsewhere none unless the caller (the local server) passes a folder. */
export function knowledgeSnapshots(config: AppConfig): SnapshotStore | undefined {
  if (!config.knowledge.bucket) return undefined;
  return s3SnapshotStore(config.region, config.knowledge.bucket);
}
