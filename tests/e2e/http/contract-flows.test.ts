import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorShape } from '../../support/error-shape';
import { api, startTestServer } from '../../support/local-server';

let server: Awaited<ReturnType<typeof startTestServer>>;
let http: ReturnType<typeof api>;
const STAFF = 'staff-test-token';
const KEY = 'integration-test-key';
const CODE = 'H43.25-241008-0012';

beforeAll(async () => {
  server = await startTestServer();
  http = api(server.url);
});
afterAll(async () => {
  await server?.stop();
});

describe('citizens: web chat', () => {
  it('answers a Vietnamese question with the contract shape', async () => {
    const r = await http.chat('e2e-session-0001', 'làm lại căn cước cần gì');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ sessionId: 'e2e-session-0001', state: 'bot' });
    const [m] = r.body.messages;
    expect(m).toMatchObject({
      id: expect.any(String),
      from: 'bot',
      text: expect.stringMatching(/căn cước/iu),
    });
    expect(m.links?.[0]?.url).toMatch(/^https:\/\//u);
  });

  it('polls messages with ?after', async () => {
    const first = await http.chat('e2e-session-0002', 'xin chào');
    const all = await http.poll('e2e-session-0002');
    expect(all.status).toBe(200);
    expect(all.body.messages.map((m: { id: string }) => m.id)).toContain(first.body.messages[0].id);
    const none = await http.poll('e2e-session-0002', all.body.messages.at(-1).id);
    expect(none.body).toEqual({ state: 'bot', messages: [] });
  });
});

describe('bad input gets the contract error shape', () => {
  it.each([
    ['missing sessionId', { text: 'chào' }, 400],
    ['short sessionId', { sessionId: 'abc', text: 'chào' }, 400],
    ['15-character sessionId (16 at least)', { sessionId: 'abcdefghijklmno', text: 'chào' }, 400],
    ['both text and payload', { sessionId: 'e2e-session-0003', text: 'a', payload: 'b' }, 400],
    ['neither text nor payload', { sessionId: 'e2e-session-0003' }, 400],
    ['blank text', { sessionId: 'e2e-session-0003', text: '   ' }, 400],
    ['text too long', { sessionId: 'e2e-session-0003', text: 'a'.repeat(2001) }, 413],
    ['text not a string', { sessionId: 'e2e-session-0003', text: 42 }, 400],
  ])('%s → %i', async (_name, body, status) => {
    const r = await http.call('POST', '/api/chat', body);
    expect(r.status).toBe(status);
    expect(r.body).toEqual(errorShape);
  });

  it('refuses malformed JSON, unknown routes and bad polling parameters', async () => {
    const bad = await http.call('POST', '/api/chat', undefined, undefined, '{"sessionId":');
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual(errorShape);
    const unknown = await http.call('GET', '/api/nothing-here');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual(errorShape);
    const after = await http.call('GET', '/api/chat/e2e-session-0003/messages?after=%3Cscript%3E');
    expect(after.status).toBe(400);
    expect(after.body).toEqual(errorShape);
  });

  it('accepts 2,000 characters after trimming', async () => {
    const r = await http.chat('e2e-session-0004', `  ${'đ'.repeat(2000)}  `);
    expect(r.status).toBe(200);
  });
});

