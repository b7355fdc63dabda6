import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNoticeConsentStore } from '../../../functions/channels/zalo/notice-consent';
import { createRecipientStore } from '../../../functions/channels/zalo/recipient-store';
import type { ChatMessage } from '../../../functions/conversation/model';
import { createPrivacyRequestStore } from '../../../functions/privacy/privacy-requests';
import { formatVietnamDate } from '../../../functions/shared/vietnam-time';
import { OA_ID, startZaloHarness } from '../../faults/zalo-harness';
import { FAKE_ZALO_DEFAULTS, zaloFixture, zaloSignature } from '../../support/fake-zalo-server';

/**
 * What a live Official Account needs (issue 15), end to end: the signed event reaches the webhook,
 * the processor runs the real conversation (with a rule-based NLU), and every call to Zalo goes to
 * the fake OA, ZNS and OAuth servers on loopback.
 */
const TEMPLATE = '301234';
const RATING_TEMPLATE = '301299';
const CODE = 'H43.25-241008-0012';
const PHONE = '0912345678';
const DAY = 86_400_000;

let h: Awaited<ReturnType<typeof startZaloHarness>>;
let userCounter = 0;
/** Each test talks as a citizen of its own. */
const newUser = () => `80000000000000000${String(++userCounter).padStart(2, '0')}`;

beforeEach(async () => {
  h = await startZaloHarness({
    env: {
      ZALO_ZNS_TEMPLATE_DOSSIER: TEMPLATE,
      ZALO_ZNS_TEMPLATE_DOSSIER_PARAMS: JSON.stringify({
        ma_ho_so: 'code',
        thu_tuc: 'procedure',
        trang_thai: 'status',
        ngay_cap_nhat: 'date',
      }),
      ZALO_ZNS_TEMPLATE_RATING: RATING_TEMPLATE,
      ZALO_ZNS_TEMPLATE_RATING_PARAMS: JSON.stringify({ ngay: 'date' }),
    },
    // Short enough that the slow-OA test does not wait long; far above a loopback round trip.
    timeoutMs: 400,
  });
  h.fake.approveZnsTemplate(TEMPLATE, ['ma_ho_so', 'thu_tuc', 'trang_thai', 'ngay_cap_nhat']);
  h.fake.approveZnsTemplate(RATING_TEMPLATE, ['ngay']);
  await h.services.stores.dossiers.upsert(
    CODE,
    {
      procedure: 'Cấp lại thẻ căn cước',
      agency: 'Công an phường Đô Vinh',
      phone: PHONE,
      status: 'processing',
    },
    h.clock.now(),
  );
});
afterEach(async () => {
  await h.stop();
});

/** The citizen looks the dossier up, proves the phone, asks to be told, and answers the consent question. */
async function followWithConsent(user: string, consent: boolean | undefined) {
  await h.say(user, `tra cứu hồ sơ ${CODE}`);
  await h.say(user, PHONE);
  await h.say(user, `#qr:follow:${CODE}`);
  if (consent !== undefined) await h.say(user, `#qr:zns-${consent ? 'yes' : 'no'}:${CODE}`);
}

async function changeStatus(status: 'completed' | 'supplement_required') {
  const { dossier } = await h.services.stores.dossiers.upsert(
    CODE,
    {
      procedure: 'Cấp lại thẻ căn cước',
      agency: 'Công an phường Đô Vinh',
      phone: PHONE,
      status,
    },
    h.clock.now(),
  );
  const notified = await h.services.conversation.notifyDossierChange(dossier);
  await h.invoker.drain();
  return notified;
}

