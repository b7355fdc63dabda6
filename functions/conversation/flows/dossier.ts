import type { Understanding } from '../../../intents/types';
import { dossierCodesIn, lastFourDigits } from '../../../intents/vocabulary';
import { formatVietnamDate } from '../../shared/vietnam-time';
import type { DossierStatus } from '../../stores/dossier-store';
import {
  giveBackTicket,
  lastFourKey,
  lookupWindow,
  nationalDigits,
  phoneMatches,
  returnAttempt,
  sessionLookupKey,
  snapshotOf,
  usableCheck,
  viewOf,
} from '../dossier-check';
import type { DossierCheck, DossierView } from '../model';
import { encodePayload } from '../payloads';
import { HANDOFF_REPLY } from '../texts';
import type { Turn } from '../turn';

const STATUS_LABEL: Record<DossierStatus, string> = {
  received: 'Đã tiếp nhận',
  processing: 'Đang giải quyết',
  supplement_required: 'Cần bổ sung hồ sơ',
  completed: 'Đã có kết quả',
  returned: 'Đã trả lại hồ sơ',
  rejected: 'Không được giải quyết',
};

export function statusLabel(status: DossierStatus): string {
  return STATUS_LABEL[status];
}

/** An instant as the Vietnam date a citizen reads (a decision at 20:00 UTC is the next day there). */
const formatDate = (iso?: string) => {
  if (!iso) return undefined;
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? undefined : formatVietnamDate(at);
};

/** Plain Vietnamese: where the dossier stands and what the citizen should do next. */
export function explainDossier(d: DossierView, now: Date): string {
  const lines = [`Hồ sơ ${d.code} – ${d.procedure}`, `Trạng thái: ${STATUS_LABEL[d.status]}.`];
  const received = formatDate(d.receivedAt);
  const due = formatDate(d.dueAt);
  switch (d.status) {
    case 'received':
      lines.push(
        `${d.agency} đã tiếp nhận hồ sơ${received ? ` ngày ${received}` : ''} và sẽ xử lý theo thứ tự.`,
      );
      break;
    case 'processing':
      lines.push(`Hồ sơ đang được ${d.agency} giải quyết.`);
      break;
    case 'supplement_required':
      lines.push(
        `Hồ sơ cần bổ sung${d.note ? `: ${d.note}` : '.'}`,
        `Cách bổ sung: nộp giấy tờ còn thiếu tại ${d.agency} (nơi đã nộp hồ sơ), hoặc trên Cổng Dịch vụ công nếu bạn đã nộp trực tuyến. Thời hạn giải quyết được tính lại từ khi nhận đủ hồ sơ.`,
      );
      break;
    case 'completed':
      lines.push(
        `Kết quả đã sẵn sàng. Bạn nhận tại ${d.agency}, mang theo giấy tiếp nhận hồ sơ và giấy tờ tùy thân; nếu đã đăng ký nhận qua bưu chính, kết quả sẽ được gửi tới địa chỉ của bạn.`,
      );
      break;
    case 'returned':
    case 'rejected':
      lines.push(
        `${d.note ? `Lý do: ${d.note}. ` : ''}Bạn có thể liên hệ ${d.agency} để được giải thích cụ thể.`,
      );
      break;
  }
  if (due && d.status !== 'completed' && d.status !== 'returned' && d.status !== 'rejected') {
    lines.push(`Hẹn trả kết quả: ${due}.`);
  }
  if (d.note && d.status !== 'supplement_required' && d.status !== 'returned' && d.status !== 'rejected') {
    lines.push(`Ghi chú: ${d.note}`);
  }
  if (isOverdue(d, now)) {
    lines.push(
      'Chúng tôi thành thật xin lỗi vì hồ sơ đã quá hạn hẹn trả. Bạn có thể trao đổi với cán bộ để được giải thích và hỗ trợ.',
    );
  }
  return lines.join('\n');
}

export function isOverdue(d: Pick<DossierView, 'dueAt' | 'status'>, now: Date): boolean {
  if (!d.dueAt || ['completed', 'returned', 'rejected'].includes(d.status)) return false;
  const due = new Date(d.dueAt.length === 10 ? `${d.dueAt}T23:59:59+07:00` : d.dueAt);
  return due.getTime() < now.getTime();
}

