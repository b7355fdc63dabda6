import { describe, expect, it } from 'vitest';
import { createAuthoringService } from '../../../functions/authoring/authoring-service';
import { createAuthoringStore } from '../../../functions/authoring/authoring-store';
import { staticKnowledgeSources } from '../../../functions/authoring/knowledge-sources';
import { LiveKnowledgeBase } from '../../../functions/authoring/live-knowledge-base';
import { memorySnapshotStore } from '../../../functions/authoring/snapshot-store';
import { AppError } from '../../../functions/http/errors';
import { fixedClock } from '../../../functions/shared/clock';
import { MemoryTable } from '../../../functions/stores/memory/memory-table';
import { createUnansweredStore } from '../../../functions/stores/unanswered-store';
import { createKnowledgeBase } from '../../../knowledge/knowledge-base';
import { CATALOGUE, curated } from '../knowledge/fixtures';

const EDITOR = { staffId: 'editor-1', name: 'Lê Thị B' };
const REVIEWER = { staffId: 'reviewer-1', name: 'Trần Văn C' };

function setup(baseHash?: string) {
  const clock = fixedClock(new Date('2026-11-24T02:00:00Z'));
  const table = new MemoryTable(clock);
  const marriage = curated({
    id: 'cur.ket-hon',
    code: '1.000894',
    title: 'Đăng ký kết hôn',
    aliases: ['làm giấy đăng ký kết hôn'],
  });
  const sources = staticKnowledgeSources(CATALOGUE, [marriage]);
  const snapshots = memorySnapshotStore();
  const live = new LiveKnowledgeBase({
    bundled: () => createKnowledgeBase({ procedures: CATALOGUE, curated: [marriage] }),
    snapshots,
    clock,
  });
  const unanswered = createUnansweredStore(table);
  const service = createAuthoringService({
    store: createAuthoringStore(table),
    snapshots,
    sources,
    clock,
    live,
    questions: () => [
      { text: 'đăng ký kết hôn cần giấy tờ gì', source: 'holdout' },
      { text: 'làm giấy khai sinh cho con', source: 'holdout' },
    ],
    unanswered,
    ...(baseHash ? { baseHash } : {}),
    onPublished: () => live.refreshNow(),
  });
  return { service, live, clock, unanswered, snapshots, table };
}

const ENTRY = {
  title: 'Đăng ký lớp dạy bơi mùa hè cho thiếu nhi',
  aliases: ['học bơi hè cho con'],
  sourceUrl: 'https://ninhthuan.gov.vn/lop-boi',
  checkedAt: '2026-11-20',
};

async function status(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
    return 200;
  } catch (error) {
    if (error instanceof AppError) return error.status;
    throw error;
  }
}

