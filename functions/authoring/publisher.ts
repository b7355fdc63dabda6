import { createHash } from 'node:crypto';
import { buildKnowledgeBaseData } from '../../knowledge/build/build-knowledge-base';
import { serialiseKnowledgeBase } from '../../knowledge/knowledge-base-file';
import type { Clock } from '../shared/clock';
import type { AuthoringStore } from './authoring-store';
import { effectiveCurated, type KnowledgeSources } from './knowledge-sources';
import { type SnapshotMarker, type SnapshotStore, snapshotKey } from './snapshot-store';

export interface PublisherDeps {
  store: AuthoringStore;
  snapshots: SnapshotStore;
  sources: KnowledgeSources;
  clock: Clock;
  /** Input hash of the shipped knowledge in this process, recorded in the marker. */
  baseHash?: string;
}

/**
 * Builds the index once for everyone (catalogue + curated files + every published entry), stores it
 * under a new version, and only then moves the marker to it. A build or upload that fails leaves
 * the marker where it was: the last good knowledge keeps serving.
 *
 * The snapshot number is taken before the published entries are read, so of two publishes that
 * overlap, the one with the higher number has read everything the other committed; the marker never
 * moves back to a lower number.
 */
export async function publishSnapshot(deps: PublisherDeps): Promise<SnapshotMarker> {
  const version = await deps.store.nextSnapshotVersion();
  const heads = await deps.store.heads();
  const curated = effectiveCurated(deps.sources.curatedFiles(), heads);
  const data = buildKnowledgeBaseData(
    { procedures: [...deps.sources.procedures()], curated },
    `snapshot-${version}`,
  );
  const bytes = serialiseKnowledgeBase(data);
  const key = snapshotKey(version);
  await deps.snapshots.putSnapshot(key, bytes);
  const current = await deps.snapshots.readMarker();
  if (current && current.version >= version) return current;
  const marker: SnapshotMarker = {
    version,
    key,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes: bytes.length,
    publishedAt: deps.clock.now().toISOString(),
    curatedEntries: curated.length,
    ...(deps.baseHash ? { baseHash: deps.baseHash } : {}),
  };
  await deps.snapshots.writeMarker(marker);
  return marker;
}