describe('dossier notices once the 7-day window is closed', () => {
  it('the follow step asks for consent to ZNS notices on the dossier’s phone', async () => {
    const user = newUser();
    await followWithConsent(user, undefined);
    const question = h.delivered(user).at(-1) ?? '';
    expect(question).toMatch(/ZNS/u);
    expect(question).toContain('5678');
    expect(question).not.toContain(PHONE);
  });

  it('a consented citizen gets exactly one ZNS message with the configured template, and no consultation message', async () => {
    const user = newUser();
    await followWithConsent(user, true);
    const consultationSends = h.fake.oaSends().length;
    h.clock.advance(8 * DAY);
    expect(await changeStatus('completed')).toBe(1);

    const zns = h.fake.znsSends();
    expect(zns).toHaveLength(1);
    expect(zns[0]).toMatchObject({
      phone: '84912345678',
      templateId: TEMPLATE,
      accessToken: FAKE_ZALO_DEFAULTS.accessToken,
      error: 0,
      templateData: {
        ma_ho_so: CODE,
        thu_tuc: 'Cấp lại thẻ căn cước',
        trang_thai: 'Đã có kết quả',
        ngay_cap_nhat: formatVietnamDate(h.clock.now()),
      },
    });
    expect(zns[0]?.trackingId).toMatch(/\S/u);
    // The closed window costs no call to the consultation API.
    expect(h.fake.oaSends()).toHaveLength(consultationSends);

    // The same push retried (Lambda retries asynchronous invocations) sends nothing more.
    const job = h.runs.at(-1);
    if (!job) throw new Error('no processor job ran');
    await h.services.invoker.invoke(job);
    await h.invoker.drain();
    expect(h.fake.znsSends()).toHaveLength(1);
  });

  it('when Zalo itself says the window is closed (-230), the notice goes by ZNS instead', async () => {
    const user = newUser();
    await followWithConsent(user, true);
    // The local clock still thinks the window is open; Zalo disagrees.
    h.clock.advance(3 * DAY);
    h.fake.script.oa({ error: -230 });
    await changeStatus('supplement_required');
    expect(h.fake.znsSends()).toMatchObject([{ phone: '84912345678', templateId: TEMPLATE, error: 0 }]);
  });

  it('the rating request after staff resolve a conversation takes the same path', async () => {
    const user = newUser();
    await followWithConsent(user, true);
    await h.say(user, 'cho tôi gặp cán bộ');
    const [escalation] = await h.services.stores.escalations.list('open');
    if (!escalation) throw new Error('no escalation was opened');
    h.clock.advance(8 * DAY);
    await h.services.conversation.resolve(escalation.id, { staffId: 'staff-1', name: 'Lan' });
    await h.invoker.drain();
    expect(h.fake.znsSends()).toMatchObject([
      {
        phone: '84912345678',
        templateId: RATING_TEMPLATE,
        templateData: { ngay: formatVietnamDate(h.clock.now()) },
        error: 0,
      },
    ]);
  });

  it('without consent the notice is recorded as undelivered for staff, and no ZNS goes out', async () => {
    const user = newUser();
    await followWithConsent(user, false);
    h.clock.advance(8 * DAY);
    await changeStatus('completed');
    expect(h.fake.znsSends()).toEqual([]);
    const undelivered = await createRecipientStore(h.services.stores, h.clock).listUndelivered('zalo', user);
    expect(undelivered).toMatchObject([{ reason: 'no_zns_consent' }]);
  });
});

