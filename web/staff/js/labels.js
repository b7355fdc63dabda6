// Vietnamese names for the API's codes, and the console's date and number formats.

export const intentLabels = {
  greeting: 'Chào hỏi',
  goodbye: 'Chào tạm biệt',
  thanks: 'Cảm ơn',
  help: 'Hỏi trợ giúp',
  procedure_info: 'Thủ tục hành chính',
  dossier_status: 'Tra cứu hồ sơ',
  digital_address: 'Địa chỉ số',
  account_help: 'Tài khoản, VNeID',
  payment_help: 'Thanh toán trực tuyến',
  feedback_report: 'Phản ánh, kiến nghị',
  agency_contact: 'Liên hệ cơ quan',
  business_support: 'Hỗ trợ doanh nghiệp',
  human_handoff: 'Gặp cán bộ',
  bot_feedback: 'Góp ý trợ lý',
  out_of_scope: 'Ngoài phạm vi',
};

export const reasonLabels = {
  requested: 'Người dân yêu cầu',
  unhelpful_answers: 'Trả lời chưa hữu ích',
  low_confidence: 'Trợ lý chưa chắc chắn',
  complaint: 'Khiếu nại',
  bad_rating: 'Đánh giá thấp',
  overdue_dossier: 'Hồ sơ trễ hạn',
};

export const stateLabels = { open: 'Đang chờ', claimed: 'Đã tiếp nhận', resolved: 'Đã hoàn tất' };

export const channelLabels = { web: 'Web', zalo: 'Zalo', zalo_bot: 'Zalo' };

export const speakerLabels = { user: 'Người dân', bot: 'Trợ lý ảo', staff: 'Cán bộ', system: 'Hệ thống' };

export const modeLabels = { bot: 'Chỉ trợ lý ảo', staff: 'Có cán bộ hỗ trợ' };

export const labelOf = (table, key) => table[key] ?? key ?? '';

// Staff read Vietnam times wherever their browser's clock is set (UTC+7, as every date a person sees).
const TIME_ZONE = 'Asia/Ho_Chi_Minh';
const dateTime = new Intl.DateTimeFormat('vi-VN', {
  timeZone: TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});
const timeOnly = new Intl.DateTimeFormat('vi-VN', {
  timeZone: TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
});

export function formatDateTime(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : dateTime.format(date);
}

/** Time only for today, date and time otherwise. */
export function formatWhen(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return localDate(date) === localDate(new Date()) ? timeOnly.format(date) : dateTime.format(date);
}

export const formatPercent = (rate) => `${Math.round((Number(rate) || 0) * 1000) / 10}%`.replace('.', ',');

export const formatCount = (value) => new Intl.NumberFormat('vi-VN').format(Number(value) || 0);

export function formatMinutes(minutes) {
  const value = Math.max(0, Math.round(Number(minutes) || 0));
  if (value < 60) return `${value} phút`;
  const hours = Math.floor(value / 60);
  if (hours < 24) return `${hours} giờ ${value % 60} phút`;
  return `${Math.floor(hours / 24)} ngày ${hours % 24} giờ`;
}

/** YYYY-MM-DD in the province's time zone (the reports are per local day). */
export function localDate(date) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(date);
}