describe('integrations and the dossier lookup', () => {
  const dossier = {
    procedure: 'Cấp lại thẻ căn cước',
    agency: 'Công an phường Đô Vinh',
    applicantName: 'Nguyễn Văn A',
    phone: '0912345678',
    status: 'processing',
    receivedAt: '2026-11-08',
    dueAt: '2026-12-15',
  };

  it('refuses a missing or wrong key and invalid bodies', async () => {
    expect((await http.call('PUT', `/api/integrations/dossiers/${CODE}`, dossier)).status).toBe(401);
    const wrong = await http.call('PUT', `/api/integrations/dossiers/${CODE}`, dossier, 'nope');
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual(errorShape);
    const invalid = await http.call(
      'PUT',
      `/api/integrations/dossiers/${CODE}`,
      { ...dossier, status: 'lost' },
      KEY,
    );
    expect(invalid.status).toBe(400);
    expect(invalid.body).toEqual(errorShape);
  });

  it('records a dossier (201, then 200) and shows it only after the phone check', async () => {
    expect((await http.call('PUT', `/api/integrations/dossiers/${CODE}`, dossier, KEY)).status).toBe(201);
    expect((await http.call('PUT', `/api/integrations/dossiers/${CODE}`, dossier, KEY)).status).toBe(200);
    const s = 'e2e-dossier-0001';
    const ask = await http.chat(s, `tra cứu hồ sơ ${CODE}`);
    expect(JSON.stringify(ask.body)).not.toMatch(/Đô Vinh|Đang giải quyết/u);
    const wrong = await http.chat(s, '0987654321');
    expect(JSON.stringify(wrong.body)).not.toMatch(/Đô Vinh|Đang giải quyết/u);
    const right = await http.chat(s, '5678');
    expect(JSON.stringify(right.body)).toMatch(/Đang giải quyết/u);
    // Follow, then the one-stop system pushes `completed`: the notice reaches the chat.
    const follow = right.body.messages
      .flatMap((m: any) => m.quickReplies ?? [])
      .find((q: any) => /Báo tôi/u.test(q.title));
    await http.tap(s, follow.payload);
    const last = (await http.poll(s)).body.messages.at(-1).id;
    await http.call('PUT', `/api/integrations/dossiers/${CODE}`, { ...dossier, status: 'completed' }, KEY);
    const notice = await http.poll(s, last);
    expect(notice.body.messages.map((m: any) => m.text).join('\n')).toMatch(
      new RegExp(`${CODE.replace(/\./gu, '\\.')}[\\s\\S]*Đã có kết quả`, 'u'),
    );
  });

  it('records digital addresses and finds them in the chat', async () => {
    const put = await http.call(
      'PUT',
      '/api/integrations/digital-addresses/NT-0001-2345',
      {
        address: '12 Thống Nhất, phường Phủ Hà, Phan Rang-Tháp Chàm',
        ownerType: 'household',
        name: 'Hộ ông Nguyễn Văn A',
        lat: 11.5673,
        lng: 108.9886,
      },
      KEY,
    );
    expect(put.status).toBe(201);
    const r = await http.chat('e2e-address-0001', 'tra cứu địa chỉ số NT-0001-2345');
    expect(JSON.stringify(r.body)).toMatch(/12 Thống Nhất/u);
  });
});

