import * as z from 'zod';
import { ASPECT_KEYS } from '../../knowledge/schema';
import type { Services } from '../app/container';
import { type AuthoringService, createAuthoringService } from '../authoring/authoring-service';
import { createAuthoringStore, DRAFT_STATUSES, type DraftStatus } from '../authoring/authoring-store';
import { readCatalogueChanges } from '../authoring/catalogue-changes-file';
import { type EntryInput, EntryInputSchema } from '../authoring/entry-input';
import { readEvaluationQuestions } from '../authoring/evaluation-questions';
import { fileKnowledgeSources, type KnowledgeSources } from '../authoring/knowledge-sources';
import { exportCsv, exportJson, importCsv, importJson } from '../authoring/layer-transfer';
import { badRequest } from '../http/errors';
import { parseJsonBody, query } from '../http/request';
import { json } from '../http/respond';
import type { createRouter } from '../http/router';
import { addVietnamDays, isCalendarDay, startOfVietnamDay, vietnamDate } from '../shared/vietnam-time';
import { groupUnanswered } from '../staff/reports';
import { requireKnowledgeReader, requireRole, type StaffPrincipal } from '../staff/staff-identity';

type Router = ReturnType<typeof createRouter>;

const ENTRY_ID = /^(proc|cur|faq)\.[a-z0-9.-]{1,120}$/u;
const DRAFT_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/u;
const Why = z.string().trim().min(3).max(500);

/** Only the fields the editor sent: a partial entry changes those and keeps the rest. */
const EntryPatchSchema = z.record(z.string(), z.unknown()).transform((raw, ctx): Partial<EntryInput> => {
  const parsed = EntryInputSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, code: 'custom' } as never);
    return z.NEVER;
  }
  return Object.fromEntries(Object.entries(parsed.data).filter(([k]) => k in raw)) as Partial<EntryInput>;
});
const CreateDraftSchema = z.object({
  baseId: z.string().regex(ENTRY_ID).optional(),
  entry: EntryPatchSchema,
  why: Why,
});
const UpdateDraftSchema = z.object({ entry: EntryPatchSchema, why: Why });
const RejectSchema = z.object({ reason: z.string().trim().min(3).max(1000) });
const RollbackSchema = z.object({ version: z.number().int().positive(), why: Why });
const PreviewSchema = z.object({
  baseId: z.string().regex(ENTRY_ID).optional(),
  entry: EntryPatchSchema,
  aspect: z.enum(ASPECT_KEYS).optional(),
});
const ImportSchema = z.object({ format: z.enum(['json', 'csv']), content: z.string().min(1), why: Why });
const AttachSchema = z.object({ entryId: z.string().regex(ENTRY_ID).optional() });

/** One catalogue read and one evaluation-question read per process, shared by every request. */
let sources: KnowledgeSources | undefined;
let questions: ReturnType<typeof readEvaluationQuestions> | undefined;
const services = new WeakMap<Services, AuthoringService>();
/** Per process: the first knowledge request rebuilds a snapshot left over from an earlier deployment. */
const baseChecks = new WeakMap<Services, Promise<unknown>>();

export function authoringFor(s: Services, override?: { sources?: KnowledgeSources }): AuthoringService {
  let service = services.get(s);
  if (!service) {
    sources = override?.sources ?? sources ?? fileKnowledgeSources();
    service = createAuthoringService({
      store: createAuthoringStore(s.stores.tables.registry),
      snapshots: s.snapshots,
      sources,
      clock: s.clock,
      live: s.kb,
      questions: () => {
        questions ??= readEvaluationQuestions();
        return questions;
      },
      unanswered: s.stores.unanswered,
      ...(s.liveKnowledge ? { baseHash: s.liveKnowledge.bundledHash } : {}),
      onPublished: async () => {
        await s.liveKnowledge?.refreshNow();
      },
    });
    services.set(s, service);
  }
  return service;
}

function draftId(id: string | undefined): string {
  if (!id || !DRAFT_ID.test(id)) throw badRequest('invalid_id', 'Mã bản nháp không hợp lệ.');
  return id;
}

