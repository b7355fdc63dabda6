import { createKnowledgeBase } from '../../knowledge/knowledge-base';
import { type KnowledgeBase, type KnowledgeEntry, KnowledgeEntrySchema } from '../../knowledge/schema';
import { badRequest, conflict, forbidden, notFound } from '../http/errors';
import type { Clock } from '../shared/clock';
import { newId } from '../shared/ids';
import { vietnamDate } from '../shared/vietnam-time';
import type { UnansweredStore } from '../stores/unanswered-store';
import {
  type AuthoringStore,
  type Draft,
  type DraftStatus,
  type EntryVersion,
  type Person,
  type PublishedEntry,
  StaleWriteError,
} from './authoring-store';
import { answerChanges, type DraftChecks, entryProblems } from './draft-checks';
import { type EntryInput, EntryInputSchema, inputOf, slugId, toCandidateEntry } from './entry-input';
import type { EvaluationQuestion } from './evaluation-questions';
import { effectiveCurated, type KnowledgeSources } from './knowledge-sources';
import { type AnswerPreview, previewAnswer } from './preview';
import { publishSnapshot } from './publisher';
import type { SnapshotMarker, SnapshotStore } from './snapshot-store';
import { staleEntries } from './stale-content';

export interface AuthoringDeps {
  store: AuthoringStore;
  snapshots: SnapshotStore;
  sources: KnowledgeSources;
  clock: Clock;
  /** What citizens are answered from right now: the "before" of every check. */
  live: KnowledgeBase;
  questions: () => readonly EvaluationQuestion[];
  unanswered: UnansweredStore;
  /** Input hash of the shipped knowledge (kb.jsonl) in this process. */
  baseHash?: string;
  /** Called after a snapshot is published, so this process serves it at once. */
  onPublished?: (marker: SnapshotMarker) => Promise<void>;
}

type Aspect = Parameters<typeof previewAnswer>[2];

export type { AnswerPreview };

/** Fields an editor sends; only those present change the entry they start from. */
export type EntryPatch = Partial<EntryInput>;

export interface DraftRequest {
  baseId?: string;
  entry: EntryPatch;
  why: string;
}

const notFoundEntry = () => notFound('Không tìm thấy mục tri thức này.');
const notFoundDraft = () => notFound('Không tìm thấy bản nháp này.');

/**
 * Drafts → review → publish. Editors write drafts, a reviewer who is not the author approves or rejects,
 * every published version is kept (who, when, why) and any can be restored; each publish or rollback
 * builds and stores a new knowledge snapshot that every running function picks up within 60 s.
 */
