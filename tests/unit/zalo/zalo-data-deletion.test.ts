import { describe, expect, it } from 'vitest';
import { zaloConsoleStatus } from '../../../functions/channels/zalo/console-status';
import { createRecipientStore } from '../../../functions/channels/zalo/recipient-store';
import { createTakeoverStore } from '../../../functions/channels/zalo/takeover';
import { ERASE_CANCEL, ERASE_CONFIRM, isErasureRequest } from '../../../functions/privacy/deletion-dialogue';
import { createPrivacyRequestStore, workingDaysLater } from '../../../functions/privacy/privacy-requests';
import { citizen, testServices } from '../../support/test-services';

describe('the typed deletion request (both channels)', () => {
  it.each([
    'xóa dữ liệu của tôi',
    'Xoa du lieu cua toi',
    'làm ơn xóa hết thông tin cá nhân của tôi',
    'tôi muốn hủy toàn bộ dữ liệu của mình',
  ])('recognises “%s”', (text) => {
    expect(isErasureRequest(text)).toBe(true);
  });

  it.each(['dữ liệu dân cư là gì', 'xóa đăng ký thường trú cần gì', 'thông tin của tôi có an toàn không'])(
    'does not take “%s” for one',
    (text) => {
      expect(isErasureRequest(text)).toBe(false);
    },
  );

  it('on the web: asks first, deletes the session and transcript on confirmation, and records the request', async () => {
    const { services } = testServices();
    const web = citizen(services, 'web-erase-0001');
    await web.say('làm lại căn cước cần gì');
    const ask = await web.say('xóa dữ liệu của tôi');
    expect(ask.messages[0]?.quickReplies?.map((q) => q.payload)).toEqual([ERASE_CONFIRM, ERASE_CANCEL]);
    expect(await services.stores.conversations.getSession(web.ref)).toBeDefined();

    const done = await web.tap(ERASE_CONFIRM);
    expect(done.messages[0]?.text).toMatch(/Đã xóa/u);
    expect(done.messages[0]?.text).toMatch(/phản ánh/u);
    expect(await services.stores.conversations.getSession(web.ref)).toBeUndefined();
    expect(await services.stores.conversations.listMessages(web.ref)).toEqual([]);
    const [request] = await createPrivacyRequestStore(services.stores.tables.casework).list();
    expect(request).toMatchObject({ channel: 'web', source: 'typed_request' });
    expect(JSON.stringify(request)).not.toContain('web-erase-0001');
  });

  it('“không” cancels, and a confirmation that comes too late deletes nothing', async () => {
    const { services, clock } = testServices();
    const web = citizen(services, 'web-erase-0002');
    await web.say('xóa dữ liệu của tôi');
    expect((await web.say('không')).messages[0]?.text).toMatch(/hủy/u);
    expect(await services.stores.conversations.listMessages(web.ref)).not.toEqual([]);

    await web.say('xóa dữ liệu của tôi');
    clock.advance(16 * 60_000);
    expect((await web.tap(ERASE_CONFIRM)).messages[0]?.text).toMatch(/hết hiệu lực/u);
    expect(await services.stores.conversations.listMessages(web.ref)).not.toEqual([]);
    expect(await createPrivacyRequestStore(services.stores.tables.casework).list()).toEqual([]);
  });

  // An ordinary message reads nothing of the request (issue 17: no read per turn for it), but its
  // commit still withdraws it: a later “có” meant for another question deletes nothing.
  it('any other message withdraws a pending request, and the turn is answered as usual', async () => {
    const { services } = testServices();
    const web = citizen(services, 'web-erase-0003');
    await web.say('xóa dữ liệu của tôi');
    const other = await web.say('làm lại căn cước cần gì');
    expect(other.messages[0]?.text).not.toMatch(/xóa dữ liệu/u);
    const yes = await web.say('có');
    expect(yes.messages[0]?.text ?? '').not.toMatch(/Đã xóa/u);
    expect(await services.stores.conversations.getSession(web.ref)).toBeDefined();
    expect(await createPrivacyRequestStore(services.stores.tables.casework).list()).toEqual([]);
  });
});

describe('a typed “có” straight after the request', () => {
  it('confirms it, in the middle of a conversation as at its start', async () => {
    const { services } = testServices();
    const web = citizen(services, 'web-erase-0004');
    await web.say('làm lại căn cước cần gì');
    await web.say('lệ phí bao nhiêu');
    await web.say('xóa dữ liệu của tôi');
    expect((await web.say('có')).messages[0]?.text).toMatch(/Đã xóa/u);
    expect(await services.stores.conversations.getSession(web.ref)).toBeUndefined();
  });
});

describe('the caller’s gate (the web chat’s per-address limit)', () => {
  it('refuses the deletion messages as it refuses any other', async () => {
    const { services } = testServices();
    const ref = { channel: 'web' as const, userId: 'web-erase-0003' };
    const gate = Promise.reject(new Error('limited'));
    await expect(
      services.conversation.handleInbound(ref, { kind: 'text', text: 'xóa dữ liệu của tôi' }, { gate }),
    ).rejects.toThrow('limited');
    expect(await services.stores.conversations.listMessages(ref)).toEqual([]);
  });
});

describe('the legal deadline', () => {
  it('is the end of the second working day after the request, Vietnam time', () => {
    // Friday 2026-11-27, 16:00 in Vietnam → Tuesday 2026-12-01, 23:59:59.999 in Vietnam.
    expect(workingDaysLater(new Date('2026-11-27T09:00:00Z'), 2).toISOString()).toBe(
      '2026-12-01T16:59:59.999Z',
    );
    // 00:30 on Tuesday 2026-12-01 in Vietnam is still Monday in UTC: the Vietnam day counts.
    expect(workingDaysLater(new Date('2026-11-30T17:30:00Z'), 2).toISOString()).toBe(
      '2026-12-03T16:59:59.999Z',
    );
  });
});

describe('what the staff console shows of a Zalo conversation', () => {
  it('the consultation window, open until a Vietnam date and time, and a takeover in the OA manager', async () => {
    const { services, clock } = testServices();
    const user = '8800000000000000001';
    await createRecipientStore(services.stores, clock).touch('zalo', user, clock.now());
    await createTakeoverStore(services.stores).mark(user, '7744112233', clock.now(), 4);
    const status = await zaloConsoleStatus(services.stores, user, clock.now());
    expect(status.consultationWindow).toEqual({ open: true, free: true, until: '2026-12-01T02:00:00.000Z' });
    expect(status.lines[0]).toContain('09:00 ngày 01/12/2026');
    expect(status.takenOverInZalo).toEqual({ until: '2026-11-24T06:00:00.000Z' });
    expect(status.lines[1]).toContain('13:00 ngày 24/11/2026');
  });

  it('a closed window and the notices that could not be delivered', async () => {
    const { services, clock } = testServices();
    const user = '8800000000000000002';
    const recipients = createRecipientStore(services.stores, clock);
    await recipients.touch('zalo', user, clock.now());
    clock.advance(8 * 86_400_000);
    await recipients.recordUndelivered(
      'zalo',
      user,
      { reason: 'no_zns_consent', messageIds: ['m1'] },
      clock.now(),
    );
    const status = await zaloConsoleStatus(services.stores, user, clock.now());
    expect(status.consultationWindow.open).toBe(false);
    expect(status.takenOverInZalo).toBeUndefined();
    expect(status.lines.join('\n')).toMatch(/đã đóng/u);
    expect(status.lines.join('\n')).toMatch(/chưa đồng ý nhận ZNS/u);
  });
});
