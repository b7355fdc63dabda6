import { describe, expect, it } from 'vitest';
import { parseDocuments } from '../../../knowledge/catalogue/parse-documents';

const HEAD = 'Tên giấy tờMẫu đơn, tờ khaiSố lượng';

describe('parseDocuments', () => {
  it('splits rows, template file names and counts (1.002010)', () => {
    const raw =
      `--${HEAD}Dự thảo Điều lệ của công ty luật1 bản chính` +
      'Giấy tờ chứng minh về trụ sở của tổ chức hành nghề luật sư.0 bản chính,1 bản sao' +
      'Giấy đề nghị đăng ký hoạt động theo mẫu thống nhấtMẫu TP-LS-02-sđ.docx1 bản chính';
    expect(parseDocuments(raw).groups).toEqual([
      {
        items: [
          { name: 'Dự thảo Điều lệ của công ty luật', originals: 1 },
          { name: 'Giấy tờ chứng minh về trụ sở của tổ chức hành nghề luật sư.', originals: 0, copies: 1 },
          {
            name: 'Giấy đề nghị đăng ký hoạt động theo mẫu thống nhất',
            form: 'Mẫu TP-LS-02-sđ.docx',
            originals: 1,
          },
        ],
      },
    ]);
  });

  it('gives a year glued to the count back to the name (1.014980)', () => {
    const raw = `--${HEAD}Văn bản đề nghị theo mẫu tại Nghị định số 56/2023/NĐ-CP ngày 24/07/20231 bản chính`;
    expect(parseDocuments(raw).groups[0]?.items).toEqual([
      { name: 'Văn bản đề nghị theo mẫu tại Nghị định số 56/2023/NĐ-CP ngày 24/07/2023', originals: 1 },
    ]);
  });

  it('does not split at a count written in prose ("nộp 01 bản sao có chứng thực")', () => {
    const raw = `--${HEAD}Giấy tờ chứng minh chỗ ở (nộp 01 bản sao có chứng thực)1 bản chínhTờ khai1 bản chính`;
    const items = parseDocuments(raw).groups[0]?.items ?? [];
    expect(items.map((i) => i.name)).toEqual([
      'Giấy tờ chứng minh chỗ ở (nộp 01 bản sao có chứng thực)',
      'Tờ khai',
    ]);
  });

  it('keeps one group per case, with the case as its heading', () => {
    const raw =
      `a) Đối với cấp mới: ${HEAD}- Đơn đề nghị cấp giấy phép;1 bản chính` +
      `b) Đối với cấp lại:${HEAD}- Giấy phép đã cấp.1 bản chính`;
    const { groups } = parseDocuments(raw);
    expect(groups.map((g) => g.heading)).toEqual(['a) Đối với cấp mới', 'b) Đối với cấp lại']);
    expect(groups.map((g) => g.items.map((i) => i.name))).toEqual([
      ['Đơn đề nghị cấp giấy phép'],
      ['Giấy phép đã cấp.'],
    ]);
  });

  it('keeps prose when there is no table, and says so', () => {
    const parsed = parseDocuments('Bước 1. Lập hồ sơ theo mẫu số 05A-HSB và nộp cho cơ quan BHXH.');
    expect(parsed.groups).toEqual([]);
    expect(parsed.text).toContain('mẫu số 05A-HSB');
    expect(parsed.problems).toEqual(['no document table']);
  });

  it.each(['', 'Không có thông tin'])('reads "%s" as no documents, not as a problem', (raw) => {
    expect(parseDocuments(raw)).toEqual({ groups: [], problems: [] });
  });
});
