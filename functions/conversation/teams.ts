import type { IntentId } from '../../intents/taxonomy';

/** Staff teams that take handoffs. Queues are per team; the knowledge entry's `team` routes first. */
export const TEAMS = [
  { id: 'tong-hop', name: 'Tổ tiếp nhận chung' },
  { id: 'ho-tich-tu-phap', name: 'Hộ tịch – Tư pháp – Chứng thực' },
  { id: 'cong-an', name: 'Cư trú – Căn cước – Xuất nhập cảnh – Giao thông' },
  { id: 'dat-dai-xay-dung', name: 'Đất đai – Xây dựng' },
  { id: 'doanh-nghiep-dau-tu', name: 'Doanh nghiệp – Đầu tư – Hợp tác xã' },
  { id: 'lao-dong-xa-hoi', name: 'Lao động – Bảo hiểm – Chính sách xã hội' },
  { id: 'y-te-giao-duc', name: 'Y tế – Giáo dục' },
  { id: 'chuyen-doi-so', name: 'Tài khoản số – Thanh toán – Địa chỉ số' },
  { id: 'tiep-nhan-phan-anh', name: 'Tiếp nhận phản ánh, kiến nghị' },
] as const;
export type TeamId = (typeof TEAMS)[number]['id'];

export const DEFAULT_TEAM: TeamId = 'tong-hop';

export function isTeamId(value: string): value is TeamId {
  return TEAMS.some((t) => t.id === value);
}

const BY_INTENT: Partial<Record<IntentId, TeamId>> = {
  account_help: 'chuyen-doi-so',
  payment_help: 'chuyen-doi-so',
  digital_address: 'chuyen-doi-so',
  business_support: 'doanh-nghiep-dau-tu',
  feedback_report: 'tiep-nhan-phan-anh',
};

export function teamFor(entryTeam: string | undefined, intent: IntentId | undefined): TeamId {
  if (entryTeam && isTeamId(entryTeam)) return entryTeam;
  return (intent && BY_INTENT[intent]) || DEFAULT_TEAM;
}
