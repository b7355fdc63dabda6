import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readKnowledgeBase } from '../../knowledge/knowledge-base';
import type { KnowledgeBase } from '../../knowledge/schema';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import type { SnapshotMarker, SnapshotStore } from './snapshot-store';

/** A published change reaches every running function within 60 s: each looks at most every 30 s. */
export const DEFAULT_REFRESH_MS = 30_000;

export interface LiveKnowledgeBaseOptions {
  /** The knowledge shipped with the code (knowledge/data/kb.jsonl), used until a snapshot is published. */
  bundled: () => KnowledgeBase;
  snapshots?: SnapshotStore;
  clock: Clock;
  refreshMs?: number;
  log?: Logger;
  /** Opens a verified snapshot; by default written to the temporary folder and opened like kb.jsonl. */
  open?: (bytes: Buffer, marker: SnapshotMarker) => KnowledgeBase;
}

/**
 * The knowledge base a chat or Zalo processor function serves from, swapped in place when staff
 * publish. Searching stays synchronous; `refreshIfDue()` (awaited before each turn) reads the small
 * marker at most once per interval and, when it names a newer snapshot, downloads it, checks its hash,
 * opens it and only then swaps. Anything that fails keeps the current knowledge.
 */
export class LiveKnowledgeBase implements KnowledgeBase {
  private active: KnowledgeBase | undefined;
  private activeVersion = 0;
  private lastCheck = Number.NEGATIVE_INFINITY;
  private inFlight: Promise<void> | undefined;

  constructor(private readonly options: LiveKnowledgeBaseOptions) {}

  /** Input hash of the shipped knowledge (kb.jsonl), when it can be read. */
  get bundledHash(): string | undefined {
    const bundled = this.options.bundled() as KnowledgeBase & { inputHash?: unknown };
    return typeof bundled.inputHash === 'string' && bundled.inputHash ? bundled.inputHash : undefined;
  }

  /** 0 while the bundled knowledge serves, else the snapshot's version. */
  get version(): number {
    return this.activeVersion;
  }

  private current(): KnowledgeBase {
    this.active ??= this.options.bundled();
    return this.active;
  }

  search(...args: Parameters<KnowledgeBase['search']>) {
    return this.current().search(...args);
  }

  get(id: string) {
    return this.current().get(id);
  }

  get size(): number {
    return this.current().size;
  }

  /** Looks for a newer snapshot when the interval has passed since the last look; cheap otherwise. */
  refreshIfDue(): Promise<void> {
    if (!this.options.snapshots) return Promise.resolve();
    const now = this.options.clock.now().getTime();
    if (now - this.lastCheck < (this.options.refreshMs ?? DEFAULT_REFRESH_MS))
      return this.inFlight ?? Promise.resolve();
    this.lastCheck = now;
    return this.refreshNow();
  }

  /** Looks now (after a publish in this very process). One look at a time; callers share it. */
  refreshNow(): Promise<void> {
    this.inFlight ??= this.load().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async load(): Promise<void> {
    const { snapshots, log } = this.options;
    if (!snapshots) return;
    try {
      const marker = await snapshots.readMarker();
      if (!marker || marker.version <= this.activeVersion) return;
      const bytes = await snapshots.getSnapshot(marker.key);
      const sha = createHash('sha256').update(bytes).digest('hex');
      if (bytes.length !== marker.bytes || sha !== marker.sha256) {
        log?.warn('knowledge_snapshot_rejected', { version: marker.version, reason: 'hash' });
        return;
      }
      const opened = (this.options.open ?? openFromTemporaryFile)(bytes, marker);
      // A snapshot that cannot answer a search is not served.
      opened.search('căn cước', { k: 1 });
      this.active = opened;
      this.activeVersion = marker.version;
      log?.info('knowledge_snapshot_loaded', { version: marker.version, entries: opened.size });
    } catch (error) {
      log?.warn('knowledge_snapshot_failed', { error });
    }
  }
}

/** The knowledge file format is read by offset from a file, as Lambda's /tmp allows. */
function openFromTemporaryFile(bytes: Buffer, marker: SnapshotMarker): KnowledgeBase {
  const dir = join(tmpdir(), 'knowledge-snapshots');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${process.pid}-${marker.version}.kb`);
  writeFileSync(path, bytes);
  return readKnowledgeBase(path);
}
