import { isConfidentMatch } from '../../knowledge/retrieval/confidence';
import { type KnowledgeBase, type KnowledgeEntry, KnowledgeEntrySchema } from '../../knowledge/schema';
import { isTeamId } from '../conversation/teams';
import { isCalendarDay } from '../shared/vietnam-time';
import type { EvaluationQuestion } from './evaluation-questions';

/**
 * What the evaluation says about a draft before a reviewer sees it (contract: `checks`): the schema,
 * the links, a source and a check date, and every evaluation question whose first answer changes.
 */
export interface CheckProblem {
  field: string;
  message: string;
}

export interface AnswerRef {
  id: string;
  title: string;
}

export interface AnswerChange {
  question: string;
  source: EvaluationQuestion['source'];
  /** Absent: the assistant had (or will have) no confident answer. */
  before?: AnswerRef;
  after?: AnswerRef;
  /** `takes`: this entry now answers a question another entry answered; `loses`: the reverse. */
  effect: 'takes' | 'loses' | 'other';
}

export interface DraftChecks {
  ok: boolean;
  problems: CheckProblem[];
  changes: AnswerChange[];
  evaluated: number;
  checkedAt: string;
}

const FIELD_NAMES: Record<string, string> = {
  title: 'Tiêu đề',
  summary: 'Tóm tắt',
  aliases: 'Cách hỏi',
  sourceUrl: 'Nguồn',
  checkedAt: 'Ngày kiểm tra',
  links: 'Liên kết',
  id: 'Mã mục',
};

/** Schema, links, source and date: what can be said without building anything. */
export function entryProblems(
  candidate: unknown,
  today: string,
): { entry?: KnowledgeEntry; problems: CheckProblem[] } {
  const problems: CheckProblem[] = [];
  const raw = (candidate ?? {}) as Record<string, unknown>;
  if (!raw.sourceUrl)
    problems.push({
      field: 'sourceUrl',
      message: 'Cần ghi nguồn (đường dẫn văn bản hoặc trang chính thức).',
    });
  if (!raw.checkedAt)
    problems.push({ field: 'checkedAt', message: 'Cần ghi ngày kiểm tra thông tin (YYYY-MM-DD).' });
  else if (typeof raw.checkedAt !== 'string' || !isCalendarDay(raw.checkedAt))
    problems.push({ field: 'checkedAt', message: 'Ngày kiểm tra không phải một ngày có thật (YYYY-MM-DD).' });
  else if (raw.checkedAt > today)
    problems.push({ field: 'checkedAt', message: 'Ngày kiểm tra không được ở tương lai.' });
  if (raw.team !== undefined && (typeof raw.team !== 'string' || !isTeamId(raw.team)))
    problems.push({ field: 'team', message: 'Nhóm phụ trách không có trong danh sách nhóm.' });
  const urls = [raw.sourceUrl, ...((raw.links as { url?: unknown }[] | undefined) ?? []).map((l) => l.url)];
  for (const url of urls) {
    if (typeof url !== 'string' || !url) continue;
    const problem = linkProblem(url);
    if (problem) problems.push({ field: 'links', message: `${url}: ${problem}` });
  }
  const parsed = KnowledgeEntrySchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'entry');
      if (problems.some((p) => p.field === field)) continue;
      problems.push({ field, message: `${FIELD_NAMES[field] ?? field}: chưa hợp lệ (${issue.message}).` });
    }
  }
  return parsed.success && problems.length === 0 ? { entry: parsed.data, problems } : { problems };
}

/**
 * Links citizens are sent to: https, a public host. Reachability is not tested here (the functions
 * have no reason to call out to arbitrary hosts); a reviewer opens them from the review screen.
 */
function linkProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'không phải đường dẫn hợp lệ.';
  }
  if (parsed.protocol !== 'https:') return 'cần dùng https.';
  if (/^(localhost|127\.|10\.|192\.168\.|0\.)/u.test(parsed.hostname) || !parsed.hostname.includes('.'))
    return 'không phải địa chỉ công khai.';
  return undefined;
}

function firstAnswer(kb: KnowledgeBase, text: string): AnswerRef | undefined {
  const hits = kb.search(text, { k: 3 });
  const top = hits[0];
  if (!top || !isConfidentMatch(hits)) return undefined;
  return { id: top.id, title: top.entry.plainTitle ?? top.title };
}

/** Every question whose first answer differs between the knowledge citizens get now and with the draft. */
export function answerChanges(
  before: KnowledgeBase,
  after: KnowledgeBase,
  questions: readonly EvaluationQuestion[],
  entryId: string,
): AnswerChange[] {
  const changes: AnswerChange[] = [];
  for (const q of questions) {
    const b = firstAnswer(before, q.text);
    const a = firstAnswer(after, q.text);
    if (b?.id === a?.id) continue;
    const effect = a?.id === entryId ? 'takes' : b?.id === entryId ? 'loses' : 'other';
    changes.push({
      question: q.text,
      source: q.source,
      ...(b ? { before: b } : {}),
      ...(a ? { after: a } : {}),
      effect,
    });
  }
  return changes;
}
