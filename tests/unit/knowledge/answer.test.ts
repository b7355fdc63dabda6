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
    expect(composeAnswer(entry, 'duration').text).toContain('Chưa có thông tin về thời hạn giải quyết');
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
});
