import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod/mini';

/**
 * Where published knowledge snapshots live: the built knowledge base file (entries + index, the
 * format of knowledge/data/kb.jsonl) under a versioned key, and a small marker naming the current
 * one. The marker is written only after its snapshot is complete, so a reader never follows it to a
 * half-written file; a reader also checks the snapshot's hash before serving it.
 * Adapters: a folder (npm start: DATA_DIR/knowledge), S3 (AWS), memory (tests).
 */
export const SnapshotMarkerSchema = z.object({
  version: z.int().check(z.positive()),
  key: z.string().check(z.regex(/^snapshots\/\d{8}\.kb$/u)),
  sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/u)),
  bytes: z.int().check(z.positive()),
  publishedAt: z.string(),
  curatedEntries: z.int().check(z.nonnegative()),
  /** Input hash of the shipped knowledge (kb.jsonl) the snapshot was built beside: a deploy changes it. */
  baseHash: z.optional(z.string()),
});
export type SnapshotMarker = z.infer<typeof SnapshotMarkerSchema>;

export interface SnapshotStore {
  readMarker(): Promise<SnapshotMarker | undefined>;
  writeMarker(marker: SnapshotMarker): Promise<void>;
  putSnapshot(key: string, bytes: Buffer): Promise<void>;
  getSnapshot(key: string): Promise<Buffer>;
}

export const MARKER_KEY = 'current.json';
export const snapshotKey = (version: number) => `snapshots/${String(version).padStart(8, '0')}.kb`;

/** A marker that does not parse is treated as absent: the last good knowledge keeps serving. */
export function parseMarker(text: string): SnapshotMarker | undefined {
  try {
    const parsed = SnapshotMarkerSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** `npm start`: files under DATA_DIR/knowledge, each written beside and renamed over (never half-visible). */
export function folderSnapshotStore(dir: string): SnapshotStore {
  const write = (name: string, bytes: Buffer | string) => {
    const path = join(dir, name);
    mkdirSync(join(path, '..'), { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, bytes);
    renameSync(temporary, path);
  };
  return {
    async readMarker() {
      const path = join(dir, MARKER_KEY);
      return existsSync(path) ? parseMarker(readFileSync(path, 'utf8')) : undefined;
    },
    async writeMarker(marker) {
      write(MARKER_KEY, JSON.stringify(marker));
    },
    async putSnapshot(key, bytes) {
      write(key, bytes);
    },
    async getSnapshot(key) {
      return readFileSync(join(dir, key));
    },
  };
}

/** Tests: the same contract in memory, with a switch to fail the next writes like a broken bucket. */
export function memorySnapshotStore(): SnapshotStore & { objects: Map<string, Buffer>; failWrites: boolean } {
  const objects = new Map<string, Buffer>();
  const store = {
    objects,
    failWrites: false,
    async readMarker() {
      const raw = objects.get(MARKER_KEY);
      return raw ? parseMarker(raw.toString('utf8')) : undefined;
    },
    async writeMarker(marker: SnapshotMarker) {
      if (store.failWrites) throw new Error('snapshot store unavailable');
      objects.set(MARKER_KEY, Buffer.from(JSON.stringify(marker)));
    },
    async putSnapshot(key: string, bytes: Buffer) {
      if (store.failWrites) throw new Error('snapshot store unavailable');
      objects.set(key, Buffer.from(bytes));
    },
    async getSnapshot(key: string) {
      const found = objects.get(key);
      if (!found) throw new Error(`no snapshot ${key}`);
      return Buffer.from(found);
    },
  };
  return store;
}
