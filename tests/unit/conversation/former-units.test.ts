import { describe, expect, it } from 'vitest';
import { encodePayload } from '../../../functions/conversation/payloads';
import { loadNlu } from '../../../intents';
import { PLACES } from '../../../intents/data/places/places';
import { citizen, payloadOf, testServices, texts } from '../../support/test-services';

/**
 * Scripted conversations about place names from before the 1 July 2025 merger, through the engine
 * with the real classifier (what the citizen types decides the route, not a stand-in).
 */
const nlu = loadNlu();
const newCitizen = () => citizen(testServices({ nlu }).services);
const CITES = /Nghị quyết 1667\/NQ-UBTVQH15.*Điều 1 khoản/u;
/** The data holds no street address: none may appear. */
const AN_ADDRESS = /\b(số nhà|số \d+|\d+ đường|đường [A-ZĐ])/u;

describe('which unit now, and where to submit', () => {
  it.each([
    ['tôi ở phường Kinh Dinh cũ, phường mới là gì', 'phường Phan Rang', 'khoản 60'],
    ['xã Phước Hậu giờ thuộc xã nào', 'xã Phước Hậu', 'khoản 32'],
    ['phuoc hau gio thuoc xa nao', 'xã Phước Hậu', 'khoản 32'],
    ['xa phuoc son cu gio nop ho so o dau', 'xã Phước Hậu', 'khoản 32'],
    ['thị trấn Khánh Hải trước đây giờ là phường gì', 'phường Ninh Chử', 'khoản 62'],
    ['Phường Mỹ Hương sáp nhập vào đâu', 'phường Phan Rang', 'khoản 60'],
    ['em ở Mỹ Bình cũ giờ lên phường nào làm giấy tờ', 'phường Đông Hải', 'khoản 61'],
    ['trước tôi ở Đài Sơn, giờ nộp hồ sơ chỗ nào', 'phường Phan Rang', 'khoản 60'],
  ])('"%s" → %s', async (message, unit, clause) => {
    const reply = await newCitizen().say(message);
    const text = texts(reply.messages);
    expect(text).toContain(`nay thuộc ${unit}`);
    expect(text).toContain(clause);
    expect(text).toMatch(CITES);
    expect(text).toContain(`dữ liệu kiểm tra ngày ${PLACES.checkedAt.split('-').reverse().join('/')}`);
    expect(text).toContain(`UBND ${unit}`);
    expect(text).not.toMatch(AN_ADDRESS);
    expect(reply.messages[0]?.links?.map((l) => l.url)).toContain(
      'https://datafiles.chinhphu.vn/cpp/files/vbpq/2025/6/1667-nq.signed.pdf',
    );
  });

  it('names the rest of a split unit as such among the units merged with one', async () => {
    const text = texts((await newCitizen().say('phường Mỹ Bình cũ giờ thuộc phường nào')).messages);
    expect(text).toContain(
      'nay thuộc phường Đông Hải, tỉnh Khánh Hòa, cùng với phường Mỹ Đông, phường Mỹ Hải, phần còn lại của phường Đông Hải',
    );
  });

  it('lists the new units of the former city and then answers for the ward the citizen names', async () => {
    const c = newCitizen();
    const list = texts((await c.say('Phan Rang-Tháp Chàm giờ là phường gì')).messages);
    for (const unit of [
      'Phường Phan Rang',
      'Phường Đông Hải',
      'Phường Bảo An',
      'Phường Đô Vinh',
      'Phường Ninh Chử',
      'Xã Phước Dinh',
    ])
      expect(list).toContain(unit);
    expect(list).toContain('một phần phường Đông Hải');
    expect(list).toMatch(CITES);
    const ward = texts((await c.say('phuoc my')).messages);
    expect(ward).toContain('Phường Phước Mỹ (thành phố Phan Rang-Tháp Chàm, cũ) nay thuộc phường Bảo An');
  });

  it('lists a former district and reads the next name as one of its former communes', async () => {
    const c = newCitizen();
    const list = texts((await c.say('huyện Ninh Hải cũ giờ gồm những xã nào')).messages);
    expect(list).toMatch(/Xã Ninh Hải: xã Phương Hải, xã Tri Hải/u);
    expect(list).toMatch(/Phường Ninh Chử: thị trấn Khánh Hải/u);
    expect(texts((await c.say('tri hai')).messages)).toContain('nay thuộc xã Ninh Hải');
  });
});

