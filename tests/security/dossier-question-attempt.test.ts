import { describe, expect, it } from 'vitest';
import { bodyOf, inProcessApi, putDossier } from './in-process';

/**
 * The phone check reads the dossier and reserves one attempt of its last-4 budget beside the
 * session read of the message that names the code, and the question keeps what it read
 * (functions/conversation/dossier-check.ts). What that must not change: every last-4 answer compared
 * is counted before it is compared, the phone never sits in the conversation in clear, and what an
 * answer shows is never older than a few minutes.
 */
const OWNER_PHONE = '0912345678';
const REVEALING = /Trạng thái/u;

const a = inProcessApi({ RATE_LIMIT_PER_MINUTE: '1000', RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '100000' });

async function fileDossier(code: string, status = 'processing') {
  expect((await putDossier(a, code, { phone: OWNER_PHONE, status })).statusCode).toBeLessThan(300);
}

const say = async (session: string, text: string) => {
  const r = await a.chat(session, text);
  expect(r.statusCode).toBe(200);
  return JSON.stringify(bodyOf(r));
};
const lastFourUsed = async (code: string) =>
  (await a.services.stores.guards.attemptsUsed(`lookup:last4:${code}`, a.clock.now(), 3600)).used;

describe('the attempt a dossier question holds', () => {
  it('is one per question however often the same code is asked again, and a right answer gives it back', async () => {
    const code = 'H43.25-241008-0201';
    await fileDossier(code);
    for (let i = 0; i < 3; i++) await say('ahead-reask-0001', `tra cứu hồ sơ ${code}`);
    expect(await lastFourUsed(code)).toBe(1);
    expect(await say('ahead-reask-0001', '5678')).toMatch(REVEALING);
    expect(await lastFourUsed(code)).toBe(0);
  });

  it('is given back at once when the message names a code but nothing is asked', async () => {
    const code = 'H43.25-241008-0202';
    await fileDossier(code);
    expect(await say('ahead-unasked-0001', `cảm ơn, mã ${code}`)).not.toMatch(/số điện thoại/u);
    await say('ahead-unasked-0002', 'cho tôi gặp nhân viên');
    await say('ahead-unasked-0002', `hồ sơ ${code}`);
    expect(await lastFourUsed(code)).toBe(0);
  });

  it('stays used by a question left unanswered, and by a wrong full number until a last-4 answer takes it', async () => {
    const code = 'H43.25-241008-0203';
    await fileDossier(code);
    await say('ahead-left-s-0001', `tra cứu hồ sơ ${code}`);
    await say('ahead-left-s-0001', 'xin chào');
    expect(await lastFourUsed(code)).toBe(1);
    await say('ahead-left-s-0002', `tra cứu hồ sơ ${code}`);
    expect(await say('ahead-left-s-0002', '0987654321')).toMatch(/chưa khớp/u);
    expect(await lastFourUsed(code)).toBe(2);
    expect(await say('ahead-left-s-0002', '1111')).toMatch(/chưa khớp/u);
    // The question's attempt went to that answer: none more was taken for it.
    expect(await lastFourUsed(code)).toBe(2);
    // The next last-4 answer reserves its own before it is compared.
    expect(await say('ahead-left-s-0002', '5678')).toMatch(REVEALING);
    expect(await lastFourUsed(code)).toBe(2);
  });

  it('keeps no phone number in the conversation, only digests', async () => {
    const code = 'H43.25-241008-0204';
    await fileDossier(code);
    await say('ahead-digest-0001', `tra cứu hồ sơ ${code}`);
    const stored = await a.services.stores.conversations.getSession({
      channel: 'web',
      userId: 'ahead-digest-0001',
    });
    const session = JSON.stringify(stored);
    expect(session).toMatch(/"check"/u);
    expect(session).not.toMatch(/0912345678|912345678|5678/u);
  });

  it('shows what the question read only for a few minutes: later, the dossier is read again', async () => {
    const code = 'H43.25-241008-0205';
    await fileDossier(code, 'processing');
    await say('ahead-stale-0001', `tra cứu hồ sơ ${code}`);
    await fileDossier(code, 'completed');
    a.clock.advance(6 * 60_000);
    const answer = await say('ahead-stale-0001', OWNER_PHONE);
    expect(answer).toMatch(/Đã có kết quả/u);
    expect(answer).not.toMatch(/Đang giải quyết/u);
  });
});
