import type { QuickReply } from './model';
import { encodePayload } from './payloads';

/** Shared wording. Short, polite, correct diacritics; the citizen reads this on a phone. */
export const MENU_REPLIES: QuickReply[] = [
  { title: 'Thủ tục hành chính', payload: encodePayload({ type: 'menu', topic: 'procedure' }) },
  { title: 'Tra cứu hồ sơ', payload: encodePayload({ type: 'menu', topic: 'dossier' }) },
  { title: 'Địa chỉ số', payload: encodePayload({ type: 'menu', topic: 'address' }) },
  { title: 'Gửi phản ánh', payload: encodePayload({ type: 'menu', topic: 'feedback' }) },
  { title: 'Gặp cán bộ', payload: encodePayload({ type: 'handoff' }) },
];

export const HANDOFF_REPLY: QuickReply = { title: 'Gặp cán bộ', payload: encodePayload({ type: 'handoff' }) };

export const TEXT = {
  welcome:
    'Xin chào! Tôi là Trợ lý ảo Dịch vụ công của tỉnh. Tôi có thể hướng dẫn thủ tục hành chính, tra cứu hồ sơ, địa chỉ số, nhận phản ánh hoặc kết nối bạn với cán bộ. Bạn cần hỗ trợ gì ạ?',
  help: 'Tôi có thể giúp bạn:\n• Hướng dẫn thủ tục: giấy tờ cần nộp, lệ phí, thời gian, nơi nộp, nộp trực tuyến\n• Tra cứu tình trạng hồ sơ đã nộp\n• Địa chỉ số của hộ gia đình, doanh nghiệp\n• Tiếp nhận phản ánh, kiến nghị\n• Kết nối với cán bộ khi cần\nBạn cứ nhắn câu hỏi, ví dụ: “làm lại căn cước cần gì”.',
  handoffOrAsk:
    'Bạn muốn gặp cán bộ phải không ạ? Nếu vậy, bạn chọn “Gặp cán bộ”. Bạn cũng có thể nhắn câu hỏi để tôi trả lời ngay.',
  askAway: 'Vâng, bạn cứ nhắn câu hỏi, tôi sẽ hỗ trợ ngay.',
  goodbye: 'Cảm ơn bạn đã liên hệ. Chúc bạn một ngày tốt lành! Khi cần, bạn cứ nhắn cho tôi nhé.',
  thanks: 'Rất vui được hỗ trợ bạn. Bạn còn cần hỏi gì nữa không ạ?',
  outOfScope:
    'Xin lỗi, câu hỏi này nằm ngoài phạm vi tôi hỗ trợ: tôi chỉ hỗ trợ các câu hỏi về dịch vụ công và thủ tục hành chính. Bạn có thể chọn một mục dưới đây, nhắn câu hỏi khác hoặc gặp cán bộ.',
  noAnswer:
    'Xin lỗi, tôi chưa có thông tin để trả lời câu hỏi này. Bạn có thể nói cụ thể hơn (tên thủ tục và điều cần biết: giấy tờ, lệ phí, thời gian, nơi nộp), gặp cán bộ hoặc gọi Tổng đài 1022 của tỉnh.',
  notUnderstood:
    'Xin lỗi, tôi chưa hiểu rõ câu hỏi. Bạn có thể nói cụ thể hơn, ví dụ tên thủ tục và điều bạn cần biết (giấy tờ, lệ phí, thời gian, nơi nộp)?',
  hotline: 'Bạn cũng có thể gọi Tổng đài 1022 của tỉnh để được hỗ trợ.',
  placeNoted: 'Vâng, tôi đã ghi nhận nơi bạn ở. Bạn cần hỏi thủ tục gì ạ?',
  otherLanguage:
    'Hello! I am the public-service assistant of Khanh Hoa province. I can only answer in Vietnamese, but I can connect you with a staff member who can help you: tap the “Gặp cán bộ” (talk to staff) button, or call the 1022 hotline.',
  staffWaiting:
    'Yêu cầu gặp cán bộ của bạn đã được ghi nhận; cán bộ sẽ trả lời ngay khi tiếp nhận. Bạn cứ nhắn nội dung cần hỗ trợ, cán bộ sẽ đọc được.',
  cancelled: 'Đã hủy. Bạn cần hỗ trợ gì thêm ạ?',
  staffSilent: 'Tin nhắn của bạn đã được chuyển tới cán bộ.',
} as const;
