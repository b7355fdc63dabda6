import type { KnowledgeBase, KnowledgeEntry, KnowledgeHit } from '../../knowledge/schema';

/** Two small entries; search scores by shared folded words, enough to drive the flows. */
export const FAKE_ENTRIES: KnowledgeEntry[] = [
  {
    id: 'cur.cap-lai-can-cuoc',
    kind: 'curated',
    code: '1.014061',
    title: 'Cấp lại thẻ căn cước',
    plainTitle: 'Làm lại thẻ căn cước',
    summary: 'Khi thẻ căn cước bị mất hoặc hư hỏng.',
    aliases: ['lam lai can cuoc', 'mat cccd'],
    aspects: { documents: 'Không cần giấy tờ; khai thông tin tại nơi làm thủ tục.' },
    sourceUrl: 'https://dichvucong.gov.vn/',
    checkedAt: '2026-11-22',
    team: 'cong-an',
    links: [],
  },
  {
    id: 'faq.dia-chi-so',
    kind: 'faq',
    title: 'Địa chỉ số là gì',
    aliases: ['dia chi so la gi'],
    aspects: {},
    summary: 'Địa chỉ số gắn mã với một địa điểm.',
    sourceUrl: 'https://dichvucong.gov.vn/',
    checkedAt: '2026-11-22',
    links: [],
  },
];

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/gu, '')
    .replace(/đ/giu, 'd')
    .toLowerCase();

export function fakeKb(entries: KnowledgeEntry[] = FAKE_ENTRIES): KnowledgeBase {
  return {
    size: entries.length,
    get: (id) => entries.find((e) => e.id === id),
    search(message, options) {
      const words = new Set(
        fold(typeof message === 'string' ? message : message.raw)
          .split(/\W+/u)
          .filter((w) => w.length > 1),
      );
      const hits: KnowledgeHit[] = entries
        .map((entry) => {
          const hay = fold([entry.title, entry.plainTitle ?? '', ...entry.aliases].join(' ')).split(/\W+/u);
          const score = hay.filter((w) => words.has(w)).length * 3;
          return {
            id: entry.id,
            ...(entry.code ? { code: entry.code } : {}),
            title: entry.title,
            score,
            entry,
          };
        })
        .filter((h) => h.score > 0)
        .sort((a, b) => b.score - a.score);
      return hits.slice(0, options?.k ?? 3);
    },
  };
}