/**
 * Two budgets guard the phone check (README: Security). The session's: 5 wrong answers an hour,
 * after which it can look nothing up for the hour. The dossier's, for last-4 answers only (10,000 values,
 * so guessable from many sessions): after 5 attempts in the hour, last 4 digits stop being
 * accepted for that dossier until the hour ends, while the full number still works — an attacker
 * who knows a code cannot lock its owner out. A dossier attempt is reserved atomically BEFORE
 * comparing (many sessions may guess at once): when the assistant asks for the phone, beside the
 * session read (dossier-check.ts), or when an answer comes without one held. A right answer gives
 * it back. The session's turns are already one at a time (each commit is conditional on the
 * version read), so its wrong answers are counted with the commit.
 *
 * The session's lock-out and failure count are fields of the session, committed with the turn and
 * read with it at no cost. The failures are also counted in the guard store (an effect beside the
 * commit), where erasing the conversation does not reset them within the hour; a right answer
 * writes nothing for the session.
 */
function lockedUntil(turn: Turn): Date | undefined {
  const until = turn.session.lookupLockedUntil;
  if (until === undefined) return undefined;
  if (new Date(until) > turn.now) return new Date(until);
  turn.session.lookupLockedUntil = undefined;
  return undefined;
}

function sayLocked(turn: Turn, until: Date) {
  const minutes = Math.max(1, Math.ceil((until.getTime() - turn.now.getTime()) / 60_000));
  turn.say(
    `Bạn đã nhập sai thông tin quá 5 lần nên việc tra cứu tạm khóa để bảo vệ thông tin hồ sơ. Vui lòng thử lại sau khoảng ${minutes} phút, hoặc mang giấy tiếp nhận hồ sơ tới nơi đã nộp để được hỗ trợ.`,
    { quickReplies: [HANDOFF_REPLY] },
  );
}

/** "Hồ sơ của tôi tới đâu rồi?": take the code (or ask for it), then check the phone. */
export async function startDossierLookup(turn: Turn, u: Understanding): Promise<void> {
  const codes = dossierCodesIn(u.text.raw, turn.deps.settings.dossierCodePattern);
  const code = codes[0];
  const locked = lockedUntil(turn);
  if (locked) return sayLocked(turn, locked);
  if (!code) {
    turn.session.pending = { kind: 'dossier_code' };
    turn.say('Bạn vui lòng nhập mã hồ sơ in trên giấy tiếp nhận (ví dụ: H43.25-241008-0012).');
    return;
  }
  await askOrCheckPhone(turn, code, u);
}

/**
 * What was read beside the session for this code (dossier-check.ts), when it was. Asked again for
 * the same code, the question keeps the attempt it holds; the one just reserved is given back.
 */
async function readAhead(turn: Turn, code: string): Promise<DossierCheck | undefined> {
  const ahead = turn.readAhead;
  const check = ahead?.code === code ? await ahead.check : undefined;
  const before = turn.pendingAtStart;
  const held =
    before?.kind === 'dossier_phone' && before.code === code
      ? usableCheck(before.check, turn.now, turn.deps.settings.lookupWindowSeconds)
      : undefined;
  if (!check || !held?.ticket || held.window !== check.window) return check;
  const { lastFourRefused: _spentSince, ...fresh } = check;
  return { ...fresh, ticket: held.ticket };
}

/** The attempt read ahead is this turn's to hold or compare with: not given back with the commit. */
function claimReadAhead(turn: Turn, check: DossierCheck | undefined) {
  if (turn.readAhead && check?.ticket === turn.receiptId) turn.readAhead.claimed = true;
}

async function askOrCheckPhone(turn: Turn, code: string, u: Understanding | undefined): Promise<void> {
  const check = await readAhead(turn, code);
  const phone = u?.entities.phone;
  if (phone) return verifyAndShow(turn, code, phone, check);
  const shared = turn.session.sharedPhone;
  if (shared) {
    if (check) {
      if (check.dossier && phoneMatches(check.dossier, shared)) return show(turn, check.dossier);
    } else {
      const dossier = await turn.deps.stores.dossiers.get(code);
      if (dossier && phoneMatches(snapshotOf(dossier), shared)) return show(turn, viewOf(dossier));
    }
  }
  claimReadAhead(turn, check);
  turn.session.pending = { kind: 'dossier_phone', code, ...(check ? { check } : {}) };
  turn.say(
    `Để bảo vệ thông tin, bạn vui lòng nhập số điện thoại đã đăng ký khi nộp hồ sơ ${code} (hoặc 4 số cuối).`,
  );
}