export function createAuthoringService(deps: AuthoringDeps) {
  const { store, clock, sources } = deps;
  const nowIso = () => clock.now().toISOString();

  function layerOf(head: PublishedEntry | undefined, entryId: string): KnowledgeEntry | undefined {
    return head?.entry ?? sources.curatedFiles().find((e) => e.id === entryId);
  }

  async function entryExists(id: string): Promise<boolean> {
    return Boolean((await store.head(id)) || layerOf(undefined, id) || deps.live.get(id));
  }

  /** What a draft edits: the entry id, the catalogue code it layers, and the text it starts from. */
  async function resolveTarget(
    baseId: string | undefined,
    patch: EntryPatch,
  ): Promise<{ entryId: string; code?: string; start: EntryInput }> {
    if (!baseId) {
      const title = patch.title?.trim();
      if (!title) throw badRequest('invalid_request', 'Mục mới cần có tiêu đề.');
      const stem = slugId(patch.kind === 'faq' ? 'faq' : 'cur', title);
      const open = new Set((await store.listDrafts()).map((d) => d.entryId));
      let id = stem;
      for (let n = 2; (await entryExists(id)) || open.has(id); n++) id = `${stem}-${n}`;
      return { entryId: id, start: EntryInputSchema.parse({}) };
    }
    const procedure = /^proc\.(\d\.\d{6})$/u.exec(baseId);
    if (procedure) {
      const code = procedure[1] as string;
      const record = sources.procedures().find((p) => p.code === code);
      if (!record) throw notFoundEntry();
      const heads = await store.heads();
      const layered =
        heads.find((h) => h.entry.code === code)?.entry ??
        sources.curatedFiles().find((e) => e.code === code);
      if (layered) return { entryId: layered.id, code, start: inputOf(layered) };
      // A new layer keeps the catalogue's title and text; the editor adds what citizens need here.
      return {
        entryId: `cur.tthc.${code}`,
        code,
        start: EntryInputSchema.parse({ title: record.title }),
      };
    }
    const head = await store.head(baseId);
    const layer = layerOf(head, baseId);
    if (!layer) throw notFoundEntry();
    return {
      entryId: baseId,
      ...(layer.code ? { code: layer.code } : {}),
      start: inputOf(layer),
    };
  }

  function candidate(draft: Pick<Draft, 'entryId' | 'input' | 'code'>): unknown {
    return toCandidateEntry(draft.entryId, draft.input, draft.code);
  }

  async function mustGetDraft(id: string): Promise<Draft> {
    const draft = await store.getDraft(id);
    if (!draft) throw notFoundDraft();
    return draft;
  }

  async function save(draft: Draft): Promise<Draft> {
    try {
      return await store.saveDraft(draft);
    } catch (error) {
      if (error instanceof StaleWriteError)
        throw conflict('draft_changed', 'Bản nháp vừa được người khác thay đổi. Vui lòng tải lại.');
      throw error;
    }
  }

  async function publishNow(): Promise<SnapshotMarker> {
    const marker = await publishSnapshot(deps);
    await deps.onPublished?.(marker);
    return marker;
  }

  async function appendVersion(version: Omit<EntryVersion, 'version'>): Promise<number> {
    const head = await store.head(version.entryId);
    const next = (head?.version ?? 0) + 1;
    try {
      await store.publish({ ...version, version: next });
    } catch (error) {
      if (error instanceof StaleWriteError)
        throw conflict('version_conflict', 'Mục này vừa được xuất bản bởi người khác. Vui lòng thử lại.');
      throw error;
    }
    return next;
  }

  async function createDraft(author: Person, request: DraftRequest & { fromQuestion?: string }) {
    const target = await resolveTarget(request.baseId, request.entry);
    const input = EntryInputSchema.parse({ ...target.start, ...definedOnly(request.entry) });
    const at = nowIso();
    return store.createDraft({
      id: newId(clock.now().getTime()),
      entryId: target.entryId,
      ...(request.baseId ? { baseId: request.baseId } : {}),
      ...(target.code ? { code: target.code } : {}),
      input,
      why: request.why,
      status: 'draft',
      author,
      createdAt: at,
      updatedAt: at,
      ...(request.fromQuestion ? { fromQuestion: request.fromQuestion } : {}),
    });
  }

  return {
    createDraft,

    async updateDraft(editor: Person, id: string, request: { entry: EntryPatch; why: string }) {
      const draft = await mustGetDraft(id);
      if (draft.status !== 'draft' && draft.status !== 'rejected')
        throw conflict('not_editable', 'Bản nháp đang chờ duyệt hoặc đã xuất bản, không sửa được nữa.');
      const input = EntryInputSchema.parse({ ...draft.input, ...definedOnly(request.entry) });
      const { checks: _checks, review: _review, ...rest } = draft;
      return save({ ...rest, input, why: request.why, status: 'draft', updatedAt: nowIso(), author: editor });
    },

    /** Runs every check; a draft with problems stays a draft and says why. */
    async submit(id: string) {
      const draft = await mustGetDraft(id);
      if (draft.status !== 'draft' && draft.status !== 'rejected')
        throw conflict('not_submittable', 'Bản nháp này đã được gửi duyệt hoặc đã xuất bản.');
      const checks = await runChecks(draft);
      const status: DraftStatus = checks.ok ? 'in_review' : 'draft';
      const saved = await save({ ...draft, checks, status, updatedAt: nowIso() });
      return { status: saved.status, checks };
    },

    async approve(reviewer: Person, id: string) {
      const draft = await mustGetDraft(id);
      if (draft.author.staffId === reviewer.staffId)
        throw forbidden('Người soạn không được tự duyệt bản nháp của mình.');
      if (draft.status !== 'in_review')
        throw conflict('not_in_review', 'Bản nháp này không ở trạng thái chờ duyệt.');
      const { entry, problems } = entryProblems(candidate(draft), vietnamDate(clock.now()));
      if (!entry) throw conflict('checks_failed', problems[0]?.message ?? 'Bản nháp chưa qua kiểm tra.');
      // The draft is marked first: of two reviewers approving at once, only one gets past here.
      const reviewed = await save({
        ...draft,
        status: 'published',
        updatedAt: nowIso(),
        review: { by: reviewer, at: nowIso() },
      });
      let version: number;
      try {
        version = await appendVersion({
          entryId: draft.entryId,
          entry,
          by: reviewer,
          at: nowIso(),
          why: draft.why,
          draftId: draft.id,
        });
      } catch (error) {
        await store.saveDraft({ ...reviewed, status: 'in_review' });
        throw error;
      }
      await store.saveDraft({ ...reviewed, review: { by: reviewer, at: reviewed.updatedAt, version } });
      const marker = await publishNow();
      return { status: 'published' as const, version, snapshot: marker.version };
    },

    async reject(reviewer: Person, id: string, reason: string) {
      const draft = await mustGetDraft(id);
      if (draft.status !== 'in_review')
        throw conflict('not_in_review', 'Bản nháp này không ở trạng thái chờ duyệt.');
      const saved = await save({
        ...draft,
        status: 'rejected',
        updatedAt: nowIso(),
        review: { by: reviewer, at: nowIso(), reason },
      });
      return { status: saved.status };
    },

    async rollback(reviewer: Person, entryId: string, version: number, why: string) {
      const history = await store.history(entryId);
      const target = history.find((v) => v.version === version);
      if (!target) throw notFound('Không có phiên bản này.');
      const next = await appendVersion({
        entryId,
        entry: target.entry,
        by: reviewer,
        at: nowIso(),
        why,
        rollbackOf: version,
      });
      const marker = await publishNow();
      return { status: 'published' as const, version: next, restored: version, snapshot: marker.version };
    },

    /** One step from an unanswered question: a draft that adds it to an entry's phrasings, or a new one. */
    async attachQuestion(editor: Person, questionId: string, entryId: string | undefined) {
      const question = await deps.unanswered.get(questionId);
      if (!question) throw notFound('Không tìm thấy câu hỏi này.');
      if (!entryId)
        return createDraft(editor, {
          entry: { title: question.text.slice(0, 300), aliases: [question.text.slice(0, 200)] },
          why: 'Câu hỏi chưa được trả lời',
          fromQuestion: questionId,
        });
      const target = await resolveTarget(entryId, {});
      return createDraft(editor, {
        baseId: entryId,
        entry: { aliases: [...target.start.aliases, question.text.slice(0, 200)] },
        why: 'Thêm cách hỏi từ câu hỏi chưa được trả lời',
        fromQuestion: questionId,
      });
    },

    async entryDetail(id: string) {
      const resolvedId = deps.live.get(id)?.id ?? id;
      const head = await store.head(resolvedId);
      const layer = layerOf(head, resolvedId);
      const served = deps.live.get(resolvedId);
      if (!served && !layer) throw notFoundEntry();
      return {
        id: resolvedId,
        entry: served ?? layer,
        ...(layer ? { layer } : {}),
        version: head?.version ?? 0,
        history: (await store.history(resolvedId)).map(({ entry: _e, ...v }) => v),
      };
    },

    /**
     * The answer as a citizen would see it, from the form as it is now (saved or not). Missing source
     * and date do not stop a preview; the checks on submit insist on them.
     */
    async preview(request: { baseId?: string; entry: EntryPatch; aspect?: Aspect }) {
      const target = request.baseId
        ? await resolveTarget(request.baseId, request.entry)
        : { entryId: 'cur.xem-truoc', start: EntryInputSchema.parse({}) };
      const input = EntryInputSchema.parse({ ...target.start, ...definedOnly(request.entry) });
      const raw = toCandidateEntry(target.entryId, input, target.code) as Record<string, unknown>;
      const parsed = KnowledgeEntrySchema.safeParse({
        title: 'Mục chưa có tiêu đề',
        sourceUrl: 'https://dichvucong.gov.vn/',
        checkedAt: vietnamDate(clock.now()),
        ...raw,
      });
      if (!parsed.success) throw badRequest('invalid_request', 'Chưa đủ thông tin để xem trước.');
      const procedure = target.code ? sources.procedures().find((p) => p.code === target.code) : undefined;
      return previewAnswer(parsed.data, procedure, request.aspect);
    },

    /**
     * After a deployment ships new catalogue or curated files, the last snapshot still holds the old
     * ones: rebuild it once, with everything staff published, so citizens get both.
     */
    async republishIfBaseChanged(): Promise<boolean> {
      if (!deps.baseHash) return false;
      const marker = await deps.snapshots.readMarker();
      if (!marker || marker.baseHash === deps.baseHash) return false;
      await publishNow();
      return true;
    },

    /** The whole curated layer as it is published now (shipped files overlaid by staff's versions). */
    async layer(): Promise<KnowledgeEntry[]> {
      return effectiveCurated(sources.curatedFiles(), await store.heads());
    },

    async stale() {
      return staleEntries(
        effectiveCurated(sources.curatedFiles(), await store.heads()),
        vietnamDate(clock.now()),
      );
    },

    /**
     * An imported layer becomes drafts, one per entry that differs from what is published: an import
     * goes through review like any other change, never straight to citizens.
     */
    async importEntries(editor: Person, entries: readonly KnowledgeEntry[], why: string) {
      const current = new Map(
        effectiveCurated(sources.curatedFiles(), await store.heads()).map((e) => [e.id, e]),
      );
      const drafts: { id: string; entryId: string }[] = [];
      let unchanged = 0;
      for (const entry of entries) {
        const before = current.get(entry.id);
        if (before && sameEntry(before, entry)) {
          unchanged++;
          continue;
        }
        const at = nowIso();
        const draft = await store.createDraft({
          id: newId(clock.now().getTime()),
          entryId: entry.id,
          ...(entry.code ? { code: entry.code } : {}),
          input: inputOf(entry),
          why,
          status: 'draft',
          author: editor,
          createdAt: at,
          updatedAt: at,
        });
        drafts.push({ id: draft.id, entryId: draft.entryId });
      }
      return { drafts, unchanged };
    },

    versions: (entryId: string) => store.history(entryId),
    getDraft: mustGetDraft,
    listDrafts: (status?: DraftStatus) => store.listDrafts(status),
    heads: () => store.heads(),
  };

  async function runChecks(draft: Draft): Promise<DraftChecks> {
    const { entry, problems } = entryProblems(candidate(draft), vietnamDate(clock.now()));
    const base = { problems, checkedAt: nowIso() };
    if (!entry) return { ok: false, changes: [], evaluated: 0, ...base };
    const heads = await store.heads();
    const curated = effectiveCurated(sources.curatedFiles(), [
      ...heads.filter((h) => h.entryId !== draft.entryId),
      { entryId: draft.entryId, entry },
    ]);
    const after = createKnowledgeBase({ procedures: [...sources.procedures()], curated });
    const questions = deps.questions();
    const changes = answerChanges(deps.live, after, questions, draft.entryId);
    return { ok: true, changes, evaluated: questions.length, ...base };
  }
}

export type AuthoringService = ReturnType<typeof createAuthoringService>;

function sameEntry(a: KnowledgeEntry, b: KnowledgeEntry): boolean {
  return JSON.stringify(inputOf(a)) === JSON.stringify(inputOf(b)) && a.code === b.code;
}

function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}
