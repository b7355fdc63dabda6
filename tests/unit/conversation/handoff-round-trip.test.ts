import { describe, expect, it } from 'vitest';
import { citizen, payloadOf, testServices, texts } from '../../support/test-services';

const staff = { staffId: 'cb-01', name: 'Lan' };

describe('handoff to staff, reply, resolve and rating', () => {
  it('goes the whole way and lands in the satisfaction report', async () => {
    const { services } = testServices();
    const c = citizen(services);
    const asked = await c.say('cho tôi gặp cán bộ');
    expect(asked.state).toBe('waiting_staff');
    const [esc] = await services.stores.escalations.list('open');
    expect(esc).toMatchObject({
      channel: 'web',
      sessionId: 'web-citizen-1',
      reason: 'requested',
      state: 'open',
    });

    // While waiting, the assistant stays silent and the message reaches the escalation.
    const waiting = await c.say('tôi cần hỏi về đất đai');
    expect(waiting.messages).toEqual([]);
    expect((await services.stores.escalations.get(esc?.id as string))?.lastMessage).toBe(
      'tôi cần hỏi về đất đai',
    );

    await services.conversation.claim(esc?.id as string, staff);
    await expect(
      services.conversation.claim(esc?.id as string, { staffId: 'cb-02', name: 'Minh' }),
    ).rejects.toMatchObject({ name: 'ConflictError', reason: 'already_claimed' });
    await services.conversation.postStaffMessage(esc?.id as string, staff, 'Chào bạn, tôi là cán bộ Lan.');
    const inbox = await c.inbox();
    expect(inbox.some((m) => m.from === 'staff' && m.text === 'Chào bạn, tôi là cán bộ Lan.')).toBe(true);
    expect((await c.say('cảm ơn chị')).state).toBe('with_staff');

    await services.conversation.resolve(esc?.id as string, staff);
    const after = await c.inbox();
    const ask = after.at(-1);
    expect(ask?.quickReplies?.length).toBeGreaterThanOrEqual(3);
    const five = payloadOf(after, /^5/u);
    expect(texts((await c.tap(five as string)).messages)).toMatch(/Cảm ơn/u);
    // Once per episode: a second tap is not counted.
    await c.tap(five as string);
    const ratings = await services.stores.ratings.between('2000-01-01', '2100-01-01');
    expect(ratings).toHaveLength(1);
    expect(ratings[0]).toMatchObject({
      kind: 'handoff',
      score: 5,
      satisfied: true,
      staffId: 'cb-01',
      channel: 'web',
    });
  });

  it('tells the citizen when someone will answer outside office hours', async () => {
    // Saturday 20:00 in Vietnam.
    const { services } = testServices({ start: new Date('2026-11-28T13:00:00Z') });
    const c = citizen(services);
    const reply = await c.say('cho tôi gặp cán bộ');
    expect(texts(reply.messages)).toMatch(/ngoài giờ làm việc.*thứ Hai, 30\/11/su);
  });

  it('offers a person after two answers in a row that did not help', async () => {
    const { services } = testServices();
    const c = citizen(services);
    const first = await c.say('làm lại căn cước cần gì');
    await c.tap(payloadOf(first.messages, 'Chưa hữu ích') as string);
    const second = await c.say('mất cccd thì làm lại sao');
    const reply = await c.tap(payloadOf(second.messages, 'Chưa hữu ích') as string);
    expect(reply.state).toBe('waiting_staff');
    expect((await services.stores.escalations.list('open'))[0]?.reason).toBe('bad_rating');
  });

  it('lets the citizen cancel while waiting', async () => {
    const { services } = testServices();
    const c = citizen(services);
    const asked = await c.say('cho tôi gặp cán bộ');
    const cancelled = await c.tap(payloadOf(asked.messages, 'Hủy yêu cầu') as string);
    expect(cancelled.state).toBe('bot');
    expect(await services.stores.escalations.list('open')).toEqual([]);
  });
});
