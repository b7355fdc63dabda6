import { describe, expect, it } from 'vitest';
import { categorise } from '../../../functions/conversation/flows/feedback';
import { canonicalAccented } from '../../../intents/normalise';
import { citizen, payloadOf, testServices, texts } from '../../support/test-services';

describe('feedback report intake', () => {
  it('walks what → where → consent and files a ticket with a reference the citizen can ask about', async () => {
    const { services } = testServices();
    const c = citizen(services);
    const first = await c.say('tôi muốn phản ánh');
    expect(texts(first.messages)).toMatch(/mô tả/u);
    const where = await c.say('Đèn đường ở thôn tôi hỏng cả tuần nay, buổi tối rất tối');
    expect(texts(where.messages)).toMatch(/ở đâu/u);
    const consent = await c.say('thôn Hòa Thủy, xã Ninh Phước');
    const done = await c.tap(payloadOf(consent.messages, 'Đồng ý') as string);
    const ref = /PA-\d{6}-[A-Z0-9]{4}/u.exec(texts(done.messages))?.[0];
    expect(ref).toBeDefined();
    const [report] = await services.stores.feedback.list('open');
    expect(report).toMatchObject({
      reference: ref,
      place: 'thôn Hòa Thủy, xã Ninh Phước',
      contactConsent: true,
      category: 'Hạ tầng, giao thông',
    });
    expect(texts((await c.say(`phản ánh ${ref} đến đâu rồi`)).messages)).toMatch(/đang được xử lý/u);
  });
});

describe('digital addresses', () => {
  it('finds an entry by code, by unmarked address text and by a location within 50 m', async () => {
    const { services, clock } = testServices();
    await services.stores.addresses.upsert(
      'NT-0001-2345',
      {
        address: '12 Thống Nhất, phường Phủ Hà, Phan Rang-Tháp Chàm',
        ownerType: 'household',
        name: 'Hộ ông Nguyễn Văn A',
        lat: 11.5673,
        lng: 108.9886,
      },
      clock.now(),
    );
    const c = citizen(services);
    expect(texts((await c.say('tra địa chỉ số NT-0001-2345')).messages)).toMatch(/12 Thống Nhất/u);
    expect(texts((await c.say('tra dia chi so nha toi 12 thong nhat phu ha')).messages)).toMatch(
      /NT-0001-2345/u,
    );
    expect(texts((await c.send({ kind: 'location', lat: 11.5675, lng: 108.9887 })).messages)).toMatch(
      /NT-0001-2345/u,
    );
    expect(texts((await c.send({ kind: 'location', lat: 11.58, lng: 108.99 })).messages)).toMatch(
      /Chưa tìm thấy/u,
    );
  });
});

describe('feedback categories', () => {
  it.each([
    ['Rác thải đổ trộm ở đầu thôn gây mùi hôi', 'Môi trường, vệ sinh'],
    ['rac thai do trom o dau thon gay mui hoi', 'Môi trường, vệ sinh'],
    ['Cán bộ một cửa có thái độ hách dịch', 'Thái độ, trách nhiệm của cán bộ'],
    ['can bo mot cua gay kho nhung nhieu', 'Thái độ, trách nhiệm của cán bộ'],
    ['Đèn đường thôn tôi hỏng cả tuần', 'Hạ tầng, giao thông'],
    ['hồ sơ đất của tôi trễ hẹn 2 tháng', 'Giải quyết thủ tục hành chính'],
    ['nhà bên cạnh hát karaoke tới 2 giờ sáng', 'An ninh, trật tự'],
  ])('%s → %s', (text, label) => {
    expect(categorise(canonicalAccented(text)).label).toBe(label);
  });
});

describe('feedback intake typed by hand', () => {
  it.each(['đồng ý', 'dong y', 'có', 'ok'])('accepts "%s" typed at the consent step', async (answer) => {
    const { services } = testServices();
    const c = citizen(services);
    await c.say('Tôi phản ánh: cống thoát nước trước chợ bị tắc, nước tràn ra đường');
    await c.say('chợ Phước Dân');
    const done = await c.say(answer);
    expect(texts(done.messages)).toMatch(/PA-\d{6}-[A-Z0-9]{4}/u);
    expect((await services.stores.feedback.list('open'))[0]?.contactConsent).toBe(true);
  });

  it('files the report without consent when the citizen says no', async () => {
    const { services } = testServices();
    const c = citizen(services);
    await c.say('Tôi phản ánh: cống thoát nước trước chợ bị tắc, nước tràn ra đường');
    await c.say('chợ Phước Dân');
    await c.say('không');
    expect((await services.stores.feedback.list('open'))[0]?.contactConsent).toBe(false);
  });
});