describe('a split unit is asked about, never guessed', () => {
  it('asks which part of Phường Đông Hải, then answers for the part tapped', async () => {
    const c = newCitizen();
    const ask = await c.say('phường Đông Hải cũ giờ thuộc đâu');
    const text = texts(ask.messages);
    expect(text).toMatch(
      /một phần thuộc xã Phước Dinh \(khoản 36\); phần còn lại thuộc phường Đông Hải \(khoản 61\)/u,
    );
    expect(text).toContain('Nơi bạn ở thuộc phần nào?');
    expect(text).not.toContain('nay thuộc');
    const phuocDinh = payloadOf(ask.messages, 'Xã Phước Dinh');
    expect(phuocDinh).toBeDefined();
    const answer = texts((await c.tap(phuocDinh as string)).messages);
    expect(answer).toContain('Phần phường Đông Hải (cũ) của bạn nay thuộc xã Phước Dinh');
    expect(answer).toContain('UBND xã Phước Dinh');
  });

  it('takes a typed part, and says where to ask when the citizen does not know', async () => {
    const c = newCitizen();
    await c.say('dong hai cu gio thuoc xa nao');
    expect(texts((await c.say('phần còn lại, đông hải mới')).messages)).toContain(
      'Phần còn lại phường Đông Hải (cũ) của bạn nay thuộc phường Đông Hải',
    );
    const d = newCitizen();
    await d.say('phường Đông Hải cũ sáp nhập vào đâu');
    const unsure = texts((await d.say('tôi không biết')).messages);
    expect(unsure).toContain('UBND xã Phước Dinh hoặc UBND phường Đông Hải');
  });

  it('asks whether "thanh hai" typed without marks is Thanh Hải or Thành Hải', async () => {
    const c = newCitizen();
    const ask = await c.say('xa thanh hai cu gio thuoc xa nao');
    expect(texts(ask.messages)).toMatch(
      /Xã Thanh Hải \(huyện Ninh Hải\) hay Xã Thành Hải|Xã Thành Hải \(thành phố Phan Rang-Tháp Chàm\) hay Xã Thanh Hải/u,
    );
    const thanh = payloadOf(ask.messages, /^Xã Thành Hải/u);
    expect(texts((await c.tap(thanh as string)).messages)).toContain('nay thuộc phường Bảo An');
  });
});

describe('stays out of the way', () => {
  it('answers "xã Phước Hậu giờ thuộc xã nào" after a procedure answer, not as its follow-up', async () => {
    const c = newCitizen();
    await c.say('làm lại căn cước cần gì');
    expect(texts((await c.say('xã Phước Hậu giờ thuộc xã nào')).messages)).toContain(
      'nay thuộc xã Phước Hậu',
    );
  });

  it('answers a procedure question that mentions a former unit, then names the unit that took it over', async () => {
    const reply = await newCitizen().say('tôi ở xã Phước Sơn cũ, làm lại căn cước cần giấy tờ gì');
    expect(reply.messages[0]?.entryId).toBe('cur.cap-lai-can-cuoc');
    expect(reply.messages[1]?.text).toMatch(
      /^Lưu ý: xã Phước Sơn \(cũ\) nay thuộc xã Phước Hậu \(Nghị quyết 1667/u,
    );
    const split = await newCitizen().say('tôi ở phường Đông Hải cũ, làm lại căn cước cần giấy tờ gì');
    expect(split.messages).toHaveLength(1);
  });

  it('refuses a forged choice politely', async () => {
    const c = newCitizen();
    const forged = encodePayload({ type: 'former_part', former: '58:22768', into: '56:22333' });
    expect(texts((await c.tap(forged)).messages)).toMatch(/UBND/u);
    const unknown = encodePayload({ type: 'former_unit', former: '58:99999' });
    expect(texts((await c.tap(unknown)).messages)).toContain('không còn hiệu lực');
  });
});

describe('what staff and reports see', () => {
  it('records a former-unit question as agency_contact, whatever the classifier guessed', async () => {
    const { services } = testServices({ nlu });
    const c = citizen(services);
    await c.say('Phan Rang-Tháp Chàm giờ là phường gì');
    const [question] = await services.stores.conversations.listMessages(c.ref);
    expect(question?.from).toBe('user');
    expect(question?.understanding?.intent).toBe('agency_contact');
  });
});

describe('outside the mapped area', () => {
  it('says it has no old-to-new table for a unit of the old Khánh Hòa instead of guessing', async () => {
    const text = texts((await newCitizen().say('xã Cam Lâm trước đây là gì')).messages);
    expect(text).toContain('chưa có cho xã Cam Lâm');
    expect(text).not.toContain('nay thuộc');
  });

  it('lists what a new unit was made of, whole units first and then the part of a split one', async () => {
    const text = texts((await newCitizen().say('xã Phước Dinh mới gồm những xã nào')).messages);
    expect(text).toContain('được sắp xếp từ xã An Hải, xã Phước Dinh, một phần phường Đông Hải');
    expect(text).toContain('khoản 36');
  });
});
