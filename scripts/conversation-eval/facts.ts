import {
  agencyNames,
  type CatalogueRecord,
  documentNames,
  durationFacts,
  feeFacts,
  hasOnlineChannel,
} from './catalogue';
import {
  containedShare,
  contentTokens,
  durationsIn,
  fold,
  formatMoney,
  looksTruncated,
  moneyIn,
  sameMoney,
} from './text';

/** Aspects whose facts are checked against the catalogue record (the contract's aspect ids). */
export const FACT_ASPECTS = ['fee', 'duration', 'documents', 'place', 'online'] as const;
export type FactAspect = (typeof FACT_ASPECTS)[number];
export const isFactAspect = (a: string | undefined): a is FactAspect =>
  (FACT_ASPECTS as readonly string[]).includes(a ?? '');

export interface Verdict {
  ok: boolean;
  why: string;
}
const pass = (why: string): Verdict => ({ ok: true, why });
const fail = (why: string): Verdict => ({ ok: false, why });

/** Says it has no information about the asked point. */
const NO_INFO = /chua co thong tin|khong co thong tin|chua co du lieu|khong ro/u;

/**
 * Whether `reply` states the asked aspect of `record` as the record says, on the calendar day `today`
 * (YYYY-MM-DD). The reply must not be cut mid-sentence, must not state a figure the record does not
 * hold (a neighbouring row or procedure), and must state the rule in force today.
 */
export function checkFacts(
  aspect: FactAspect,
  record: CatalogueRecord,
  reply: string,
  today: string,
): Verdict {
  if (looksTruncated(reply)) return fail('the reply is cut off mid-sentence');
  switch (aspect) {
    case 'fee':
      return checkFee(record, reply, today);
    case 'duration':
      return checkDuration(record, reply);
    case 'documents':
      return checkDocuments(record, reply);
    case 'place':
      return checkAgency(record, reply);
    case 'online':
      return checkOnline(record, reply);
  }
}

export function checkFee(record: CatalogueRecord, reply: string, today: string): Verdict {
  const facts = feeFacts(record, today);
  const said = moneyIn(reply);
  const t = fold(reply);
  const known = [...facts.listed, ...facts.valid];
  const invented = said.filter((m) => !known.some((k) => sameMoney(k, m)));
  if (invented.length) return fail(`states ${invented.map(formatMoney).join(', ')}, not in the record`);
  const stale = said.filter((m) => facts.stale.some((k) => sameMoney(k, m)));
  if (stale.length)
    return fail(`states ${stale.map(formatMoney).join(', ')}, a rate no longer in force on ${today}`);
  const abroadSaid = said.filter((m) => facts.abroad.some((k) => sameMoney(k, m)));
  if (abroadSaid.length && !/co quan dai dien|nuoc ngoai|lanh su|dai su quan/u.test(t))
    return fail(
      `states ${abroadSaid.map(formatMoney).join(', ')} without saying it applies at a mission abroad`,
    );
  // "theo mức HĐND tỉnh quy định" is the rule whenever the record says the council sets the amount.
  if (facts.setByCouncil && /hdnd|hoi dong nhan dan/u.test(t))
    return pass('says the provincial council sets the fee');
  if (facts.setByCouncil && facts.valid.length === 0) {
    return /hdnd|hoi dong nhan dan/u.test(t)
      ? pass('says the provincial council sets the fee')
      : fail('the record says the provincial council (HĐND) sets the fee; the reply does not');
  }
  if (facts.valid.length > 0) {
    const domestic = facts.valid.filter((m) => !facts.abroad.some((k) => sameMoney(k, m)));
    const wanted = domestic.length ? domestic : facts.valid;
    if (said.some((m) => wanted.some((k) => sameMoney(k, m)))) return pass('states the fee in force');
    const percent = facts.activePercents.find(
      (p) => t.includes(`${p.percent}%`) || t.includes(`${p.percent} %`),
    );
    if (percent && said.some((m) => facts.listed.some((k) => sameMoney(k, m))))
      return pass(`states the listed fee with the ${percent.percent}% reduction in force`);
    return fail(`expected the fee in force (${wanted.map(formatMoney).join(' or ')})`);
  }
  if (facts.free)
    return /mien phi|mien le phi|khong (mat|thu|phai nop) (le )?phi|khong mat tien/u.test(t)
      ? pass('says it is free')
      : fail('the record says free of charge; the reply does not');
  return NO_INFO.test(t) || /le phi|phi/u.test(t)
    ? pass('the record gives no fee; the reply invents none')
    : fail('says nothing about the fee');
}

