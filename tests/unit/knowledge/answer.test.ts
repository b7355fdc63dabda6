import { describe, expect, it } from 'vitest';
import { ANSWER_MAX_CHARS, composeAnswer } from '../../../knowledge/answer';
import { procedureToEntry } from '../../../knowledge/catalogue/to-entry';
import type { KnowledgeEntry } from '../../../knowledge/schema';
import { curated, procedure } from './fixtures';

const marriage = procedureToEntry(
  procedure({
    code: '1.000894',
    title: 'Thủ tục đăng ký kết hôn',
    channels: [
      {
        channel: 'Trực tiếp',
        duration: { value: 5, unit: 'ngày làm việc' },
        fee: { kind: 'amount', amount: 30_000, currency: 'VND' },
      },
    ],
  }),
);

describe('composeAnswer', () => {
  it('puts the asked aspect first, right after the title', () => {
    const { text } = composeAnswer(marriage, 'fee');
    const lines = text.split('\n');
    expect(lines[0]).toBe('Thủ tục đăng ký kết hôn');
    expect(lines[1]).toBe('Phí, lệ phí (theo Cổng DVC quốc gia): 30.000 đồng.');
  });

  it('offers the other known aspects, not the one shown', () => {
    const { otherAspects } = composeAnswer(marriage, 'fee');
    expect(otherAspects).toEqual(['documents', 'duration', 'place', 'steps', 'online']);
  });

  it('always links the source, titled for the national portal', () => {
    expect(composeAnswer(marriage, 'duration').links[0]).toEqual({
      title: 'Xem chi tiết trên Cổng DVC quốc gia',
      url: 'https://dichvucong.gov.vn/thu-tuc-hanh-chinh/1.000894',
    });
  });

  it('says where to check when the shown facts can change', () => {
    expect(composeAnswer(marriage, 'fee').text).toMatch(
      /dữ liệu ngày 17\/07\/2026; quy định có thể thay đổi/u,
    );
  });

  it('says plainly that an aspect is not known, and where to look, instead of guessing', () => {
    const entry = procedureToEntry(
      procedure({
        code: '1.000001',
        title: 'Thủ tục không rõ lệ phí',
        channels: [{ channel: 'Trực tiếp', duration: { value: 1, unit: null }, fee: { kind: 'unknown' } }],
      }),
    );
    const { text, otherAspects } = composeAnswer(entry, 'fee');
    expect(text).toContain('Chưa có thông tin về phí, lệ phí của thủ tục này');
    expect(text).toContain('Cổng Dịch vụ công quốc gia');
    expect(text).not.toMatch(/\d+\.\d{3} đồng/u);
    expect(composeAnswer(entry, 'duration').text).toContain('không ghi rõ ngày làm việc hay ngày lịch');
    expect(otherAspects).not.toContain('fee');
  });

  it.each(['documents', 'steps', 'eligibility'] as const)(
    'keeps a long %s answer within one chat message',
    (aspect) => {
      const long = Array.from(
        { length: 40 },
        (_, i) => `• Giấy tờ số ${i + 1} rất dài ${'chữ '.repeat(20)}`,
      ).join('\n');
      const entry: KnowledgeEntry = { ...marriage, aspects: { ...marriage.aspects, [aspect]: long } };
      const { text } = composeAnswer(entry, aspect);
      expect(text.length).toBeLessThanOrEqual(ANSWER_MAX_CHARS);
      expect(text).toContain('xem đầy đủ ở liên kết bên dưới');
    },
  );

  it('without an asked aspect gives what the procedure is and what to prepare', () => {
    const { text, otherAspects } = composeAnswer(marriage);
    expect(text).toContain(marriage.summary ?? '');
    expect(text).toContain('Tờ khai theo mẫu');
    expect(otherAspects).not.toContain('documents');
    expect(text.length).toBeLessThanOrEqual(ANSWER_MAX_CHARS);
  });

  it('uses the plain title and the check date of a curated entry, and its extra links', () => {
    const entry = curated({
      id: 'cur.vneid',
      kind: 'faq',
      title: 'Tài khoản định danh điện tử',
      plainTitle: 'Tài khoản VNeID',
      aspects: { steps: 'Tải ứng dụng VNeID và làm theo hướng dẫn.' },
      sourceUrl: 'https://vneid.gov.vn/',
      links: [{ title: 'Cổng Dịch vụ công quốc gia', url: 'https://dichvucong.gov.vn/' }],
    });
    const answer = composeAnswer(entry, 'steps');
    expect(answer.text.split('\n')[0]).toBe('Tài khoản VNeID');
    expect(answer.text).toContain('Thông tin kiểm tra ngày 01/11/2026.');
    expect(answer.links).toEqual([
      { title: 'Xem nguồn: vneid.gov.vn', url: 'https://vneid.gov.vn/' },
      { title: 'Cổng Dịch vụ công quốc gia', url: 'https://dichvucong.gov.vn/' },
    ]);
    expect(composeAnswer(entry, 'fee').text).toContain('Chưa có thông tin về phí, lệ phí của nội dung này');
  });

  describe('the fee in force on the day asked', () => {
    const note =
      '- Cấp lại thẻ căn cước: 70.000 đồng/thẻ căn cước. Kể từ ngày 01/01/2025 đến hết ngày 31/12/2025, mức thu lệ phí khi công dân nộp hồ sơ theo hình thức trực tuyến bằng 50% mức thu lệ phí quy định. - Kể từ ngày 01/7/2025 đến hết ngày 31/12/2026 mức thu lệ phí cấp đổi, cấp lại thẻ căn cước bằng 50% mức thu nêu trên theo quy định tại Thông tư số 64/2025/TT-BTC ngày 30/6/2025 của Bộ Tài chính.';
    const entry = procedureToEntry(
      procedure({
        code: '1.000003',
        title: 'Cấp lại thẻ căn cước',
        channels: [
          {
            channel: 'Trực tiếp',
            duration: null,
            fee: { kind: 'amount', amount: 70_000, currency: 'VND', note },
          },
          {
            channel: 'Trực tuyến',
            duration: null,
            fee: { kind: 'amount', amount: 70_000, currency: 'VND', note },
          },
        ],
      }),
    );

    it('states the reduced rate while it is in force, with its period and basis', () => {
      const { text } = composeAnswer(entry, 'fee', { today: '2026-12-06' });
      expect(text).toContain(
        '35.000 đồng (bằng 50% mức 70.000 đồng, áp dụng từ 01/07/2025 đến hết 31/12/2026',
      );
      expect(text).toContain('Thông tư số 64/2025/TT-BTC');
      expect(text).not.toContain('…');
    });

    it('states the listed rate once the period is over', () => {
      const { text } = composeAnswer(entry, 'fee', { today: '2027-01-01' });
      expect(text).toContain('70.000 đồng');
      expect(text).not.toContain('35.000');
    });

    it('lists every period with its dates when no day is given', () => {
      const { text } = composeAnswer(entry, 'fee');
      expect(text).toContain('Từ 01/07/2025 đến hết 31/12/2026: thu 50% mức trên');
      expect(text).toContain('Từ 01/01/2025 đến hết 31/12/2025 khi nộp trực tuyến');
    });
  });
});
