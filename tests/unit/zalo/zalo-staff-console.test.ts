import { describe, expect, it } from 'vitest';
import { createRecipientStore } from '../../../functions/channels/zalo/recipient-store';
import { createTakeoverStore } from '../../../functions/channels/zalo/takeover';
import { createStaffHandler } from '../../../functions/handlers/staff';
import { ERASE_CONFIRM } from '../../../functions/privacy/deletion-dialogue';
import { testServices } from '../../support/test-services';
import { httpEvent } from './zalo-test-kit';

const AUTH = { authorization: 'Bearer staff-secret' };

async function zaloEscalation() {
  const t = testServices();
  const ref = { channel: 'zalo' as const, userId: '8811000000000000001' };
  await createRecipientStore(t.services.stores, t.clock).touch('zalo', ref.userId, t.clock.now());
  await t.services.conversation.handleInbound(ref, { kind: 'text', text: 'cho tôi gặp cán bộ' });
  const [escalation] = await t.services.stores.escalations.list('open');
  if (!escalation) throw new Error('no escalation was opened');
  const staff = createStaffHandler(async () => t.services);
  const get = async (path: string) => {
    const res = await staff(httpEvent(path, undefined, AUTH, 'GET'));
    return { status: res.statusCode, body: JSON.parse(res.body ?? '{}') };
  };
  return { ...t, ref, escalation, get };
}

describe('the staff console API for Zalo conversations', () => {
  it('shows whether the consultation window is open and until when, in Vietnam time', async () => {
    const k = await zaloEscalation();
    const { status, body } = await k.get(`/api/staff/escalations/${k.escalation.id}`);
    expect(status).toBe(200);
    expect(body.zalo.consultationWindow).toMatchObject({ open: true, until: '2026-12-01T02:00:00.000Z' });
    expect(body.zalo.lines[0]).toContain('09:00 ngày 01/12/2026');
  });

  it('shows a takeover in Zalo’s OA manager', async () => {
    const k = await zaloEscalation();
    await createTakeoverStore(k.services.stores).mark(k.ref.userId, 'admin-1', k.clock.now(), 4);
    const { body } = await k.get(`/api/staff/escalations/${k.escalation.id}`);
    expect(body.zalo.takenOverInZalo).toEqual({ until: '2026-11-24T06:00:00.000Z' });
    expect(body.zalo.lines.join('\n')).toMatch(/tiếp nhận trên Zalo OA/u);
  });

  it('lists undelivered Zalo notices of every conversation, newest first', async () => {
    const k = await zaloEscalation();
    const recipients = createRecipientStore(k.services.stores, k.clock);
    await recipients.recordUndelivered(
      'zalo',
      '8811000000000000009',
      { reason: 'no_zns_consent', messageIds: ['a'] },
      k.clock.now(),
    );
    k.clock.advance(60_000);
    await recipients.recordUndelivered(
      'zalo',
      k.ref.userId,
      { reason: 'no_zns_template', messageIds: ['b', 'c'] },
      k.clock.now(),
    );
    const { status, body } = await k.get('/api/staff/zalo/undelivered');
    expect(status).toBe(200);
    expect(body.items).toMatchObject([
      {
        sessionId: `zalo:${k.ref.userId}`,
        reason: 'no_zns_template',
        messages: 2,
        reasonText: 'chưa cấu hình mẫu ZNS',
      },
      { sessionId: 'zalo:8811000000000000009', reason: 'no_zns_consent', messages: 1 },
    ]);
  });

  it('gives no Zalo block for a web conversation', async () => {
    const t = testServices();
    const ref = { channel: 'web' as const, userId: 'web-console-0001' };
    await t.services.conversation.handleInbound(ref, { kind: 'text', text: 'cho tôi gặp cán bộ' });
    const [escalation] = await t.services.stores.escalations.list('open');
    const res = await createStaffHandler(async () => t.services)(
      httpEvent(`/api/staff/escalations/${escalation?.id}`, undefined, AUTH, 'GET'),
    );
    expect(JSON.parse(res.body ?? '{}').zalo).toBeUndefined();
  });

  it('lists deletion requests, without the person’s id, with the legal deadline', async () => {
    const k = await zaloEscalation();
    await k.services.conversation.handleInbound(k.ref, { kind: 'text', text: 'xóa dữ liệu của tôi' });
    await k.services.conversation.handleInbound(k.ref, { kind: 'payload', payload: ERASE_CONFIRM });
    const { status, body } = await k.get('/api/staff/privacy-requests');
    expect(status).toBe(200);
    expect(body.items).toMatchObject([
      { channel: 'zalo', source: 'typed_request', dueBy: '2026-11-26T16:59:59.999Z' },
    ]);
    expect(JSON.stringify(body)).not.toContain(k.ref.userId);
    // The staff request quoted the citizen's words: blanked too.
    const escalation = await k.services.stores.escalations.get(k.escalation.id);
    expect(escalation?.lastMessage).toBe('[Đã xóa theo yêu cầu của công dân]');
  });
});
