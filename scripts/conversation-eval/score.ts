import type { Catalogue } from './catalogue';
import { checkFacts, isFactAspect, type Verdict } from './facts';
import { expectedPlace, type loadMerger } from './places';
import type { ReplyView } from './reply';
import type { Expect } from './schema';
import { fold } from './text';

/** The four figures of issue 13. */
export const FIGURES = ['first', 'followUp', 'facts', 'honest'] as const;
export type Figure = (typeof FIGURES)[number];
export const FIGURE_LABEL: Record<Figure, string> = {
  first: 'right at the first answer',
  followUp: 'follow-ups handled',
  facts: 'facts as the record says',
  honest: 'honest when no answer',
};

export interface ScoreContext {
  catalogue: Catalogue;
  merger: ReturnType<typeof loadMerger>;
  /** The conversation clock's calendar day in Vietnam, YYYY-MM-DD: fees in force are computed for it. */
  today: string;
}

/** What the runner observed beside the replies. */
export interface Observed {
  ratingAdded: boolean;
  pendingAfter: boolean;
  followingCodes: string[];
}

export interface TurnScore {
  /** The figures this turn counts in, and whether it passed each. */
  figures: Partial<Record<Figure, boolean>>;
  failures: string[];
}

/** Says it cannot answer this (not just "I did not understand"). */
const SAYS_SO = new RegExp(
  [
    'khong thuoc',
    'ngoai pham vi',
    'nam ngoai',
    'chua co (thong tin|du lieu|cau tra loi)',
    'khong co (thong tin|du lieu|cau tra loi)',
    '(khong|chua) ho tro',
    'chi ho tro',
    '(khong|chua) the (tra loi|giai dap|huong dan)',
    '(khong|chua) tim thay',
    'khong nam trong',
    'thuoc tham quyen',
    'khong phai (la )?thu tuc',
    'toi (khong|chua) (co|biet|nam)',
  ].join('|'),
  'u',
);

const ASPECT_CUES: Record<NonNullable<Expect['aspect']>, RegExp> = {
  fee: /phi|dong|mien phi|hdnd/u,
  duration: /ngay|gio|thang|thoi han|thoi gian/u,
  documents: /giay to|ho so|to khai|ban sao|ban chinh|•/u,
  place: /nop (tai|o)|noi nop|co quan|uy ban|ubnd|cong an|mot cua|phuong|xa/u,
  steps: /buoc|trinh tu|nop|nhan ket qua/u,
  online: /truc tuyen|online|dich vu cong/u,
  eligibility: /dieu kien|doi tuong|truong hop|duoc/u,
};

const VIETNAMESE_MARKS = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/giu;

export function isEnglishReply(text: string): boolean {
  const letters = (text.match(/\p{L}/gu) ?? []).length;
  const marked = (text.match(VIETNAMESE_MARKS) ?? []).length;
  return letters > 0 && marked / letters < 0.03 && /\b(you|your|i|can|help|english)\b/iu.test(text);
}

const expectedCodes = (p: Expect['procedure']): string[] =>
  p === undefined || p === null ? [] : Array.isArray(p) ? p : [p];

const includesAny = (folded: string, alternatives: string) =>
  alternatives.split('|').some((a) => folded.includes(fold(a)));

