import { describe, expect, it } from 'vitest';
import { choiceLabels, LABEL_LENGTH } from '../../../functions/conversation/choice-labels';

const COMMON =
  'Cấp, cấp lại Giấy xác nhận nuôi trồng thủy sản lồng bè, đối tượng thủy sản nuôi chủ lực (hoạt động trên nội địa thuộc phạm vi quản lý';

describe('quick-reply labels of a choice', () => {
  it('keeps short titles as they are', () => {
    expect(choiceLabels(['Làm thẻ căn cước lần đầu', 'Làm căn cước cho trẻ dưới 14 tuổi'])).toEqual([
      'Làm thẻ căn cước lần đầu',
      'Làm căn cước cho trẻ dưới 14 tuổi',
    ]);
  });

  it('cuts a long title that no other one resembles', () => {
    const [label] = choiceLabels([`${COMMON} của Chủ tịch Ủy ban nhân dân cấp xã)`, 'Đăng ký khai sinh']);
    expect(label?.length).toBe(LABEL_LENGTH);
    expect(label?.endsWith('…')).toBe(true);
  });

  it('shows the start and the end of long titles that would otherwise read the same', () => {
    const labels = choiceLabels([
      `${COMMON} của Chủ tịch Ủy ban nhân dân cấp xã)`,
      `${COMMON} từ 02 tỉnh, thành phố trở lên của Bộ trưởng Bộ Nông nghiệp và Môi trường)`,
    ]);
    expect(new Set(labels).size).toBe(2);
    expect(labels[0]).toMatch(/^Cấp, cấp lại Giấy xác nhận … .*cấp xã$/u);
    expect(labels[1]).toMatch(/Môi trường$/u);
    for (const label of labels) expect(label.length).toBeLessThanOrEqual(LABEL_LENGTH);
  });

  it('leaves alike labels alone when their ends are alike too (nothing better to show)', () => {
    const title = `${COMMON} của Chủ tịch Ủy ban nhân dân cấp xã)`;
    const labels = choiceLabels([
      title,
      `${title.slice(0, 70)} khác nữa của Chủ tịch Ủy ban nhân dân cấp xã)`,
    ]);
    expect(labels[0]).toBe(labels[1]);
  });
});