describe('webhook deliveries a live OA receives', () => {
  it('a forged event gets 200 and nothing is processed', async () => {
    const user = newUser();
    const runs = h.runs.length;
    const event = zaloFixture('user-send-text', { sender: { id: user } });
    const forged = {
      'content-type': 'application/json',
      'x-zevent-signature': zaloSignature(JSON.stringify(event), String(event.timestamp), {
        oaSecretKey: 'not-the-secret',
      }),
    };
    const ack = await h.deliver(event, forged);
    expect(ack.statusCode).toBe(200);
    expect(h.runs.length).toBe(runs);
    expect(h.delivered(user)).toEqual([]);
    expect(
      await h.services.stores.conversations.getSession({ channel: 'zalo', userId: user }),
    ).toBeUndefined();
    expect(h.logLines.some((l) => l.includes('"zalo_webhook_refused"'))).toBe(true);
  });

  it('a link message is answered from the words beside the link', async () => {
    const user = newUser();
    const text = 'làm lại căn cước cần gì, như trang này https://dichvucong.gov.vn';
    await h.deliver(
      zaloFixture('user-send-link', {
        sender: { id: user },
        timestamp: String(h.clock.now().getTime()),
        message: { msg_id: 'link-msg-1', text },
      }),
    );
    const answers = h.delivered(user);
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.join('\n')).not.toMatch(/chỉ đọc được tin nhắn chữ/u);
    const transcript = await h.services.stores.conversations.listMessages({ channel: 'zalo', userId: user });
    expect(transcript[0]).toMatchObject({ from: 'user', text });
  });

  it('after an OA admin answers in Zalo, the assistant is silent for that citizen (and only for a while)', async () => {
    const user = newUser();
    const other = newUser();
    await h.say(user, 'xin chào');
    const before = h.delivered(user).length;
    await h.deliver({
      ...zaloFixture('oa-send-text'),
      timestamp: String(h.clock.now().getTime()),
      sender: { id: OA_ID, admin_id: '7744112233' },
      recipient: { id: user },
      message: { msg_id: 'admin-echo-1', text: 'Chào bạn, cán bộ một cửa đây.' },
    });
    await h.say(user, 'làm lại căn cước cần gì');
    expect(h.delivered(user)).toHaveLength(before);
    // Staff see what the citizen wrote meanwhile.
    const transcript = await h.services.stores.conversations.listMessages({ channel: 'zalo', userId: user });
    expect(transcript.at(-1)).toMatchObject({ from: 'user', text: 'làm lại căn cước cần gì' });
    // Another citizen is answered as usual.
    await h.say(other, 'làm lại căn cước cần gì');
    expect(h.delivered(other).length).toBeGreaterThan(0);
    // Past the configured 4 hours the assistant answers again.
    h.clock.advance(4 * 3_600_000 + 60_000);
    await h.say(user, 'làm lại căn cước cần gì');
    expect(h.delivered(user).length).toBeGreaterThan(before);
  });

  it('the OA’s own echo (no admin_id) changes nothing', async () => {
    const user = newUser();
    await h.deliver({
      ...zaloFixture('oa-send-text'),
      recipient: { id: user },
      message: { msg_id: 'own-echo-1', text: 'Trợ lý trả lời' },
    });
    await h.say(user, 'làm lại căn cước cần gì');
    expect(h.delivered(user).length).toBeGreaterThan(0);
  });

  it('user_click_chatnow is greeted with the menu', async () => {
    const user = newUser();
    await h.deliver({
      app_id: FAKE_ZALO_DEFAULTS.appId,
      event_name: 'user_click_chatnow',
      timestamp: String(h.clock.now().getTime()),
      sender: { id: user },
      recipient: { id: OA_ID },
    });
    const sends = h.fake.delivered().filter((s) => s.userId === user);
    expect(sends).toHaveLength(1);
    expect(sends[0]?.message.text).toMatch(/Xin chào/u);
    // The menu: more than three choices, so a numbered list the citizen answers with a number.
    expect(sends[0]?.message.text).toMatch(/1\. Thủ tục hành chính/u);
    // The list is remembered in the session the greeting committed: "1" picks its first choice.
    await h.say(user, '1');
    const transcript = await h.services.stores.conversations.listMessages({ channel: 'zalo', userId: user });
    expect(transcript.filter((m) => m.from === 'user').at(-1)?.text).toMatch(/^\[Menu\]/u);
    expect(h.fake.delivered().filter((s) => s.userId === user)).toHaveLength(2);
  });

  it('an anonymous sender is answered through the anonymous recipient fields', async () => {
    await h.deliver({
      app_id: FAKE_ZALO_DEFAULTS.appId,
      event_name: 'anonymous_send_text',
      timestamp: String(h.clock.now().getTime()),
      sender: { id: 'anon-7f3a9c' },
      recipient: { id: OA_ID },
      conversation_id: 'conv-55aa',
      message: { msg_id: 'anon-msg-1', text: 'làm lại căn cước cần gì' },
    });
    const request = h.fake.requests.find(
      (r) => r.path === '/v3.0/oa/message/cs' && JSON.stringify(r.json).includes('anon-7f3a9c'),
    );
    expect((request?.json as { recipient?: unknown })?.recipient).toEqual({
      anonymous_id: 'anon-7f3a9c',
      conversation_id: 'conv-55aa',
    });
    expect(h.delivered('anon:anon-7f3a9c:conv-55aa').length).toBeGreaterThan(0);
  });

  it.each(['user-send-image', 'user-send-sticker', 'user-send-audio'])(
    '%s gets a reply saying what to type instead, and staff keep its URL (not downloaded)',
    async (fixture) => {
      const user = newUser();
      const event = zaloFixture(fixture, {
        sender: { id: user },
        timestamp: String(h.clock.now().getTime()),
        message: { msg_id: `${fixture}-1` },
      });
      const url = (event.message as { attachments: { payload: { url: string } }[] }).attachments[0]?.payload
        .url;
      await h.deliver(event);
      expect(h.delivered(user).join('\n')).toMatch(/nhắn|chữ/u);
      const transcript = await h.services.stores.conversations.listMessages({
        channel: 'zalo',
        userId: user,
      });
      expect(transcript[0]?.text).toContain(url);
      expect(h.fake.requests.some((r) => url && r.path === new URL(url).pathname)).toBe(false);
    },
  );
});

