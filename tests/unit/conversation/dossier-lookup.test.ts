import { beforeEach, describe, expect, it } from 'vitest';
import { citizen, payloadOf, testServices, texts } from '../../support/test-services';

const CODE = 'H43.25-241008-0012';

describe('dossier lookup with the phone check', () => {
  let env: ReturnType<typeof testServices>;
  beforeEach(async () => {
    env = testServices();
    await env.services.stores.dossiers.upsert(
      CODE,
      {
        procedure: 'Cấp lại thẻ căn cước',
        agency: 'Công an phường Phan Rang',
        phone: '0912345678',
        status: 'processing',
        receivedAt: '2026-11-20',
        dueAt: '2026-12-30',
      },
      env.clock.now(),
    );
  });

  it('asks for the code, then the phone, and shows the status only after the right phone', async () => {
    const c = citizen(env.services);
    expect(texts((await c.say('hồ sơ của tôi tới đâu rồi')).messages)).toMatch(/mã hồ sơ/u);
    const askPhone = texts((await c.say(CODE)).messages);
    expect(askPhone).toMatch(/số điện thoại/u);
    expect(askPhone).not.toMatch(/Đang giải quyết|Cấp lại/u);
    const shown = texts((await c.say('0912 345 678')).messages);
    expect(shown).toMatch(/Đang giải quyết/u);
    expect(shown).toMatch(/Công an phường Phan Rang/u);
    expect(shown).toMatch(/30\/12\/2026/u);
  });

  it('accepts the last 4 digits', async () => {
    const c = citizen(env.services);
    await c.say(`tra cứu hồ sơ ${CODE}`);
    expect(texts((await c.say('5678')).messages)).toMatch(/Đang giải quyết/u);
  });

  it('answers an unknown code exactly like a wrong phone, revealing nothing', async () => {
    const a = citizen(env.services, 'citizen-a');
    await a.say(`tra cứu hồ sơ ${CODE}`);
    const wrongPhone = texts((await a.say('0900000000')).messages);
    const b = citizen(env.services, 'citizen-b');
    await b.say('tra cứu hồ sơ H43.25-241008-9999');
    const unknownCode = texts((await b.say('0900000000')).messages);
    expect(wrongPhone).toMatch(/chưa khớp/u);
    expect(unknownCode.replace('H43.25-241008-9999', CODE)).toBe(wrongPhone);
    expect(wrongPhone).not.toMatch(/Cấp lại|Phan Rang|processing/u);
  });

  it('locks the session for the hour after 5 wrong answers, even for the right phone; not the dossier', async () => {
    const c = citizen(env.services);
    await c.say(`tra cứu hồ sơ ${CODE}`);
    for (let i = 0; i < 4; i++) expect(texts((await c.say('0900000000')).messages)).toMatch(/chưa khớp/u);
    expect(texts((await c.say('0900000000')).messages)).toMatch(/tạm khóa/u);
    await c.say(`tra cứu hồ sơ ${CODE}`);
    const refused = texts((await c.say('0912345678')).messages);
    expect(refused).not.toMatch(/Đang giải quyết/u);
    // Someone else's wrong answers never lock the owner out: the owner, in their own conversation, is
    // asked for the phone and shown the dossier (issue 14: an attacker who knows a code cannot deny it).
    const owner = citizen(env.services, 'the-owner-of-the-dossier');
    expect(texts((await owner.say(`tra cứu hồ sơ ${CODE}`)).messages)).toMatch(/số điện thoại/u);
    expect(texts((await owner.say('0912345678')).messages)).toMatch(/Đang giải quyết/u);
    env.clock.advance(61 * 60_000);
    await c.say(`tra cứu hồ sơ ${CODE}`);
    expect(texts((await c.say('0912345678')).messages)).toMatch(/Đang giải quyết/u);
  });

  it('lets a verified citizen follow the dossier and tells them when it is completed', async () => {
    const c = citizen(env.services);
    await c.say(`tra cứu hồ sơ ${CODE}`);
    const shown = await c.say('0912345678');
    const follow = payloadOf(shown.messages, /Báo tôi/u);
    expect(follow).toBeDefined();
    expect(texts((await c.tap(follow as string)).messages)).toMatch(/Đã đăng ký/u);
    const before = (await c.inbox()).at(-1)?.id;
    const { dossier } = await env.services.stores.dossiers.upsert(
      CODE,
      {
        procedure: 'Cấp lại thẻ căn cước',
        agency: 'Công an phường Phan Rang',
        phone: '0912345678',
        status: 'completed',
      },
      env.clock.now(),
    );
    expect(await env.services.conversation.notifyDossierChange(dossier)).toBe(1);
    const notice = await c.inbox(before);
    expect(texts(notice)).toMatch(new RegExp(`${CODE.replace(/\./gu, '\\.')}.*Đã có kết quả`, 'su'));
  });

  it('refuses to follow a dossier the conversation has not verified', async () => {
    const c = citizen(env.services);
    const reply = await c.tap(`#qr:follow:${CODE}`);
    expect(texts(reply.messages)).toMatch(/tra cứu hồ sơ/u);
    expect(await env.services.stores.dossiers.subscribers(CODE)).toEqual([]);
  });

  it('apologises and offers a person when the dossier is overdue', async () => {
    env.clock.set(new Date('2027-01-05T02:00:00Z'));
    const c = citizen(env.services);
    await c.say(`tra cứu hồ sơ ${CODE}`);
    const shown = await c.say('5678');
    expect(texts(shown.messages)).toMatch(/xin lỗi/iu);
    expect(payloadOf(shown.messages, 'Gặp cán bộ')).toBeDefined();
  });
});