/** Checks a turn's expectations against its replies; `position` says which figures it counts in. */
export function scoreTurn(
  expect: Expect,
  reply: ReplyView,
  observed: Observed,
  position: { first: boolean; lastChoices?: string[] },
  ctx: ScoreContext,
): TurnScore {
  const failures: string[] = [];
  const check = (v: Verdict, prefix: string) => {
    if (!v.ok) failures.push(`${prefix}: ${v.why}`);
    return v.ok;
  };
  const t = fold(reply.text);
  const codes = expectedCodes(expect.procedure);
  const wantedDecision = expect.decision ?? (codes.length ? 'answer' : undefined);

  // Routing: the right decision, about the right procedure.
  let routed = true;
  if (wantedDecision && reply.decision !== wantedDecision) {
    routed = check({ ok: false, why: `${reply.decision} instead of ${wantedDecision}` }, 'decision');
  }
  if (codes.length && reply.decision === 'answer' && !(reply.code && codes.includes(reply.code))) {
    routed = check(
      { ok: false, why: `answered ${reply.code ?? reply.entryId ?? 'nothing'}, expected ${codes.join('/')}` },
      'procedure',
    );
  }
  if (codes.length && wantedDecision === 'choose' && reply.decision === 'choose') {
    const wanted = expect.candidates ?? codes;
    if (!wanted.some((c) => reply.candidates.includes(c)))
      routed = check(
        { ok: false, why: `choices ${reply.candidates.join(', ')} miss ${wanted.join('/')}` },
        'choice',
      );
  }
  if (expect.choice !== undefined) {
    const offered = position.lastChoices ?? [];
    const target = expect.choice === 'last' ? offered.at(-1) : offered[expect.choice - 1];
    const got = reply.code ?? reply.entryId;
    if (!target) routed = check({ ok: false, why: `no choice ${expect.choice} was offered` }, 'choice');
    else if (reply.decision !== 'answer' || got !== target)
      routed = check(
        {
          ok: false,
          why: `${[reply.decision, got].filter(Boolean).join(' ')} instead of choice ${expect.choice} (${target})`,
        },
        'choice',
      );
  }
  if (expect.procedure === null && reply.code)
    routed = check({ ok: false, why: `answered procedure ${reply.code}` }, 'procedure');
  if (
    expect.aspect &&
    !(codes.length && isFactAspect(expect.aspect) && expect.facts !== false) &&
    reply.decision === 'answer'
  )
    routed =
      check(
        { ok: ASPECT_CUES[expect.aspect].test(t), why: `does not answer the ${expect.aspect}` },
        'aspect',
      ) && routed;
  if (expect.place) {
    const want = expectedPlace(ctx.merger, expect.place);
    const missing = want.newUnits.filter((u) => !t.includes(fold(u)));
    if (missing.length) routed = check({ ok: false, why: `does not name ${missing.join(', ')}` }, 'place');
    else if (want.split && !reply.text.includes('?'))
      routed = check({ ok: false, why: 'the old unit was split: it must ask which part' }, 'place');
    else if (!want.split && !t.includes('1667'))
      routed = check({ ok: false, why: 'does not cite Nghị quyết 1667/NQ-UBTVQH15' }, 'place');
  }
  if (expect.language === 'en') {
    if (!isEnglishReply(reply.text)) routed = check({ ok: false, why: 'not an English reply' }, 'language');
    else if (!reply.offersPerson) routed = check({ ok: false, why: 'offers no person' }, 'language');
    else if (reply.text.length > 600) routed = check({ ok: false, why: 'not a short reply' }, 'language');
  }
  for (const m of expect.mentions ?? [])
    if (!includesAny(t, m)) routed = check({ ok: false, why: `does not mention ${m}` }, 'mentions');
  for (const m of expect.notMentions ?? [])
    if (includesAny(t, m)) routed = check({ ok: false, why: `mentions ${m}` }, 'notMentions');
  if (expect.replies && reply.text.trim() === '') routed = check({ ok: false, why: 'no reply' }, 'replies');
  if (expect.notRating && observed.ratingAdded)
    routed = check({ ok: false, why: 'stored as a rating' }, 'rating');
  if (expect.pendingCleared && observed.pendingAfter)
    routed = check({ ok: false, why: 'a question is still pending' }, 'pending');
  if (expect.following && !observed.followingCodes.includes(expect.following))
    routed = check({ ok: false, why: `not following ${expect.following}` }, 'following');

  const figures: Partial<Record<Figure, boolean>> = {};

  if (expect.honestUnknown) {
    let honest = true;
    if (reply.code) honest = check({ ok: false, why: `answered procedure ${reply.code} instead` }, 'honest');
    else if (!SAYS_SO.test(t)) honest = check({ ok: false, why: 'does not say it has no answer' }, 'honest');
    else if (!reply.offersPerson && !reply.offersPortal)
      honest = check({ ok: false, why: 'offers neither a person nor the portal' }, 'honest');
    else if (expect.competent && !expect.competent.some((a) => includesAny(t, a)))
      honest = check({ ok: false, why: `does not name ${expect.competent.join(' or ')}` }, 'honest');
    figures.honest = honest && routed;
  } else {
    figures[position.first ? 'first' : 'followUp'] = routed;
  }

  // Facts are judged on answers only: a turn that did not answer (asked, said it did not know, handed
  // off) is a routing failure, counted above, not a wrong fact. An answer from another entry states
  // another record's facts: wrong.
  if (codes.length && isFactAspect(expect.aspect) && expect.facts !== false && reply.decision === 'answer') {
    const code = codes[0] ?? '';
    const right = reply.code && codes.includes(reply.code) ? reply.code : undefined;
    const record = ctx.catalogue.byCode.get(right ?? code);
    if (!record) throw new Error(`procedure ${code} is not in the catalogue`);
    figures.facts = right
      ? check(checkFacts(expect.aspect, record, reply.text, ctx.today), `facts(${expect.aspect})`)
      : check(
          { ok: false, why: `facts of ${reply.code ?? reply.entryId}, not of the expected record` },
          `facts(${expect.aspect})`,
        );
  }
  return { figures, failures };
}

export interface Tally {
  passed: number;
  total: number;
}
export type FigureTable = Record<Figure, Tally>;

export const emptyTable = (): FigureTable => ({
  first: { passed: 0, total: 0 },
  followUp: { passed: 0, total: 0 },
  facts: { passed: 0, total: 0 },
  honest: { passed: 0, total: 0 },
});

export function addScore(table: FigureTable, score: TurnScore): void {
  for (const f of FIGURES) {
    const v = score.figures[f];
    if (v === undefined) continue;
    table[f].total += 1;
    if (v) table[f].passed += 1;
  }
}
