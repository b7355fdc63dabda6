import { describe, expect, it } from 'vitest';
import type { KnowledgeEntry } from '../../../knowledge/schema';
import { FAKE_ENTRIES, fakeKb } from '../../support/fake-kb';
import { citizen, testServices, texts } from '../../support/test-services';

const entry = (id: string, title: string, fee: string): KnowledgeEntry => ({
  id,
  kind: 'curated',
  title,
  aliases: [],
  aspects: { fee },
  sourceUrl: 'https://dichvucong.gov.vn/',
  checkedAt: '2026-11-22',
  links: [],
});

describe('follow-up questions keep the topic', () => {
  it('answers "thế lệ phí bao nhiêu" about the procedure just answered', async () => {
    const kb = fakeKb([...FAKE_ENTRIES, entry('cur.le-phi-chung', 'Lệ phí chung', 'Phí chung.')]);
    const { services } = testServices({ kb });
    const c = citizen(services);
    await c.say('làm lại căn cước cần gì');
    const reply = await c.say('thế lệ phí bao nhiêu');
    expect(reply.messages[0]?.entryId).toBe('cur.cap-lai-can-cuoc');
  });

  it('re-offers the candidates of an open "which one?" for the asked aspect', async () => {
    const kb = fakeKb([
      entry('cur.thuong-tru', 'Đăng ký thường trú', 'Thường trú: 20.000 đồng.'),
      entry('cur.tam-tru', 'Đăng ký tạm trú', 'Tạm trú: 15.000 đồng.'),
    ]);
    const { services } = testServices({ kb });
    const c = citizen(services);
    const which = await c.say('làm đăng ký');
    expect(texts(which.messages)).toMatch(/thủ tục nào/u);
    const again = await c.say('lệ phí bao nhiêu');
    expect(texts(again.messages)).toMatch(/thủ tục nào/u);
    const pick = again.messages[0]?.quickReplies?.find((q) => q.title === 'Đăng ký tạm trú');
    expect(pick?.payload).toMatch(/aspect:cur\.tam-tru:fee/u);
    expect(texts((await c.tap(pick?.payload as string)).messages)).toMatch(/15\.000 đồng/u);
  });

  it('does not treat a message naming another procedure as a follow-up', async () => {
    const { services } = testServices();
    const c = citizen(services);
    await c.say('làm lại căn cước cần gì');
    const reply = await c.say('địa chỉ số là gì');
    expect(reply.messages[0]?.entryId).not.toBe('cur.cap-lai-can-cuoc');
  });
});

describe('a follow-up that names another procedure', () => {
  it('is answered about that procedure with one knowledge search, not one for the topic check and one for the answer', async () => {
    const inner = fakeKb([
      ...FAKE_ENTRIES,
      entry('cur.thuong-tru', 'Đăng ký thường trú', 'Thường trú: 20.000 đồng.'),
    ]);
    let searches = 0;
    const kb = {
      ...inner,
      get: inner.get,
      search: (...args: Parameters<typeof inner.search>) => {
        searches++;
        return inner.search(...args);
      },
    };
    const { services } = testServices({ kb });
    const c = citizen(services);
    await c.say('làm lại căn cước cần gì');
    searches = 0;
    const reply = await c.say('lệ phí đăng ký thường trú bao nhiêu');
    expect(reply.messages[0]?.entryId).toBe('cur.thuong-tru');
    expect(searches).toBe(1);
  });
});
