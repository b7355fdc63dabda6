import { describe, expect, it } from 'vitest';
import { durationSentence } from '../../../knowledge/catalogue/import-record';

/** The time limit read from a record's steps when its channel rows give none with a unit. */
describe('durationSentence', () => {
  it("skips a limit counted from someone else's step (birth registration, 1.001193)", () => {
    const steps =
      '- Công chức tư pháp - hộ tịch thẩm tra hồ sơ.\n' +
      '- Trong thời hạn 03 ngày làm việc kể từ ngày nhận được yêu cầu xác minh, Ủy ban nhân dân cấp xã nơi nhận được đề nghị xác minh có trách nhiệm kiểm tra, xác minh và gửi kết quả về tình trạng hôn nhân của người đó.';
    expect(durationSentence(steps)).toBeUndefined();
  });

  it('takes the limit counted from the dossier, past one counted from something else (1.001266)', () => {
    const steps =
      'Hộ kinh doanh gửi thông báo trong thời hạn 05 ngày làm việc kể từ ngày thanh toán hết các khoản nợ của hộ kinh doanh. ' +
      'Trong thời hạn 05 ngày làm việc kể từ ngày nhận hồ sơ đăng ký chấm dứt hoạt động của hộ kinh doanh, cơ quan đăng ký kinh doanh cấp xã trả kết quả.';
    expect(durationSentence(steps)).toMatch(/^Trong thời hạn 05 ngày làm việc kể từ ngày nhận hồ sơ/u);
  });

  it('skips a deadline the applicant must keep (1.000016)', () => {
    const steps =
      'Trong thời hạn 07 ngày sau khi hoàn tất việc tăng, giảm vốn góp của quỹ, công ty thực hiện quản lý quỹ phải thông báo cho cơ quan đăng ký kinh doanh nơi công ty đặt trụ sở chính.';
    expect(durationSentence(steps)).toBeUndefined();
  });

  it("keeps a bare limit, and one counted from the applicant's written request", () => {
    expect(durationSentence('Bước 3: Trong thời hạn 10 ngày làm việc.')).toBe(
      'Trong thời hạn 10 ngày làm việc.',
    );
    expect(durationSentence('Trong thời hạn 03 ngày làm việc kể từ ngày nhận được văn bản đề nghị.')).toBe(
      'Trong thời hạn 03 ngày làm việc kể từ ngày nhận được văn bản đề nghị.',
    );
  });
});
