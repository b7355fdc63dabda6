import { describe, expect, it } from 'vitest';
import { bodyOf, event, inProcessApi, STAFF_TOKEN } from './in-process';

/**
 * Issue 14: a rating is a payload anyone can type (`#qr:helpful:<id>:<entry>:<0|1>`). It counts only
 * for an answer of the same conversation that offered it, once; forged ones change no figure and
 * cannot force a handoff.
 */
const a = inProcessApi({ RATE_LIMIT_PER_MINUTE: '1000', RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '1000' });
const tap = (sessionId: string, payload: string) =>
  a.call('chat', event('POST', '/api/chat', { body: JSON.stringify({ sessionId, payload }) }));

async function satisfaction(): Promise<{ ratings: number; satisfied: number }> {
  const day = '2026-11-24';
  const r = await a.call(
    'staff',
    event('GET', '/api/staff/reports/satisfaction', {
      query: `from=${day}&to=${day}`,
      headers: { authorization: `Bearer ${STAFF_TOKEN}` },
    }),
  );
  expect(r.statusCode).toBe(200);
  const body = bodyOf(r);
  return { ratings: body.ratings, satisfied: body.satisfied };
}

/** A procedure answer in `sessionId`, with its two rating buttons. */
async function answerIn(sessionId: string) {
  const r = bodyOf(await a.chat(sessionId, 'thủ tục cấp lại căn cước cần gì'));
  const answer = r.messages.find((m: any) =>
    m.quickReplies?.some((q: any) => /^#qr:helpful:/u.test(q.payload)),
  );
  expect(answer).toBeDefined();
  const payloadOf = (title: string) =>
    answer.quickReplies.find((q: any) => q.title === title)?.payload as string;
  return { id: answer.id as string, helpful: payloadOf('Hữu ích'), unhelpful: payloadOf('Chưa hữu ích') };
}

const texts = (r: Awaited<ReturnType<typeof tap>>) =>
  bodyOf(r)
    .messages.map((m: any) => m.text)
    .join('\n');

describe('forged ratings', () => {
  it('ratings for ids that are no answer of this conversation are refused and change no figure', async () => {
    const before = await satisfaction();
    const owner = await answerIn('rating-owner-session-01');
    const forger = 'rating-forger-session-01';
    await a.chat(forger, 'xin chào');
    const forged = [
      '#qr:helpful:01KAB3C4D5E6F7G8H9J0K1M2N3:-:1',
      `#qr:helpful:${owner.id}:-:1`, // someone else's answer
      owner.helpful, // someone else's very button
      ...Array.from(
        { length: 10 },
        (_, i) => `#qr:helpful:01KAB3C4D5E6F7G8H9J0K1M2${String(i).padStart(2, '0')}:-:1`,
      ),
    ];
    for (const payload of forged) {
      const r = await tap(forger, payload);
      expect(r.statusCode).toBe(200);
      expect(texts(r)).toMatch(/không tìm thấy câu trả lời cần đánh giá/u);
    }
    expect(await satisfaction()).toEqual(before);
  });

  it('an answer of this conversation is rated once, however often the button is tapped', async () => {
    const before = await satisfaction();
    const session = 'rating-honest-session-01';
    const answer = await answerIn(session);
    expect(texts(await tap(session, answer.helpful))).toMatch(/Cảm ơn bạn đã đánh giá/u);
    for (const payload of [answer.helpful, answer.helpful, answer.unhelpful])
      expect(texts(await tap(session, payload))).toMatch(/đã đánh giá câu trả lời này rồi/u);
    const after = await satisfaction();
    expect(after.ratings - before.ratings).toBe(1);
    expect(after.satisfied - before.satisfied).toBe(1);
  });

  it('two forged "unhelpful" ratings cannot force a handoff', async () => {
    const victim = await answerIn('rating-victim-session-01');
    const session = 'rating-handoff-session-01';
    await a.chat(session, 'xin chào');
    for (const payload of [
      victim.unhelpful,
      '#qr:helpful:01KAB3C4D5E6F7G8H9J0K1M2X1:-:0',
      '#qr:helpful:01KAB3C4D5E6F7G8H9J0K1M2X2:-:0',
    ]) {
      const r = await tap(session, payload);
      expect(bodyOf(r).state).toBe('bot');
    }
    const open = await a.services.stores.escalations.list('open');
    expect(open.filter((e) => e.sessionId.includes(session))).toEqual([]);
  });
});