export function checkDuration(record: CatalogueRecord, reply: string): Verdict {
  const facts = durationFacts(record);
  const said = durationsIn(reply);
  const t = fold(reply);
  if (facts.length === 0)
    return said.length === 0
      ? pass('the record gives no time limit; none invented')
      : fail('invents a time limit');
  if (said.length === 0)
    return NO_INFO.test(t)
      ? fail(`says there is no information; the record gives ${facts.map((d) => d.value).join('/')}`)
      : fail('states no time limit');
  const matches = (v: number, unit: string | undefined) =>
    facts.some((f) => f.value === v && (f.unit === undefined || f.unit === unit));
  const wrong = said.filter((d) => !matches(d.value, d.unit));
  if (wrong.length === said.length)
    return fail(
      `states ${wrong.map((d) => `${d.value} ${d.unit}`).join(', ')}; the record: ${facts.map((d) => `${d.value} ${d.unit ?? ''}`).join(', ')}`,
    );
  return pass('states the time limit of the record');
}

/** Bullet lines of a reply: what it lists as documents. */
function listedLines(reply: string): string[] {
  return reply
    .split('\n')
    .filter((l) => /^\s*([•\-+*]|\d+[.)])\s*/u.test(l))
    .map((l) => l.replace(/^\s*([•\-+*]|\d+[.)])\s*/u, ''))
    .filter((l) => !/^(…|\.\.\.)/u.test(l));
}

/** The name part of a listed line: before a colon, a bracket or a semicolon. */
const head = (line: string) => line.split(/[:;(]| – | - /u)[0] ?? line;

export function checkDocuments(record: CatalogueRecord, reply: string): Verdict {
  const names = documentNames(record);
  if (names.length === 0) return pass('the record lists no documents');
  const lines = listedLines(reply);
  if (lines.length === 0) {
    const found = names.some((n) => containedShare(n.slice(0, 120), reply) >= 0.7);
    return found ? pass('names a document of the record') : fail('lists no document of the record');
  }
  const foreign = lines.filter(
    (l) => contentTokens(head(l)).length >= 2 && !names.some((n) => containedShare(head(l), n) >= 0.6),
  );
  if (foreign.length) return fail(`lists “${foreign[0]?.slice(0, 80)}”, not a document of the record`);
  return pass('lists documents of the record');
}

/** Agency names with the usual abbreviations folded the same way. */
const agencyText = (s: string) =>
  fold(s)
    .replace(/\bubnd\b/gu, 'uy ban nhan dan')
    .replace(/\bca\b/gu, 'cong an')
    .replace(/\bxa, phuong, thi tran\b|\bcap xa\b|\bxa\/phuong\b|\bphuong\/xa\b|\bphuong, xa\b/gu, 'xa')
    .replace(/\bcap tinh\b/gu, 'tinh')
    .replace(/\bphuong\b/gu, 'xa');

export function checkAgency(record: CatalogueRecord, reply: string): Verdict {
  const names = agencyNames(record);
  const t = agencyText(reply);
  if (names.length === 0) {
    const level = fold(record.cap_thuc_hien);
    const wanted = level.includes('xa') ? /\bxa\b|mot cua/u : level.includes('tinh') ? /tinh/u : /./u;
    return wanted.test(t)
      ? pass('names the level that handles it')
      : fail(`expected the ${record.cap_thuc_hien} level`);
  }
  const found = names.find((n) => containedShare(agencyText(n), t) >= 0.7);
  return found ? pass(`names ${found}`) : fail(`expected one of: ${names.join('; ')}`);
}

export function checkOnline(record: CatalogueRecord, reply: string): Verdict {
  const t = fold(reply);
  const yes = /truc tuyen|online|dich vu cong|qua mang/u.test(t);
  const no =
    /khong (the |duoc )?(nop|lam|thuc hien) (truc tuyen|online)|chua (ho tro|cho phep) (nop )?(truc tuyen|online)|chi (nop|thuc hien) truc tiep/u.test(
      t,
    );
  if (hasOnlineChannel(record))
    return yes && !no
      ? pass('says it can be done online')
      : fail('the record has an online channel; the reply does not say so');
  return no || /truc tiep|buu chinh/u.test(t)
    ? pass('says how to submit (no online channel)')
    : fail('the record has no online channel');
}
