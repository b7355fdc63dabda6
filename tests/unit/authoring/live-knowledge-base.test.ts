import { describe, expect, it } from 'vitest';
import { createAuthoringStore } from '../../../functions/authoring/authoring-store';
import { staticKnowledgeSources } from '../../../functions/authoring/knowledge-sources';
import { LiveKnowledgeBase } from '../../../functions/authoring/live-knowledge-base';
import { publishSnapshot } from '../../../functions/authoring/publisher';
import { MARKER_KEY, memorySnapshotStore } from '../../../functions/authoring/snapshot-store';
import { fixedClock } from '../../../functions/shared/clock';
import { MemoryTable } from '../../../functions/stores/memory/memory-table';
import { createKnowledgeBase } from '../../../knowledge/knowledge-base';
import { CATALOGUE, curated } from '../knowledge/fixtures';

/** A published snapshot reaches a running function within 60 s; a broken one never serves. */
function setup() {
  const clock = fixedClock(new Date('2026-11-24T02:00:00Z'));
  const store = createAuthoringStore(new MemoryTable(clock));
  const snapshots = memorySnapshotStore();
  const sources = staticKnowledgeSources(CATALOGUE, []);
  const bundled = createKnowledgeBase({ procedures: CATALOGUE, curated: [] });
  // Another process: its own holder, sharing only the snapshot store.
  const live = new LiveKnowledgeBase({ bundled: () => bundled, snapshots, clock, refreshMs: 30_000 });
  const swimming = curated({
    id: 'cur.lop-boi',
    title: 'Đăng ký lớp dạy bơi mùa hè cho thiếu nhi',
    aliases: ['học bơi hè cho con'],
  });
  const publish = async (entry = swimming, version = 1) => {
    await store.publish({
      entryId: entry.id,
      version,
      entry,
      by: { staffId: 'r', name: 'Trần Văn C' },
      at: clock.now().toISOString(),
      why: 'mới',
    });
    return publishSnapshot({ store, snapshots, sources, clock });
  };
  return { clock, live, snapshots, publish, swimming };
}

describe('LiveKnowledgeBase', () => {
  it('looks at the marker at most every 30 s and serves a new snapshot by the next look', async () => {
    const { clock, live, publish } = setup();
    await live.refreshIfDue(); // first look: nothing published yet
    expect(live.version).toBe(0);
    expect(live.get('cur.lop-boi')).toBeUndefined();
    await publish();
    clock.advance(29_000);
    await live.refreshIfDue();
    expect(live.get('cur.lop-boi')).toBeUndefined(); // not yet looked again
    clock.advance(1_000);
    await live.refreshIfDue();
    expect(live.version).toBe(1);
    expect(live.search('lớp dạy bơi mùa hè cho thiếu nhi')[0]?.id).toBe('cur.lop-boi');
  });

  it('keeps the last good knowledge when a snapshot does not match its marker or is missing', async () => {
    const { clock, live, snapshots, publish } = setup();
    const marker = await publish();
    await live.refreshIfDue();
    expect(live.version).toBe(1);
    // A second publish whose file is corrupted after the marker moved (a half-written upload).
    const second = await publish(undefined, 2);
    snapshots.objects.set(second.key, Buffer.from('KB 3 1 1\nbroken'));
    clock.advance(30_000);
    await live.refreshIfDue();
    expect(live.version).toBe(1);
    expect(live.get('cur.lop-boi')).toBeDefined();
    // A marker that is not JSON at all is treated as absent.
    snapshots.objects.set(MARKER_KEY, Buffer.from('{'));
    clock.advance(30_000);
    await live.refreshIfDue();
    expect(live.version).toBe(marker.version);
  });

  it('a publish whose upload fails leaves the marker, and every reader, where they were', async () => {
    const { clock, live, snapshots, publish, swimming } = setup();
    await publish();
    await live.refreshIfDue();
    snapshots.failWrites = true;
    await expect(publish({ ...swimming, summary: 'Bản lỗi' }, 2)).rejects.toThrow();
    expect((await snapshots.readMarker())?.version).toBe(1);
    clock.advance(60_000);
    await live.refreshIfDue();
    expect(live.version).toBe(1);
    expect(live.get('cur.lop-boi')?.summary).toBeUndefined();
  });
});