/** The answer to "which dossier?": a code, or a new question. */
export async function continueWithCode(turn: Turn, u: Understanding): Promise<boolean> {
  const code = dossierCodesIn(u.text.raw, turn.deps.settings.dossierCodePattern)[0];
  if (!code) return false;
  const locked = lockedUntil(turn);
  if (locked) {
    turn.session.pending = undefined;
    sayLocked(turn, locked);
    return true;
  }
  await askOrCheckPhone(turn, code, u);
  return true;
}

/** The answer to "which phone?": a full number or its last 4 digits. */
export async function continueWithPhone(
  turn: Turn,
  pending: { code: string; check?: DossierCheck },
  u: Understanding,
): Promise<boolean> {
  const phone = u.entities.phone;
  const last4 = lastFourDigits(u.text.raw);
  const answer = phone ?? last4;
  if (!answer) return false;
  await verifyAndShow(turn, pending.code, answer, pending.check);
  return true;
}

const askAgain = (code: string, check: DossierCheck | undefined) =>
  ({ kind: 'dossier_phone', code, ...(check ? { check } : {}) }) as const;

async function verifyAndShow(
  turn: Turn,
  code: string,
  given: string,
  held: DossierCheck | undefined,
): Promise<void> {
  const { lookupMaxFailures: limit, lookupWindowSeconds: windowSeconds } = turn.deps.settings;
  const locked = lockedUntil(turn);
  if (locked) {
    turn.session.pending = undefined;
    return sayLocked(turn, locked);
  }
  const lastFour = nationalDigits(given).length === 4;
  const check = usableCheck(held, turn.now, windowSeconds);
  // A last-4 answer needs an attempt of the dossier's budget: the one the question holds, or, when
  // an earlier answer used it, one reserved now (a round more, as for a check read too long ago).
  if (!check || (lastFour && !check.ticket && !check.lastFourRefused))
    return verifyByReading(turn, code, given, check);
  claimReadAhead(turn, check);
  const used = Math.max(failuresThisWindow(turn), check.durableFailures);
  if (used >= limit) return lockSession(turn);
  if (lastFour && !check.ticket) return askFullNumber(turn, code, check);
  if (check.dossier && phoneMatches(check.dossier, given)) {
    for (const e of giveBackTicket(check, code, windowSeconds)) turn.effect(e);
    return show(turn, check.dossier);
  }
  // A last-4 answer compared spends the attempt; a wrong full number leaves it for a last-4 one.
  const { ticket: _spent, ...rest } = check;
  failed(turn, code, used, lastFour ? rest : check);
}

/** The conversation's wrong answers in the current lookup window, as its session counts them. */
function failuresThisWindow(turn: Turn): number {
  const counted = turn.session.lookupFailures;
  const window = lookupWindow(turn.now, turn.deps.settings.lookupWindowSeconds);
  return counted?.window === window ? counted.count : 0;
}

function lockSession(turn: Turn) {
  const until = new Date(turn.now.getTime() + turn.deps.settings.lookupWindowSeconds * 1000);
  turn.session.lookupLockedUntil = until.toISOString();
  turn.session.pending = undefined;
  sayLocked(turn, until);
}

function askFullNumber(turn: Turn, code: string, check: DossierCheck | undefined) {
  turn.session.pending = askAgain(code, check && { ...check, lastFourRefused: true });
  turn.say(
    `Để bảo vệ thông tin, hồ sơ ${code} tạm thời chỉ tra cứu được bằng số điện thoại đầy đủ. Bạn vui lòng nhập đầy đủ số điện thoại đã đăng ký khi nộp hồ sơ.`,
  );
}

/**
 * A wrong answer: the conversation's budget is its wrong answers, counted in the session, which
 * its turns commit one at a time (a turn that loses the race runs again on the newer count, and its
 * comparison is never shown), and in the guard store, which erasing the conversation does not reset.
 */
