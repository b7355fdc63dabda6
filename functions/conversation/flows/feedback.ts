import { foldDiacritics } from '../../../intents/normalise';
import type { Understanding } from '../../../intents/types';
import { COMPLAINT } from '../../../intents/vocabulary';
import { derivedReference } from '../../shared/ids';
import type { FeedbackReport } from '../../stores/feedback-store';
import type { FeedbackDraft, Inbound } from '../model';
import { encodePayload } from '../payloads';
import { HANDOFF_REPLY } from '../texts';
import type { Turn } from '../turn';

/**
 * Phản ánh, kiến nghị: a guided intake — what happened, where (typed or a shared location), an
 * optional photo, contact consent — that ends as a ticket with a reference number for the team.
 */
const SKIP = { title: 'Bỏ qua', payload: encodePayload({ type: 'feedback_skip' }) };
const REFERENCE = /\bPA-\d{6}-[A-Z0-9]{4}\b/iu;

/**
 * Categories by cue words. Cues that collide once marks are removed ("thái độ" attitude vs "thải đổ"
 * dumping) are matched on the accented text only; the rest on the folded text too, so messages typed
 * without marks still land. The category with the most cues wins.
 */
const CATEGORIES: { id: string; label: string; accented: RegExp; folded: RegExp }[] = [
  {
    id: 'can-bo',
    label: 'Thái độ, trách nhiệm của cán bộ',
    accented: /(thái độ|hách dịch|bồi dưỡng|phong bì|tiêu cực|vòi vĩnh)/u,
    folded: /\b(can bo|nhan vien|cong chuc|gay kho|nhung nhieu|hach sach|voi vinh)\b/u,
  },
  {
    id: 'thu-tuc',
    label: 'Giải quyết thủ tục hành chính',
    accented: /(trễ hẹn|quá hạn)/u,
    folded: /\b(ho so|tre hen|qua han|thu tuc|mot cua|giai quyet)\b/u,
  },
  {
    id: 'ha-tang',
    label: 'Hạ tầng, giao thông',
    accented: /(đèn|ổ gà|cống|cầu|vỉa hè|hố ga|sụt lún|ngập)/u,
    folded: /\b(duong|den duong|o ga|ho ga|via he|sut lun|ngap|giao thong|cot dien)\b/u,
  },
  {
    id: 'moi-truong',
    label: 'Môi trường, vệ sinh',
    accented: /(rác|ô nhiễm|mùi|khói|nước thải|tiếng ồn|xả thải|vệ sinh)/u,
    folded: /\b(rac|o nhiem|mui hoi|khoi|nuoc thai|tieng on|xa thai|ve sinh)\b/u,
  },
  {
    id: 'trat-tu',
    label: 'An ninh, trật tự',
    accented: /(trộm|cướp|đánh nhau|lấn chiếm|trật tự|an ninh|trái phép|đua xe)/u,
    folded: /\b(trom|cuop|danh nhau|lan chiem|trat tu|an ninh|trai phep|karaoke|dua xe)\b/u,
  },
];

export function categorise(accented: string): { id: string; label: string } {
  const folded = foldDiacritics(accented);
  let best: { id: string; label: string; hits: number } = { id: 'khac', label: 'Khác', hits: 0 };
  for (const c of CATEGORIES) {
    const hits =
      (accented.match(new RegExp(c.accented.source, 'gu'))?.length ?? 0) +
      (folded.match(new RegExp(c.folded.source, 'gu'))?.length ?? 0);
    if (hits > best.hits) best = { id: c.id, label: c.label, hits };
  }
  return { id: best.id, label: best.label };
}

/** Words that only say "I want to report"; what is left after them is the substance. */
const REQUEST_WORDS = new Set(
  'toi em minh anh chi co muon can xin duoc gui lam phan anh kien nghi khieu nai to cao gop y bao cao ve viec mot cai nay cho hoi ad oi a voi nhe ak the nao sao dau o'.split(
    ' ',
  ),
);

export function describesSomething(foldedTokens: string[]): boolean {
  return foldedTokens.filter((t) => !REQUEST_WORDS.has(t)).length >= 2;
}

export async function startFeedback(turn: Turn, u: Understanding): Promise<void> {
  const ref = REFERENCE.exec(u.text.raw)?.[0];
  if (ref) return showFeedbackStatus(turn, ref);
  const draft: FeedbackDraft = {};
  // A message that already describes the problem is the description; a bare "tôi muốn phản ánh" is not.
  if (describesSomething(u.text.foldedTokens)) draft.description = u.text.raw.trim().slice(0, 2000);
  const complaint = COMPLAINT.test(u.text.folded);
  if (complaint) {
    turn.say(
      'Với khiếu nại, tố cáo, bạn có thể gửi đơn trực tiếp tại Ban Tiếp công dân hoặc cơ quan có thẩm quyền. Tôi vẫn ghi nhận nội dung ở đây và bạn có thể gặp cán bộ để được hướng dẫn.',
      { quickReplies: [HANDOFF_REPLY] },
    );
  }
  if (!draft.description) {
    turn.session.pending = { kind: 'feedback', step: 'what', draft };
    turn.say('Bạn vui lòng mô tả ngắn gọn sự việc cần phản ánh (điều gì đang xảy ra, từ khi nào).');
    return;
  }
  askWhere(turn, draft);
}

