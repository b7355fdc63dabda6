import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../functions/conversation/model';
import type { Scripted } from '../support/fake-zalo-server';
import { startZaloHarness } from './zalo-harness';

let h: Awaited<ReturnType<typeof startZaloHarness>>;
/** What a citizen receives for this question when nothing fails. */
let baseline: string[];
const QUESTION = 'làm lại căn cước cần gì';

beforeAll(async () => {
  h = await startZaloHarness();
  await h.say('7000000000000000001', QUESTION);
  baseline = h.delivered('7000000000000000001');
});
afterAll(async () => {
  await h?.stop();
});

describe('the Zalo OA API fails while the assistant answers', () => {
  it('a baseline answer reaches the citizen', () => {
    expect(baseline.length).toBeGreaterThan(0);
    expect(h.invoker.deadLetters).toHaveLength(0);
  });

  const caseUsers = [
    'answers HTTP 502 then 503',
    'answers -32 (rate limit) twice',
    'drops the connection once',
  ];
  it.each<[string, Scripted[]]>([
    ['answers HTTP 502 then 503', [{ status: 502 }, { status: 503 }]],
    ['answers -32 (rate limit) twice', [{ error: -32 }, { error: -32 }]],
    ['drops the connection once', [{ drop: true }]],
  ])('the OA API %s: the send is retried and the answer arrives exactly once', async (what, failures) => {
    // One recipient per case, never drawn at random: two cases sharing a recipient would see each
    // other's deliveries.
    const user = `7000000000000000${String(100 + caseUsers.indexOf(what)).padStart(3, '0')}`;
    const sendsBefore = h.fake.oaSends().length;
    h.fake.script.oa(...failures);
    const ack = await h.say(user, QUESTION);
    expect(ack.statusCode).toBe(200);
    expect(h.delivered(user)).toEqual(baseline);
    // Every failure cost one more call and nothing else: no second copy of anything.
    expect(h.fake.oaSends().length - sendsBefore).toBe(baseline.length + failures.length);
    expect(h.invoker.deadLetters).toHaveLength(0);
  });

  it("a failure that outlasts the client's retries fails the job; its retry resumes and answers once", async () => {
    const user = '7000000000000000201';
    // The OA client tries 3 times per send; the 4th call is the processor job's own retry.
    h.fake.script.oa({ status: 500 }, { status: 500 }, { error: -32 });
    const runsBefore = h.runs.length;
    await h.say(user, QUESTION);
    expect(h.runs.length - runsBefore).toBe(2);
    expect(h.delivered(user)).toEqual(baseline);
    expect(h.invoker.deadLetters).toHaveLength(0);
  });

  it('a push of several messages that fails after the first resumes at the second: nothing is sent twice', async () => {
    const user = '7000000000000000301';
    // The citizen wrote recently (the 7-day window is open), then staff replies twice at once.
    await h.say(user, 'xin chào');
    const greeting = h.delivered(user);
    const now = new Date('2026-11-24T02:00:00Z').toISOString();
    const messages: ChatMessage[] = [
      {
        id: '01KAPUSH0000000000000000A1',
        from: 'staff',
        text: 'Chào bạn, tôi là cán bộ một cửa.',
        createdAt: now,
      },
      {
        id: '01KAPUSH0000000000000000A2',
        from: 'staff',
        text: 'Bạn cần hỗ trợ thủ tục nào ạ?',
        createdAt: now,
      },
    ];
    // The first message goes out; the second fails 3 times (the client gives up), then the job's
    // retry sends it.
    h.failSends('Bạn cần hỗ trợ thủ tục nào ạ?', 3);
    const runsBefore = h.runs.length;
    await h.services.invoker.invoke({ type: 'zalo_send', channel: 'zalo', userId: user, messages });
    await h.invoker.drain();
    expect(h.runs.length - runsBefore).toBe(2);
    const texts = h.delivered(user).slice(greeting.length);
    expect(texts).toEqual(['Chào bạn, tôi là cán bộ một cửa.', 'Bạn cần hỗ trợ thủ tục nào ạ?']);
    expect(h.invoker.deadLetters).toHaveLength(0);
  });
});