function failed(turn: Turn, code: string, used: number, check: DossierCheck | undefined) {
  const { lookupMaxFailures: limit, lookupWindowSeconds: windowSeconds } = turn.deps.settings;
  const failures = used + 1;
  turn.session.lookupFailures = { window: lookupWindow(turn.now, windowSeconds), count: failures };
  turn.effect({
    kind: 'count_attempt',
    key: sessionLookupKey(turn.session.ref),
    at: turn.now.toISOString(),
    windowSeconds,
    eventId: turn.receiptId,
  });
  if (failures >= limit) return lockSession(turn);
  turn.session.pending = askAgain(code, check);
  turn.say(
    `Thông tin chưa khớp với hồ sơ ${code}. Bạn vui lòng kiểm tra lại mã hồ sơ và số điện thoại đã đăng ký (còn ${limit - failures} lần thử).`,
  );
}

/**
 * The check without what the question read (none, too old, or its attempt used): the durable
 * count, the dossier's attempt (reserved atomically, receipted by this message, so a re-run turn
 * takes no second one) and the dossier read side by side, one round more. Reading is not comparing;
 * the comparison below waits for all three.
 */
async function verifyByReading(
  turn: Turn,
  code: string,
  given: string,
  check: DossierCheck | undefined,
): Promise<void> {
  const { guards, dossiers } = turn.deps.stores;
  const { lookupMaxFailures: limit, lookupWindowSeconds: windowSeconds } = turn.deps.settings;
  const eventId = turn.receiptId;
  const lastFour = nationalDigits(given).length === 4;
  const [durable, dossierAttempt, dossier] = await Promise.all([
    guards.attemptsUsed(sessionLookupKey(turn.session.ref), turn.now, windowSeconds, eventId),
    lastFour ? guards.reserveAttempt(lastFourKey(code), turn.now, windowSeconds, limit, eventId) : undefined,
    dossiers.get(code),
  ]);
  // Written with the commit, not before it: receipted by this message, so it is safe either way.
  const giveBack = () => {
    if (dossierAttempt?.granted)
      turn.effect(returnAttempt(code, turn.now.toISOString(), windowSeconds, eventId));
  };
  // A failure this message's lost run already wrote to the guard store is its own, not an earlier one.
  const used = Math.max(failuresThisWindow(turn), durable.used - (durable.counted ? 1 : 0));
  if (used >= limit) {
    // Not compared, so not a failure: the dossier's budget gets its attempt back.
    giveBack();
    return lockSession(turn);
  }
  if (dossierAttempt?.granted === false) return askFullNumber(turn, code, check);
  // An unknown code and a wrong phone get the same answer: the code alone reveals nothing.
  if (dossier && phoneMatches(snapshotOf(dossier), given)) {
    giveBack();
    return show(turn, viewOf(dossier));
  }
  failed(turn, code, used, check);
}

async function show(turn: Turn, dossier: DossierView): Promise<void> {
  turn.session.pending = undefined;
  const verified = new Set(turn.session.verifiedDossiers ?? []);
  verified.add(dossier.code);
  turn.session.verifiedDossiers = [...verified].slice(-10);
  const overdue = isOverdue(dossier, turn.now);
  const quickReplies = [
    { title: 'Báo tôi khi có thay đổi', payload: encodePayload({ type: 'follow', code: dossier.code }) },
  ];
  if (overdue || dossier.status === 'supplement_required' || dossier.status === 'rejected')
    quickReplies.push(HANDOFF_REPLY);
  turn.say(explainDossier(dossier, turn.now), { quickReplies });
  if (turn.understanding) turn.understanding.entryTitle = `Hồ sơ ${dossier.code}`;
}

/** "Báo tôi khi có thay đổi": only after the phone check of this very conversation showed the dossier. */
export async function followDossier(turn: Turn, code: string): Promise<void> {
  const { dossiers } = turn.deps.stores;
  const shown = turn.session.verifiedDossiers?.includes(code);
  const dossier = shown ? await dossiers.get(code) : undefined;
  if (!dossier) {
    turn.say('Bạn vui lòng tra cứu hồ sơ (mã hồ sơ và số điện thoại) trước khi đăng ký nhận thông báo.');
    return;
  }
  turn.effect({ kind: 'follow_dossier', code, ref: turn.session.ref, at: turn.now.toISOString() });
  turn.say(`Đã đăng ký. Tôi sẽ nhắn cho bạn tại đây khi hồ sơ ${code} có thay đổi trạng thái.`);
}
