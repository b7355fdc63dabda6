import type { Understanding } from '../../../intents/types';
import { COMPLAINT, categorise, describesSomething, FEEDBACK_REFERENCE } from '../../../intents/vocabulary';
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
const REFERENCE = FEEDBACK_REFERENCE;

export { categorise, describesSomething };

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

export { FEEDBACK_REFERENCE };