function entryId(id: string | undefined): string {
  if (!id || !ENTRY_ID.test(id)) throw badRequest('invalid_id', 'Mã mục tri thức không hợp lệ.');
  return id;
}

const person = (staff: StaffPrincipal) => ({ staffId: staff.staffId, name: staff.name });

/** The knowledge routes of the staff API (contract: "Knowledge that staff keep current"). */
export function addKnowledgeRoutes(router: Router, s: Services, staff: StaffPrincipal): Router {
  const authoring = () => authoringFor(s);
  const ready = () => {
    let check = baseChecks.get(s);
    if (!check) {
      check = authoring()
        .republishIfBaseChanged()
        .catch((error: unknown) => s.log.warn('knowledge_republish_failed', { error }));
      baseChecks.set(s, check);
    }
    return check;
  };
  return router
    .add('GET', '/api/staff/knowledge', async (ev) => {
      requireKnowledgeReader(staff);
      await ready();
      const q = (query(ev, 'q') ?? '').slice(0, 200).trim();
      const heads = new Map((await authoring().heads()).map((h) => [h.entryId, h]));
      const items = q
        ? s.kb.search(q, { k: 10 }).map((h) => ({
            id: h.id,
            title: h.entry.plainTitle ?? h.title,
            kind: h.entry.kind,
            status: 'published',
            updatedAt: heads.get(h.id)?.updatedAt ?? h.entry.checkedAt,
            snippet: (h.entry.summary ?? h.title).slice(0, 300),
            url: h.entry.sourceUrl,
          }))
        : [...heads.values()].map((h) => ({
            id: h.entryId,
            title: h.entry.plainTitle ?? h.entry.title,
            kind: h.entry.kind,
            status: 'published',
            updatedAt: h.updatedAt,
            snippet: (h.entry.summary ?? h.entry.title).slice(0, 300),
            url: h.entry.sourceUrl,
          }));
      return json(200, { items });
    })
    .add('GET', '/api/staff/knowledge/drafts', async (ev) => {
      requireKnowledgeReader(staff);
      await ready();
      const status = query(ev, 'status');
      if (status && !(DRAFT_STATUSES as readonly string[]).includes(status))
        throw badRequest('invalid_status', 'Trạng thái không hợp lệ.');
      return json(200, { items: await authoring().listDrafts(status as DraftStatus | undefined) });
    })
    .add('POST', '/api/staff/knowledge/drafts', async (ev) => {
      requireRole(staff, 'editor');
      const body = parseJsonBody(ev, CreateDraftSchema);
      const draft = await authoring().createDraft(person(staff), body);
      return json(201, { id: draft.id, status: draft.status, entryId: draft.entryId });
    })
    .add('POST', '/api/staff/knowledge/preview', async (ev) => {
      requireRole(staff, 'editor');
      const body = parseJsonBody(ev, PreviewSchema);
      return json(200, await authoring().preview(body));
    })
    .add('GET', '/api/staff/knowledge/drafts/{draftId}', async (_ev, p) => {
      requireKnowledgeReader(staff);
      return json(200, await authoring().getDraft(draftId(p.draftId)));
    })
    .add('PUT', '/api/staff/knowledge/drafts/{draftId}', async (ev, p) => {
      requireRole(staff, 'editor');
      const body = parseJsonBody(ev, UpdateDraftSchema);
      const draft = await authoring().updateDraft(person(staff), draftId(p.draftId), body);
      return json(200, { id: draft.id, status: draft.status, entryId: draft.entryId });
    })
    .add('POST', '/api/staff/knowledge/drafts/{draftId}/submit', async (_ev, p) => {
      requireRole(staff, 'editor');
      return json(200, await authoring().submit(draftId(p.draftId)));
    })
    .add('POST', '/api/staff/knowledge/drafts/{draftId}/approve', async (_ev, p) => {
      requireRole(staff, 'reviewer');
      return json(200, await authoring().approve(person(staff), draftId(p.draftId)));
    })
    .add('POST', '/api/staff/knowledge/drafts/{draftId}/reject', async (ev, p) => {
      requireRole(staff, 'reviewer');
      const { reason } = parseJsonBody(ev, RejectSchema);
      return json(200, await authoring().reject(person(staff), draftId(p.draftId), reason));
    })
    .add('GET', '/api/staff/knowledge/stale', async () => {
      requireKnowledgeReader(staff);
      return json(200, { items: await authoring().stale() });
    })
    .add('GET', '/api/staff/knowledge/catalogue-changes', async () => {
      requireKnowledgeReader(staff);
      return json(200, readCatalogueChanges() ?? { added: [], changed: [], removed: [] });
    })
    .add('GET', '/api/staff/knowledge/export', async (ev) => {
      requireKnowledgeReader(staff);
      const format = query(ev, 'format') ?? 'json';
      if (format !== 'json' && format !== 'csv')
        throw badRequest('invalid_format', 'Định dạng phải là json hoặc csv.');
      const layer = await authoring().layer();
      const day = vietnamDate(s.clock.now());
      return {
        statusCode: 200,
        headers: {
          'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
          'content-disposition': `attachment; filename="co-so-tri-thuc-${day}.${format}"`,
          'cache-control': 'no-store',
        },
        body: format === 'csv' ? exportCsv(layer) : exportJson(layer),
      };
    })
    .add('POST', '/api/staff/knowledge/import', async (ev) => {
      requireRole(staff, 'editor');
      const { format, content, why } = parseJsonBody(ev, ImportSchema);
      const parsed = format === 'csv' ? importCsv(content) : importJson(content);
      const [first] = parsed.problems;
      if (first)
        throw badRequest(
          'invalid_import',
          `Dòng ${first.row}: ${first.message} (${parsed.problems.length} dòng lỗi; chưa nhập mục nào).`,
        );
      return json(201, await authoring().importEntries(person(staff), parsed.entries, why));
    })
    .add('GET', '/api/staff/knowledge/{id}', async (_ev, p) => {
      requireKnowledgeReader(staff);
      return json(200, await authoring().entryDetail(entryId(p.id)));
    })
    .add('POST', '/api/staff/knowledge/{id}/rollback', async (ev, p) => {
      requireRole(staff, 'reviewer');
      const { version, why } = parseJsonBody(ev, RollbackSchema);
      return json(200, await authoring().rollback(person(staff), entryId(p.id), version, why));
    })
    .add('GET', '/api/staff/unanswered', async (ev) => {
      requireKnowledgeReader(staff);
      const { from, to } = vietnamRange(query(ev, 'from'), query(ev, 'to'), s.clock.now());
      const items = await s.stores.unanswered.between(from, to);
      return json(200, {
        items: items.map((q) => ({ id: q.id, text: q.text, createdAt: q.createdAt, intent: q.intent })),
        groups: groupUnanswered(items),
      });
    })
    .add('POST', '/api/staff/unanswered/{questionId}/attach', async (ev, p) => {
      requireRole(staff, 'editor');
      const { entryId: target } = parseJsonBody(ev, AttachSchema);
      const draft = await authoring().attachQuestion(person(staff), draftId(p.questionId), target);
      return json(201, { id: draft.id, status: draft.status, entryId: draft.entryId });
    });
}

/** Vietnam days, as the other reports read them: without dates, the 30 days that end today. */
function vietnamRange(from: string | undefined, to: string | undefined, now: Date) {
  const end = to ?? vietnamDate(now);
  const start = from ?? (isCalendarDay(end) ? addVietnamDays(end, -29) : end);
  if (!isCalendarDay(start) || !isCalendarDay(end) || start > end)
    throw badRequest('invalid_date_range', 'Khoảng thời gian không hợp lệ (dùng YYYY-MM-DD, from ≤ to).');
  return {
    from: startOfVietnamDay(start).toISOString(),
    to: new Date(startOfVietnamDay(addVietnamDays(end, 1)).getTime() - 1).toISOString(),
  };
}
