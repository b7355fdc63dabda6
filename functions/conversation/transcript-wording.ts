import { ASPECT_LABEL } from './flows/procedure';
import { HANDOFF_SCORE_LABELS } from './flows/rating';
import type { Inbound } from './model';
import { decodePayload } from './payloads';

/**
 * How the citizen's messages read in the transcript staff see: a quick-reply tap becomes a short
 * bracketed note instead of its machine payload.
 */
/** How a quick-reply tap reads in the transcript staff see. */
export function describePayload(raw: string): string {
  const p = decodePayload(raw);
  if (!p) return raw;
  switch (p.type) {
    case 'aspect':
      return `[Chọn] ${ASPECT_LABEL[p.aspect]}`;
    case 'entry':
      return '[Chọn] một thủ tục';
    case 'helpful':
      return p.helpful ? '[Đánh giá] Hữu ích' : '[Đánh giá] Chưa hữu ích';
    case 'rate':
      return `[Đánh giá] ${p.score}/5 – ${HANDOFF_SCORE_LABELS[p.score - 1]}`;
    case 'rate_skip':
      return '[Bỏ qua đánh giá]';
    case 'handoff':
      return '[Chọn] Gặp cán bộ';
    case 'cancel_handoff':
      return '[Chọn] Hủy yêu cầu gặp cán bộ';
    case 'follow':
      return `[Chọn] Theo dõi hồ sơ ${p.code}`;
    case 'menu':
      return `[Menu] ${p.topic}`;
    case 'feedback_skip':
      return '[Bỏ qua]';
    case 'feedback_consent':
      return p.consent ? '[Đồng ý liên hệ]' : '[Không đồng ý liên hệ]';
  }
}

/** The citizen's message as it reads in the transcript. */
export function describeInbound(inbound: Inbound): string {
  switch (inbound.kind) {
    case 'text':
      return inbound.text.trim().startsWith('#qr:') ? describePayload(inbound.text.trim()) : inbound.text;
    case 'payload':
      return describePayload(inbound.payload);
    case 'location':
      return `[Vị trí] ${inbound.lat.toFixed(5)}, ${inbound.lng.toFixed(5)}${inbound.text ? ` – ${inbound.text}` : ''}`;
    case 'attachment':
      return `[Tệp đính kèm: ${inbound.type}]`;
    case 'shared_info':
      return '[Đã chia sẻ thông tin liên hệ]';
    case 'follow':
      return '[Quan tâm Zalo OA]';
  }
}