describe('authoring service', () => {
  it('the author cannot approve their own draft; another reviewer can, and the chat serves it', async () => {
    const { service, live } = setup();
    const draft = await service.createDraft(EDITOR, { entry: ENTRY, why: 'Dịch vụ mới' });
    expect(draft.entryId).toBe('cur.dang-ky-lop-day-boi-mua-he-cho-thieu-nhi');
    expect((await service.submit(draft.id)).status).toBe('in_review');
    expect(await status(service.approve(EDITOR, draft.id))).toBe(403);
    const approved = await service.approve(REVIEWER, draft.id);
    expect(approved).toMatchObject({ status: 'published', version: 1 });
    expect(live.search('lớp dạy bơi mùa hè cho thiếu nhi')[0]?.id).toBe(draft.entryId);
  });

  it('shows the reviewer a phrasing that steals another procedure’s questions (before → after)', async () => {
    const { service } = setup();
    const draft = await service.createDraft(EDITOR, {
      entry: { ...ENTRY, aliases: ['đăng ký kết hôn cần giấy tờ gì'] },
      why: 'Thử một cách hỏi quá rộng',
    });
    const { checks } = await service.submit(draft.id);
    expect(checks.changes).toEqual([
      expect.objectContaining({
        question: 'đăng ký kết hôn cần giấy tờ gì',
        before: expect.objectContaining({ id: 'cur.ket-hon' }),
        after: expect.objectContaining({ id: draft.entryId }),
        effect: 'takes',
      }),
    ]);
  });

  it('a curated layer on a catalogue procedure keeps the catalogue title and adds local facts', async () => {
    const { service, live } = setup();
    const draft = await service.createDraft(EDITOR, {
      baseId: 'proc.1.001193',
      entry: {
        aspects: { place: 'Bộ phận một cửa UBND phường Đô Vinh.' },
        sourceUrl: 'https://ninhthuan.gov.vn/khai-sinh',
        checkedAt: '2026-11-20',
      },
      why: 'Nơi nộp ở tỉnh',
    });
    expect(draft).toMatchObject({ entryId: 'cur.tthc.1.001193', code: '1.001193' });
    await service.submit(draft.id);
    await service.approve(REVIEWER, draft.id);
    const served = live.get('proc.1.001193');
    expect(served?.id).toBe('cur.tthc.1.001193');
    expect(served?.title).toBe('Thủ tục đăng ký khai sinh');
    expect(served?.aspects.place).toBe('Bộ phận một cửa UBND phường Đô Vinh.');
  });

  it('rolls back to an earlier version as a new version, keeping who, when and why', async () => {
    const { service, live, clock } = setup();
    const first = await service.createDraft(EDITOR, { entry: { ...ENTRY, summary: 'Bản một.' }, why: 'một' });
    await service.submit(first.id);
    await service.approve(REVIEWER, first.id);
    clock.advance(60_000);
    const second = await service.createDraft(EDITOR, {
      baseId: first.entryId,
      entry: { summary: 'Bản hai.' },
      why: 'hai',
    });
    await service.submit(second.id);
    await service.approve(REVIEWER, second.id);
    expect(live.get(first.entryId)?.summary).toBe('Bản hai.');
    const rolled = await service.rollback(REVIEWER, first.entryId, 1, 'Bản hai sai');
    expect(rolled.version).toBe(3);
    expect(live.get(first.entryId)?.summary).toBe('Bản một.');
    const history = await service.versions(first.entryId);
    expect(history.map((v) => [v.version, v.why, v.rollbackOf])).toEqual([
      [1, 'một', undefined],
      [2, 'hai', undefined],
      [3, 'Bản hai sai', 1],
    ]);
    expect(await status(service.rollback(REVIEWER, first.entryId, 9, 'không có'))).toBe(404);
  });

  it('a draft with an unknown team, a future check date or a plain-http link stays a draft', async () => {
    const { service } = setup();
    const draft = await service.createDraft(EDITOR, {
      entry: {
        ...ENTRY,
        team: 'khong-co',
        checkedAt: '2026-12-01',
        links: [{ title: 'Mẫu đơn', url: 'http://x.vn/a' }],
      },
      why: 'thử',
    });
    const { status, checks } = await service.submit(draft.id);
    expect(status).toBe('draft');
    expect(checks.problems.map((p) => p.field).sort()).toEqual(['checkedAt', 'links', 'team']);
  });

  it('a rejected draft is never published', async () => {
    const { service, live } = setup();
    const draft = await service.createDraft(EDITOR, { entry: ENTRY, why: 'mới' });
    await service.submit(draft.id);
    await service.reject(REVIEWER, draft.id, 'Chưa có văn bản');
    expect(await status(service.approve(REVIEWER, draft.id))).toBe(409);
    expect(live.get(draft.entryId)).toBeUndefined();
  });

  it('rebuilds the snapshot once when the shipped knowledge changed since it was built (a deployment)', async () => {
    const first = setup('build-a');
    const draft = await first.service.createDraft(EDITOR, { entry: ENTRY, why: 'mới' });
    await first.service.submit(draft.id);
    await first.service.approve(REVIEWER, draft.id);
    expect((await first.snapshots.readMarker())?.baseHash).toBe('build-a');
    expect(await first.service.republishIfBaseChanged()).toBe(false);
    // The same store and bucket, seen from a process that ships other files.
    const after = createAuthoringService({
      store: createAuthoringStore(first.table),
      snapshots: first.snapshots,
      sources: staticKnowledgeSources(CATALOGUE, []),
      clock: first.clock,
      live: first.live,
      questions: () => [],
      unanswered: first.unanswered,
      baseHash: 'build-b',
    });
    expect(await after.republishIfBaseChanged()).toBe(true);
    expect(await first.snapshots.readMarker()).toMatchObject({ baseHash: 'build-b', version: 1 + 1 });
    expect(await after.republishIfBaseChanged()).toBe(false);
  });

  it('attaches an unanswered question to an entry as a new phrasing', async () => {
    const { service, unanswered, clock } = setup();
    await unanswered.add({
      text: 'cưới vợ thì làm giấy gì',
      intent: 'unknown',
      confidence: 0.2,
      channel: 'web',
      createdAt: clock.now().toISOString(),
    });
    const [question] = await unanswered.between('2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z');
    const draft = await service.attachQuestion(EDITOR, question?.id ?? '', 'cur.ket-hon');
    expect(draft.entryId).toBe('cur.ket-hon');
    expect(draft.input.aliases).toEqual(['làm giấy đăng ký kết hôn', 'cưới vợ thì làm giấy gì']);
    expect(draft.fromQuestion).toBe(question?.id);
  });
});