function askWhere(turn: Turn, draft: FeedbackDraft) {
  turn.session.pending = { kind: 'feedback', step: 'where', draft };
  const zalo = turn.session.ref.channel !== 'web';
  turn.say(
    `Sự việc xảy ra ở đâu? Bạn nhập địa điểm (thôn, đường, xã/phường)${zalo ? ' hoặc chia sẻ vị trí' : ''}.`,
    { quickReplies: [SKIP] },
  );
}

function askPhotoOrConsent(turn: Turn, draft: FeedbackDraft) {
  if (turn.session.ref.channel !== 'web' && !draft.photoUrl) {
    turn.session.pending = { kind: 'feedback', step: 'photo', draft };
    turn.say('Nếu có, bạn gửi kèm một ảnh hiện trường; nếu không, chọn “Bỏ qua”.', { quickReplies: [SKIP] });
    return;
  }
  askConsent(turn, draft);
}

function askConsent(turn: Turn, draft: FeedbackDraft) {
  turn.session.pending = { kind: 'feedback', step: 'consent', draft };
  turn.say('Cán bộ có thể liên hệ lại với bạn qua kênh này để xác minh khi cần không?', {
    quickReplies: [
      { title: 'Đồng ý', payload: encodePayload({ type: 'feedback_consent', consent: true }) },
      { title: 'Không', payload: encodePayload({ type: 'feedback_consent', consent: false }) },
    ],
  });
}

/** Continues the intake with whatever the citizen sent; returns false if it does not fit the step. */
export async function continueFeedback(
  turn: Turn,
  inbound: Inbound,
  skip: boolean,
  consent?: boolean,
): Promise<boolean> {
  const pending = turn.session.pending;
  if (pending?.kind !== 'feedback') return false;
  const draft = { ...pending.draft };
  const text = inbound.kind === 'text' ? inbound.text.trim() : '';
  switch (pending.step) {
    case 'what':
      if (!text) return false;
      draft.description = text.slice(0, 2000);
      askWhere(turn, draft);
      return true;
    case 'where':
      if (inbound.kind === 'location') draft.location = { lat: inbound.lat, lng: inbound.lng };
      else if (text) draft.place = text.slice(0, 300);
      else if (!skip) return false;
      askPhotoOrConsent(turn, draft);
      return true;
    case 'photo':
      if (
        inbound.kind === 'attachment' &&
        (inbound.type === 'image' || inbound.type === 'gif') &&
        inbound.url
      )
        draft.photoUrl = inbound.url;
      else if (!skip) return false;
      askConsent(turn, draft);
      return true;
    case 'consent':
      if (consent === undefined) return false;
      fileReport(turn, draft, consent);
      return true;
  }
}

function fileReport(turn: Turn, draft: FeedbackDraft, consent: boolean): void {
  const description = draft.description ?? '';
  const folded = description
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/gu, '')
    .replace(/đ/gu, 'd')
    .toLowerCase();
  const category = categorise(folded);
  const report: FeedbackReport = {
    // Derived from the citizen's message: filing the same report again cannot make a second one.
    reference: derivedReference('PA', turn.now, turn.userMessageId),
    ref: turn.session.ref,
    channel: turn.session.ref.channel,
    category: category.label,
    team: 'tiep-nhan-phan-anh',
    description,
    ...(draft.place ? { place: draft.place } : {}),
    ...(draft.location ? { location: draft.location } : {}),
    ...(draft.photoUrl ? { photoUrl: draft.photoUrl } : {}),
    contactConsent: consent,
    status: 'open',
    createdAt: turn.now.toISOString(),
  };
  turn.effect({ kind: 'file_feedback', report });
  turn.session.pending = undefined;
  turn.say(
    `Cảm ơn bạn! Phản ánh đã được ghi nhận với mã ${report.reference} và chuyển tới bộ phận tiếp nhận phản ánh. Bạn có thể hỏi tình trạng bằng cách nhắn mã này.`,
  );
}

export async function showFeedbackStatus(turn: Turn, reference: string): Promise<void> {
  const report = await turn.deps.stores.feedback.get(reference.toUpperCase());
  if (
    !report ||
    report.ref.userId !== turn.session.ref.userId ||
    report.ref.channel !== turn.session.ref.channel
  ) {
    turn.say(
      `Không tìm thấy phản ánh ${reference.toUpperCase()} trong cuộc trò chuyện này. Bạn vui lòng kiểm tra lại mã.`,
    );
    return;
  }
  const status = report.status === 'open' ? 'đang được xử lý' : 'đã được xử lý xong';
  turn.say(`Phản ánh ${report.reference} (${report.category}) ${status}.`);
}

export { REFERENCE as FEEDBACK_REFERENCE };
