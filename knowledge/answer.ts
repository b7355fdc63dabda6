import { ASPECTS, type Aspect } from '../intents/taxonomy';
import { ASPECT_NAMES } from '../intents/vocabulary';
import { feeText } from './facts/fee-schedule';
import type { KnowledgeEntry } from './schema';
import { truncateText } from './text/display-text';

/**
 * One knowledge entry as a chat message: the asked aspect first, short enough for a chat bubble, the
 * other aspects offered as quick replies, the source always linked, and a plain "not known" — never a
 * guess — when the entry does not hold the asked fact.
 */

export interface ComposedAnswer {
  text: string;
  links: { title: string; url: string }[];
  /** Aspects the entry can answer besides what the text shows, in the usual order (for quick replies). */
  otherAspects: Aspect[];
}

/** What each aspect is called in a sentence: one vocabulary, in intents/. */
export { ASPECT_NAMES };

/** Short labels for the quick replies that offer the other aspects. */
export const ASPECT_QUICK_REPLIES: Record<Aspect, string> = {
  documents: 'Hồ sơ cần chuẩn bị',
  fee: 'Lệ phí',
  duration: 'Thời gian giải quyết',
  place: 'Nơi nộp',
  steps: 'Các bước',
  online: 'Nộp trực tuyến',
  eligibility: 'Đối tượng, điều kiện',
};

/** Aim for one chat bubble. */
export const ANSWER_MAX_CHARS = 600;
const TITLE_MAX = 110;
/** Aspects whose facts change with new regulations, so the answer says where to check them. */
const CHANGING: ReadonlySet<Aspect | 'overview'> = new Set([
  'fee',
  'duration',
  'documents',
  'place',
  'overview',
]);

const NATIONAL_PORTAL = 'dichvucong.gov.vn';

function sourceName(url: string): string {
  const host = new URL(url).hostname.replace(/^www\./u, '');
  if (host === NATIONAL_PORTAL) return 'Cổng Dịch vụ công quốc gia';
  if (host.startsWith('dichvucong.')) return `Cổng Dịch vụ công (${host})`;
  return host;
}

function sourceLinkTitle(url: string): string {
  return new URL(url).hostname.replace(/^www\./u, '') === NATIONAL_PORTAL
    ? 'Xem chi tiết trên Cổng DVC quốc gia'
    : `Xem nguồn: ${sourceName(url)}`;
}

function formatDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

function links(entry: KnowledgeEntry): ComposedAnswer['links'] {
  const all = [{ title: sourceLinkTitle(entry.sourceUrl), url: entry.sourceUrl }, ...entry.links];
  const seen = new Set<string>();
  return all.filter((l) => !seen.has(l.url) && seen.add(l.url)).slice(0, 3);
}

/** Where the shown facts come from and when they were checked; where facts change, where to check them. */
function footer(entry: KnowledgeEntry, shown: Aspect | 'overview' | 'unknown'): string {
  const aspect = shown === 'overview' ? 'documents' : shown;
  const aspectDate = aspect === 'unknown' ? undefined : entry.aspectsCheckedAt?.[aspect];
  const fromCatalogue = entry.kind === 'procedure' || aspectDate !== undefined;
  const date = formatDate(aspectDate ?? entry.checkedAt);
  const origin = fromCatalogue
    ? `Theo ${entry.kind === 'procedure' ? sourceName(entry.sourceUrl) : 'Cổng Dịch vụ công quốc gia'}, dữ liệu ngày ${date}`
    : `Thông tin kiểm tra ngày ${date}`;
  if (shown === 'unknown' || !CHANGING.has(shown)) return `${origin}.`;
  return `${origin}; quy định có thể thay đổi, vui lòng kiểm tra lại trước khi nộp.`;
}

function unknownText(entry: KnowledgeEntry, aspect: Aspect): string {
  const subject = entry.kind === 'faq' ? 'nội dung này' : 'thủ tục này';
  return (
    `Chưa có thông tin về ${ASPECT_NAMES[aspect]} của ${subject} trong cơ sở dữ liệu của trợ lý; ` +
    `vui lòng xem tại ${sourceName(entry.sourceUrl)} (liên kết bên dưới) hoặc hỏi bộ phận một cửa nơi nộp hồ sơ.`
  );
}

/** Fits multi-line text into a budget by whole lines, then by characters, pointing to the source when cut. */
function fitToBudget(text: string, budget: number): string {
  if (text.length <= budget) return text;
  const tail = '… (xem đầy đủ ở liên kết bên dưới)';
  const lines = text.split('\n');
  const kept: string[] = [];
  let used = 0;
  for (const line of lines) {
    if (used + line.length + 1 > budget - tail.length) break;
    kept.push(line);
    used += line.length + 1;
  }
  if (kept.length === 0)
    return `${truncateText(text, Math.max(20, budget - tail.length + 1)).replace(/…$/u, '')}${tail}`;
  return `${kept.join('\n')}\n${tail}`;
}

function available(entry: KnowledgeEntry): Aspect[] {
  return ASPECTS.filter((a) => entry.aspects[a] !== undefined);
}

export interface ComposeOptions {
  /**
   * The Vietnam calendar day of the turn (YYYY-MM-DD, from the injected clock): the fee shown is the
   * rate in force that day. Without it every dated rate is listed with its period.
   */
  today?: string;
}

/** The text of one aspect, facts that depend on the day restated for `today`. */
function aspectText(entry: KnowledgeEntry, aspect: Aspect, today: string | undefined): string | undefined {
  if (aspect === 'fee' && entry.feeSchedule && today) return feeText(entry.feeSchedule, today);
  return entry.aspects[aspect];
}

export function composeAnswer(
  entry: KnowledgeEntry,
  aspect?: Aspect,
  options: ComposeOptions = {},
): ComposedAnswer {
  const title = truncateText(entry.plainTitle ?? entry.title, TITLE_MAX);
  const has = available(entry);

  if (aspect) {
    const body = aspectText(entry, aspect, options.today);
    const shown = body === undefined ? 'unknown' : aspect;
    const end = footer(entry, shown);
    const budget = ANSWER_MAX_CHARS - title.length - end.length - 2;
    const text = [title, fitToBudget(body ?? unknownText(entry, aspect), budget), end].join('\n');
    return { text, links: links(entry), otherAspects: has.filter((a) => a !== aspect) };
  }

  // Nothing asked in particular: what it is, then what to prepare (the commonest next question).
  const end = footer(entry, 'overview');
  const parts = [title];
  if (entry.summary) parts.push(entry.summary);
  let budget = ANSWER_MAX_CHARS - parts.join('\n').length - end.length - 2;
  const shown: Aspect[] = [];
  const documents = entry.aspects.documents;
  if (documents && budget > 160) {
    parts.push(fitToBudget(documents, budget));
    shown.push('documents');
    budget = 0;
  } else if (!entry.summary) {
    const first = has[0];
    if (first) {
      parts.push(fitToBudget(entry.aspects[first] ?? '', budget));
      shown.push(first);
    }
  }
  parts.push(end);
  return { text: parts.join('\n'), links: links(entry), otherAspects: has.filter((a) => !shown.includes(a)) };
}