describe('consent withdrawal and deletion', () => {
  it('user_withdraw erases the person’s data, records the request, and no later notice reaches them', async () => {
    const user = newUser();
    const ref = { channel: 'zalo' as const, userId: user };
    await followWithConsent(user, true);
    expect(await h.services.stores.conversations.getSession(ref)).toBeDefined();

    await h.deliver({
      app_id: FAKE_ZALO_DEFAULTS.appId,
      event_name: 'user_withdraw',
      timestamp: String(h.clock.now().getTime()),
      sender: { id: user },
      recipient: { id: OA_ID },
    });

    expect(await h.services.stores.conversations.getSession(ref)).toBeUndefined();
    expect(await h.services.stores.conversations.listMessages(ref)).toEqual([]);
    expect(await h.services.stores.dossiers.subscribers(CODE)).toEqual([]);
    expect(await createNoticeConsentStore(h.services.stores.tables.conversations).list(user)).toEqual([]);
    const requests = await createPrivacyRequestStore(h.services.stores.tables.casework).list();
    expect(requests).toMatchObject([{ channel: 'zalo', source: 'zalo_withdraw' }]);
    expect(JSON.stringify(requests)).not.toContain(user);
    expect(JSON.stringify(requests)).not.toContain(PHONE);

    const sendsBefore = h.fake.oaSends().length;
    expect(await changeStatus('completed')).toBe(0);
    h.clock.advance(8 * DAY);
    await changeStatus('supplement_required');
    expect(h.fake.oaSends()).toHaveLength(sendsBefore);
    expect(h.fake.znsSends()).toEqual([]);
  });

  it('typing “xóa dữ liệu của tôi” asks for confirmation first, then deletes and says what is kept', async () => {
    const user = newUser();
    const ref = { channel: 'zalo' as const, userId: user };
    await followWithConsent(user, true);
    await h.say(user, 'xóa dữ liệu của tôi');
    expect(h.delivered(user).at(-1)).toMatch(/xóa/u);
    // Nothing is deleted before the confirmation.
    expect(await h.services.stores.conversations.getSession(ref)).toBeDefined();
    await h.say(user, '#qr:erase-yes');
    expect(h.delivered(user).at(-1)).toMatch(/Đã xóa/u);
    expect(h.delivered(user).at(-1)).toMatch(/lưu/u);
    expect(await h.services.stores.conversations.getSession(ref)).toBeUndefined();
    expect(await h.services.stores.dossiers.subscribers(CODE)).toEqual([]);
  });
});

describe('nothing is sent twice', () => {
  it('a slow OA that accepts and then times out: the reply is not sent again, nor recorded twice', async () => {
    const user = newUser();
    h.fake.script.oa({ acceptSlowly: 1_500 });
    const sendsBefore = h.fake.oaSends().length;
    await h.say(user, 'làm lại căn cước cần gì');
    await h.fake.waitFor(() => h.fake.oaSends().length > sendsBefore);
    const texts = h.delivered(user);
    expect(texts.length).toBeGreaterThan(0);
    expect(new Set(texts).size).toBe(texts.length);
    // One call per reply part: the timed-out one was not retried.
    expect(h.fake.oaSends().length - sendsBefore).toBe(texts.length);
    expect(h.logLines.some((l) => l.includes('"zalo_send_maybe_delivered"'))).toBe(true);
    const transcript = await h.services.stores.conversations.listMessages({ channel: 'zalo', userId: user });
    const ids = transcript.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(transcript.filter((m) => m.from === 'user')).toHaveLength(1);
    expect(h.invoker.deadLetters).toEqual([]);
  });

  it('a long message whose second part fails resumes at that part: the first is not sent again', async () => {
    const user = newUser();
    await h.say(user, 'xin chào');
    // Two paragraphs that do not fit in one 2,000-character message: two parts.
    const first = 'Phần một của câu trả lời dài. '.repeat(66).trim();
    const second = 'PHẦN-HAI-DUY-NHẤT của câu trả lời.';
    const message: ChatMessage = {
      id: '01KAPARTS00000000000000001',
      from: 'staff',
      text: `${first}\n\n${second}`,
      createdAt: h.clock.now().toISOString(),
    };
    h.failSends('PHẦN-HAI-DUY-NHẤT', 3);
    const before = h.delivered(user).length;
    await h.services.invoker.invoke({
      type: 'zalo_send',
      channel: 'zalo',
      userId: user,
      messages: [message],
    });
    await h.invoker.drain();
    const parts = h.delivered(user).slice(before);
    expect(parts).toEqual([first, second]);
    // Part one went out once, although the job ran twice.
    expect(h.fake.oaSends().filter((s) => s.message.text === first)).toHaveLength(1);
  });
});