describe('staff: handoff round trip and the satisfaction report', () => {
  it('handoff → list → claim → message → resolve → rating → report', async () => {
    const s = 'e2e-handoff-0001';
    const asked = await http.chat(s, 'cho tôi gặp cán bộ');
    expect(asked.body.state).toBe('waiting_staff');
    expect((await http.call('GET', '/api/staff/escalations?status=open')).status).toBe(401);
    expect((await http.call('GET', '/api/staff/escalations?status=open', undefined, 'wrong')).status).toBe(
      401,
    );
    const list = await http.call('GET', '/api/staff/escalations?status=open', undefined, STAFF);
    const item = list.body.items.find((i: any) => i.sessionId === s);
    expect(item).toMatchObject({
      id: expect.any(String),
      channel: 'web',
      reason: expect.any(String),
      state: 'open',
      createdAt: expect.any(String),
    });
    expect((await http.call('POST', `/api/staff/escalations/${item.id}/claim`, {}, STAFF)).status).toBe(200);
    expect(
      (
        await http.call(
          'POST',
          `/api/staff/escalations/${item.id}/messages`,
          { text: 'Chào bạn, tôi là cán bộ một cửa.' },
          STAFF,
        )
      ).status,
    ).toBe(200);
    const seen = await http.poll(s);
    expect(seen.body.state).toBe('with_staff');
    expect(
      seen.body.messages.some(
        (m: any) => m.from === 'staff' && m.text === 'Chào bạn, tôi là cán bộ một cửa.',
      ),
    ).toBe(true);
    const detail = await http.call('GET', `/api/staff/escalations/${item.id}`, undefined, STAFF);
    expect(detail.body.transcript.length).toBeGreaterThanOrEqual(3);
    expect((await http.call('POST', `/api/staff/escalations/${item.id}/resolve`, {}, STAFF)).status).toBe(
      200,
    );
    const ask = (await http.poll(s)).body.messages.at(-1);
    expect(ask.quickReplies.length).toBeGreaterThanOrEqual(3);
    const four = ask.quickReplies.find((q: any) => q.title.startsWith('4'));
    expect((await http.tap(s, four.payload)).status).toBe(200);
    // The default window ends on today's Vietnam date: a rating given at 00:30 in Vietnam (17:30 UTC
    // the day before) is in it.
    const report = await http.call('GET', '/api/staff/reports/satisfaction', undefined, STAFF);
    expect(report.status).toBe(200);
    expect(report.body.ratings).toBeGreaterThanOrEqual(1);
    expect(report.body.satisfied).toBeGreaterThanOrEqual(1);
    expect(report.body.rate).toBeGreaterThan(0);
    expect(report.body.byChannel.web.ratings).toBeGreaterThanOrEqual(1);
    expect(report.body.answeredWithoutStaffShare).toBeGreaterThan(0);
    expect(report.body.answeredWithoutStaffShare).toBeLessThan(1);
  });
});

describe('feedback reports reach staff', () => {
  it('a report made in the chat gets a reference number, shows up for staff and can be resolved', async () => {
    const s = 'e2e-feedback-0001';
    await http.chat(s, 'tôi muốn phản ánh');
    await http.chat(s, 'Rác thải đổ trộm ở đầu thôn gây mùi hôi nhiều ngày nay');
    const where = await http.chat(s, 'thôn Lương Cách, xã Phước Hà');
    const agree = where.body.messages
      .flatMap((m: any) => m.quickReplies ?? [])
      .find((q: any) => q.title === 'Đồng ý');
    const done = await http.tap(s, agree.payload);
    const reference = /PA-\d{6}-[A-Z0-9]{4}/u.exec(JSON.stringify(done.body))?.[0];
    expect(reference).toBeDefined();
    const list = await http.call('GET', '/api/staff/feedback-reports?status=open', undefined, STAFF);
    const item = list.body.items.find((i: any) => i.reference === reference);
    expect(item).toMatchObject({
      category: 'Môi trường, vệ sinh',
      place: 'thôn Lương Cách, xã Phước Hà',
      channel: 'web',
      status: 'open',
    });
    expect(item.ref).toBeUndefined();
    expect(
      (await http.call('POST', `/api/staff/feedback-reports/${reference}/resolve`, {}, STAFF)).status,
    ).toBe(200);
    const status = await http.chat(s, `phản ánh ${reference} xử lý đến đâu rồi`);
    expect(JSON.stringify(status.body)).toMatch(/đã được xử lý xong/u);
  });
});

describe('feedback typed by hand, with the real classifier', () => {
  it.each(['đồng ý', 'dong y', 'không'])('"%s" at the consent step files the report', async (answer) => {
    const s = `e2e-fb-typed-${Buffer.from(answer).toString('hex')}`;
    await http.chat(s, 'đèn đường thôn tôi hỏng mấy hôm nay rồi');
    await http.chat(s, 'thôn Hộ Diêm, xã Ninh Hải');
    const done = await http.chat(s, answer);
    expect(JSON.stringify(done.body)).toMatch(/PA-\d{6}-[A-Z0-9]{4}/u);
  });
});

describe('operations', () => {
  it('answers /healthz', async () => {
    expect(await http.call('GET', '/healthz')).toMatchObject({ status: 200, body: { ok: true } });
  });
});
