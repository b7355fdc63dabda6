import { describe, expect, it } from 'vitest';
import { decodePayload } from '../../../functions/conversation/payloads';
import { loadNlu } from '../../../intents';
import { loadKnowledgeBase } from '../../../knowledge';
import { citizen, testServices, texts } from '../../support/test-services';

/** The shipped model and knowledge base: these tests are about how real messages are routed. */
const real = () => testServices({ nlu: loadNlu(), kb: loadKnowledgeBase() });

describe('a conversation keeps its topic', () => {
  it('answers everyday follow-ups about the procedure just answered, with the fee in force today', async () => {
    const c = citizen(real().services);
    await c.say('làm lại căn cước bị mất cần gì');
    const fee = await c.say('het bao nhieu');
    expect(fee.messages[0]?.entryId).toBe('cur.cap-lai-the-can-cuoc');
    // The clock's day (24/11/2026) is inside the 50 % period (01/7/2025 – 31/12/2026).
    expect(texts(fee.messages)).toMatch(/35\.000 đồng \(bằng 50% mức 70\.000 đồng/u);
    const online = await c.say('lam online dc ko');
    expect(online.messages[0]?.entryId).toBe('cur.cap-lai-the-can-cuoc');
    expect(texts(online.messages)).toMatch(/trực tuyến/u);
  });

  it('answers "còn lệ phí thì sao" with the fee after the documents, "còn nộp online thì sao" with the same aspect', async () => {
    const c = citizen(real().services);
    await c.say('làm lại căn cước cần giấy tờ gì');
    const fee = await c.say('còn lệ phí thì sao');
    expect(fee.messages[0]?.entryId).toBe('cur.cap-lai-the-can-cuoc');
    expect(texts(fee.messages)).toMatch(/35\.000 đồng/u);
    // A condition, not a new aspect: the fee again.
    const online = await c.say('còn nộp online thì sao');
    expect(texts(online.messages)).toMatch(/lệ phí/iu);
  });

  it('switches topic when the message names another procedure', async () => {
    const c = citizen(real().services);
    await c.say('làm lại căn cước bị mất cần gì');
    const reply = await c.say('còn đăng ký kết hôn mất bao lâu');
    expect(reply.messages[0]?.entryId).not.toBe('cur.cap-lai-the-can-cuoc');
  });

  it.each(['2', 'cái thứ 2', 'thứ hai ạ'])(
    'takes a typed "%s" as the second choice of the list just shown',
    async (typed) => {
      const c = citizen(real().services);
      const which = await c.say('cấp lại giấy phép');
      expect(texts(which.messages)).toMatch(/thủ tục nào/u);
      const payload = decodePayload(which.messages[0]?.quickReplies?.[1]?.payload ?? '');
      const second = payload?.type === 'entry' ? payload.entryId : undefined;
      expect(second).toBeDefined();
      const reply = await c.say(typed);
      expect(reply.messages[0]?.entryId).toBe(second);
    },
  );
});

describe('a pending step never swallows what follows', () => {
  it('hands off on "thôi cho gặp nhân viên" instead of saving it as the incident place', async () => {
    const c = citizen(real().services);
    await c.say('tôi muốn phản ánh đèn đường thôn tôi bị hỏng mấy tuần nay');
    const reply = await c.say('thôi cho gặp nhân viên');
    expect(reply.state).toBe('waiting_staff');
  });

  it('reads "123456" at the dossier prompt as a wrong code and keeps asking', async () => {
    const c = citizen(real().services);
    await c.say('tra cứu hồ sơ');
    const reply = await c.say('123456');
    expect(texts(reply.messages)).toMatch(/chưa đúng định dạng/u);
  });

  it('answers "alo" while the citizen waits for staff', async () => {
    const c = citizen(real().services);
    await c.say('cho tôi gặp cán bộ');
    const reply = await c.say('alo alo co ai ko');
    expect(texts(reply.messages)).toMatch(/đã được ghi nhận/u);
  });
});

describe('honest when there is no answer', () => {
  it('names the court for a divorce and offers a person', async () => {
    const reply = await citizen(real().services).say('muốn ly hôn thì làm thủ tục ở đâu');
    expect(reply.messages[0]?.entryId).toBeUndefined();
    expect(texts(reply.messages)).toMatch(/Tòa án/u);
    expect(reply.messages[0]?.quickReplies?.some((q) => q.title === 'Gặp cán bộ')).toBe(true);
  });

  it('replies in English to an English message, offering a person', async () => {
    const reply = await citizen(real().services).say('Hello, how do I renew my temporary residence card?');
    expect(texts(reply.messages)).toMatch(/only answer in Vietnamese/u);
    expect(reply.messages[0]?.quickReplies?.some((q) => q.title === 'Gặp cán bộ')).toBe(true);
  });

  it('does not take an emoji for a rating', async () => {
    const { services } = real();
    const c = citizen(services);
    await c.say('làm lại căn cước bị mất cần gì');
    const reply = await c.say('👍');
    expect(texts(reply.messages)).not.toMatch(/đánh giá/u);
  });
});
