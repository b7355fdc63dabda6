import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynalite } from '../support/dynalite';
import { bodyOf, inProcessApi, putDossier } from './in-process';

/**
 * Issue 14: 30 sessions sending last-4 guesses for one dossier at the same moment, against the real
 * embedded store (dynalite) with real concurrency. Each guess must reserve its attempt atomically
 * before it is compared, so no more than 5 are ever compared in the hour, whatever the interleaving.
 */
const OWNER_PHONE = '0912345678';
const OWNER_LAST_FOUR = '5678';
const REVEALING = /Trạng thái|Đang giải quyết/u;
const COMPARED_AND_WRONG = /chưa khớp/u;
const FULL_NUMBER_ONLY = /số điện thoại đầy đủ/u;

let store: Awaited<ReturnType<typeof startDynalite>>;
let a: ReturnType<typeof inProcessApi>;

beforeAll(async () => {
  store = await startDynalite();
  a = inProcessApi(
    { RATE_LIMIT_PER_MINUTE: '1000', RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '100000' },
    new Date('2026-11-24T02:00:10Z'),
    store.tablesAt,
  );
}, 60_000);
afterAll(async () => store?.stop());

async function fileDossier(code: string) {
  const r = await putDossier(a, code, { phone: OWNER_PHONE, receivedAt: '2026-11-08' });
  expect(r.statusCode).toBe(201);
}

/** `n` fresh sessions that each asked for `code` and now send their answer, all at once. */
async function answersAtOnce(code: string, prefix: string, answers: string[]): Promise<string[]> {
  const sessions = answers.map((_, i) => `race-${prefix}-session-${String(i).padStart(4, '0')}`);
  await Promise.all(sessions.map((s) => a.chat(s, `tra cứu hồ sơ ${code}`)));
  const results = await Promise.all(sessions.map((s, i) => a.chat(s, answers[i] as string)));
  for (const r of results) expect(r.statusCode).toBe(200);
  return results.map((r) => JSON.stringify(bodyOf(r)));
}

const wrongLastFour = (i: number) => String(1000 + i);
const count = (replies: string[], pattern: RegExp) => replies.filter((r) => pattern.test(r)).length;

describe('dossier last-4 guesses at once from 30 sessions (real embedded store)', () => {
  it('compares at most 5 of 30 simultaneous guesses, even with the right one among them', async () => {
    const code = 'H43.25-241008-0101';
    await fileDossier(code);
    const guesses = Array.from({ length: 30 }, (_, i) => (i === 29 ? OWNER_LAST_FOUR : wrongLastFour(i)));
    const replies = await answersAtOnce(code, 'mixed', guesses);
    const compared = count(replies, COMPARED_AND_WRONG) + count(replies, REVEALING);
    expect(compared).toBeLessThanOrEqual(5);
    expect(count(replies, FULL_NUMBER_ONLY)).toBe(30 - compared);
  }, 60_000);

  it('after 30 wrong guesses at once, the right last 4 is not shown; the full number still is', async () => {
    const code = 'H43.25-241008-0102';
    await fileDossier(code);
    const wrong = await answersAtOnce(
      code,
      'wrong',
      Array.from({ length: 30 }, (_, i) => wrongLastFour(i)),
    );
    expect(count(wrong, COMPARED_AND_WRONG)).toBe(5);
    expect(count(wrong, FULL_NUMBER_ONLY)).toBe(25);

    // The right last 4 digits, 30 times at once: none is compared, none shows the dossier.
    const right = await answersAtOnce(code, 'right', Array(30).fill(OWNER_LAST_FOUR));
    expect(count(right, REVEALING)).toBe(0);
    expect(count(right, FULL_NUMBER_ONLY)).toBe(30);
    // Nobody was told they entered something wrong, or locked out, for the others' guesses.
    expect(count(right, /chưa khớp|nhập sai|tạm khóa/u)).toBe(0);

    // The owner with the full number is never denied, even 30 times at once.
    const owner = await answersAtOnce(code, 'owner', Array(30).fill(OWNER_PHONE));
    expect(count(owner, REVEALING)).toBe(30);
  }, 60_000);
});

describe('one conversation’s wrong answer sent twice at once, to two instances (real embedded store)', () => {
  it('counts two failures, not three: the run that lost its commit counted its failure once', async () => {
    const b = inProcessApi(
      { RATE_LIMIT_PER_MINUTE: '1000', RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '100000' },
      new Date('2026-11-24T02:00:10Z'),
      store.tablesAt,
    );
    for (let i = 0; i < 3; i++) {
      // A dossier each: its own last-4 budget (5 an hour) is not what is measured here.
      const code = `H43.25-241008-011${i}`;
      await fileDossier(code);
      const session = `race-double-wrong-session-${String(i).padStart(4, '0')}`;
      expect((await a.chat(session, `tra cứu hồ sơ ${code}`)).statusCode).toBe(200);
      const replies = await Promise.all([a.chat(session, '1234'), b.chat(session, '1234')]);
      const texts = replies.map((r) => JSON.stringify(bodyOf(r)));
      // Each message is compared once, in the order the commits won: 4, then 3 tries left.
      expect(texts.map((t) => /còn (\d) lần thử/u.exec(t)?.[1]).sort()).toEqual(['3', '4']);
      const next = JSON.stringify(bodyOf(await a.chat(session, '4321')));
      expect(next).toMatch(/còn 2 lần thử/u);
    }
  }, 60_000);
});

describe('a question’s attempt raced by two messages of its conversation, on two instances (real embedded store)', () => {
  it('counts every last-4 answer compared, whatever the other message does to the question', async () => {
    const b = inProcessApi(
      { RATE_LIMIT_PER_MINUTE: '1000', RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '100000' },
      new Date('2026-11-24T02:00:10Z'),
      store.tablesAt,
    );
    // What the other message does: drops the question, asks it again, answers with a wrong full
    // number, or guesses too.
    const others = ['xin chào', 'tra cứu hồ sơ {code}', '0987654321', '4321'];
    for (const [i, other] of others.entries()) {
      const code = `H43.25-241008-012${i}`;
      await fileDossier(code);
      const session = `race-held-attempt-session-${String(i).padStart(4, '0')}`;
      expect((await a.chat(session, `tra cứu hồ sơ ${code}`)).statusCode).toBe(200);
      const replies = await Promise.all([
        a.chat(session, '1234'),
        b.chat(session, other.replace('{code}', code)),
      ]);
      const guesses = replies.filter((_, j) => j === 0 || other === '4321');
      const compared = count(
        guesses.map((r) => JSON.stringify(bodyOf(r))),
        COMPARED_AND_WRONG,
      );
      const hour = Math.floor(a.clock.now().getTime() / 3_600_000);
      const budget = await store.tables.conversations.get(`ATTEMPT#lookup:last4:${code}#${hour}`, '-');
      expect(budget?.count ?? 0).toBeGreaterThanOrEqual(compared);
    }
  }, 60_000);
});
