import type { ProcedureRecord } from '../../../knowledge/catalogue/procedure-record';
import type { KnowledgeEntry } from '../../../knowledge/schema';

/** A catalogue procedure with plausible defaults; tests override what they are about. */
export function procedure(
  overrides: Partial<ProcedureRecord> & { code: string; title: string },
): ProcedureRecord {
  return {
    levels: ['Cấp xã'],
    field: 'Hộ tịch',
    ministry: 'bo-tu-phap',
    agencies: 'Ủy ban nhân dân cấp xã',
    channels: [
      { channel: 'Trực tiếp', duration: { value: 3, unit: 'ngày làm việc' }, fee: { kind: 'free' } },
      { channel: 'Trực tuyến', duration: { value: 3, unit: 'ngày làm việc' }, fee: { kind: 'free' } },
    ],
    documentGroups: [{ items: [{ name: 'Tờ khai theo mẫu', originals: 1 }] }],
    steps: ['Bước 1: Nộp hồ sơ', 'Bước 2: Nhận kết quả'],
    results: ['Giấy chứng nhận'],
    legalBasis: ['Luật Hộ tịch 60/2014/QH13'],
    sourceUrl: `https://dichvucong.gov.vn/thu-tuc-hanh-chinh/${overrides.code}`,
    checkedAt: '2026-07-17',
    ...overrides,
  };
}

export const CATALOGUE: ProcedureRecord[] = [
  procedure({ code: '1.000894', title: 'Thủ tục đăng ký kết hôn', results: ['Giấy chứng nhận kết hôn'] }),
  procedure({ code: '1.001193', title: 'Thủ tục đăng ký khai sinh', results: ['Giấy khai sinh'] }),
  procedure({ code: '1.000656', title: 'Thủ tục đăng ký khai tử', results: ['Trích lục khai tử'] }),
  procedure({
    code: '1.014064',
    title: 'Cấp lại thẻ căn cước',
    field: 'Căn cước',
    agencies: 'Công an cấp xã',
    results: ['Thẻ căn cước'],
  }),
  procedure({
    code: '2.001194',
    title: 'Cấp lại thẻ căn cước (thực hiện tại cấp tỉnh)',
    field: 'Căn cước',
    levels: ['Cấp tỉnh'],
    agencies: 'Công an cấp tỉnh',
  }),
  procedure({
    code: '1.001456',
    title: 'Cấp hộ chiếu phổ thông ở trong nước',
    field: 'Xuất nhập cảnh',
    levels: ['Cấp tỉnh'],
  }),
  procedure({
    code: '1.001457',
    title: 'Cấp hộ chiếu phổ thông ở trong nước',
    field: 'Xuất nhập cảnh',
    levels: ['Cấp bộ'],
  }),
  procedure({ code: '1.004222', title: 'Đăng ký thường trú', field: 'Đăng ký, quản lý cư trú' }),
  procedure({
    code: '1.012753',
    title: 'Đăng ký đất đai, cấp Giấy chứng nhận quyền sử dụng đất lần đầu',
    field: 'Đất đai',
  }),
  procedure({
    code: '1.001686',
    title: 'Cấp Giấy chứng nhận đủ điều kiện buôn bán thuốc thú y',
    field: 'Thú y',
  }),
  procedure({
    code: '6.006589',
    title: 'Phê duyệt quy hoạch chi tiết phát triển vùng đất, vùng nước cảng biển',
    field: 'Hàng hải',
  }),
];

export function curated(overrides: Partial<KnowledgeEntry> & { id: string; title: string }): KnowledgeEntry {
  return {
    kind: 'curated',
    aliases: [],
    aspects: {},
    sourceUrl: 'https://dichvucong.gov.vn/',
    checkedAt: '2026-11-01',
    links: [],
    ...overrides,
  };
}
