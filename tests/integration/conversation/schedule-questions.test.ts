import { describe, expect, it } from 'vitest';
import { citizen, shippedServices } from '../../support/test-services';

/**
 * Questions about an office's working days and hours, on the real model and knowledge base. The
 * assistant holds no verified schedule of any office: it names the day asked, says so, and says
 * where the schedule is published; it never states a day or an hour.
 */
const { services } = shippedServices();

async function talk(userId: string, ...texts: string[]) {
  const c = citizen(services, userId);
  const replies = [];
  for (const text of texts) replies.push((await c.say(text)).messages);
  return replies;
}
const allText = (messages: { text: string }[] | undefined) => (messages ?? []).map((m) => m.text).join('\n');

describe('a working day asked about', () => {
  it('"thu 7 cong an phuong co lam viec ko": the office contact, then Saturday, where to check, 1022', async () => {
    const [replies] = await talk('schedule-000001', 'thu 7 cong an phuong co lam viec ko');
    expect(replies?.[0]?.entryId).toBeDefined();
    const text = allText(replies);
    expect(text).toMatch(/thứ Bảy/u);
    expect(text).toMatch(/niêm yết/u);
    expect(text).toMatch(/1022/u);
    expect(text).not.toMatch(/\b\d{1,2}\s?(giờ|h)\b/u);
  });

  it('"chủ nhật thì sao" next: Sunday, not the last answer again', async () => {
    const [, replies] = await talk(
      'schedule-000002',
      'thu 7 cong an phuong co lam viec ko',
      'chu nhat thi sao',
    );
    expect(replies).toHaveLength(1);
    expect(replies?.[0]?.text).toMatch(/Chủ nhật/u);
    expect(replies?.[0]?.entryId).toBeUndefined();
  });

  it('after a procedure, "còn thứ 7 thì sao" asks about Saturday', async () => {
    const [, replies] = await talk('schedule-000003', 'lam the can cuoc', 'con thu 7 thi sao');
    expect(allText(replies)).toMatch(/thứ Bảy/u);
  });

  it('a procedure question that names no day is answered as before', async () => {
    const [replies] = await talk('schedule-000004', 'lam giay khai sinh o dau');
    expect(allText(replies)).not.toMatch(/Về làm việc|giờ làm việc:/u);
  });
});
