import { describe, expect, it } from 'vitest';
import {
  inFormerNinhThuanArea,
  inSentence,
  resolveFormerUnit,
} from '../../../functions/conversation/former-unit-answer';
import { encodePayload } from '../../../functions/conversation/payloads';
import { loadNlu } from '../../../intents';
import { CURRENT_UNITS, type CurrentUnit } from '../../../intents/data/places/current-units';
import { FORMER_NINH_THUAN_UNITS, type FormerUnit } from '../../../intents/data/places/former-ninh-thuan';
import { PLACES } from '../../../intents/data/places/places';
import { foldDiacritics } from '../../../intents/normalise';
import { loadKnowledgeBase } from '../../../knowledge/knowledge-base';
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

/**
 * The conversation after a unit was answered: the unit the citizen lives in is remembered and named
 * in later answers. Units are picked from the generated data, not typed here.
 */
/** These conversations need the real catalogue: which desk a procedure names is read from its record. */
const withCatalogue = () => citizen(testServices({ nlu, kb: loadKnowledgeBase() }).services);
const folded = (text: string) => foldDiacritics(text.toLowerCase());
const KIND: Record<CurrentUnit['level'], string> = { ward: 'phường', commune: 'xã', special_zone: 'đặc khu' };
/** Former commune-level units that went wholly into one new unit of another name, with a unique name. */
const BECAME = FORMER_NINH_THUAN_UNITS.flatMap((unit) => {
  if (unit.parts || unit.mergedBefore || !['ward', 'commune', 'township'].includes(unit.level)) return [];
  const resolution = resolveFormerUnit(unit);
  if (resolution.kind !== 'became' || folded(resolution.into.name).endsWith(folded(unit.base))) return [];
  const sameName = FORMER_NINH_THUAN_UNITS.filter((other) => folded(other.base) === folded(unit.base));
  const current = CURRENT_UNITS.some((other) => folded(other.name).endsWith(folded(unit.base)));
  return sameName.length === 1 && !current ? [{ unit, into: resolution.into }] : [];
});
/** Pairs of former units whose names differ only by marks, in different districts. */
const TWINS = FORMER_NINH_THUAN_UNITS.flatMap((unit, i) =>
  FORMER_NINH_THUAN_UNITS.slice(i + 1)
    .filter(
      (other) =>
        folded(other.officialName) === folded(unit.officialName) &&
        other.district !== unit.district &&
        !other.mergedBefore &&
        !unit.mergedBefore,
    )
    .map((other) => [unit, other] as const),
);
const nowOf = (unit: FormerUnit) => {
  const resolution = resolveFormerUnit(unit);
  return resolution.kind === 'became' ? inSentence(resolution.into.name) : undefined;
};

describe('the conversation remembers the unit the citizen lives in', () => {
  it('has units to test with', () => {
    expect(BECAME.length).toBeGreaterThan(10);
    expect(TWINS.length).toBeGreaterThan(0);
  });

  it.each(BECAME.slice(0, 6).map(({ unit, into }) => [unit.officialName, into.name, unit, into] as const))(
    'after "%s" → %s, later where-questions name the new unit',
    async (_name, _into, unit, into) => {
      const c = withCatalogue();
      const said = folded(inSentence(unit.officialName));
      await c.say(`${said} cu gio thuoc xa nao`);
      const y = inSentence(into.name);
      // The People's Committee itself: named, with where to check its address, never an address.
      const office = texts((await c.say('UBND xa moi o dau vay')).messages);
      expect(office).toContain(`UBND ${y}`);
      expect(office).toContain('Tôi chưa có địa chỉ trụ sở');
      expect(office).not.toMatch(AN_ADDRESS);
      // A procedure whose record says the commune's one-stop desk: one line naming the unit.
      const marriage = await c.say('đăng ký kết hôn ở đâu');
      expect(marriage.messages[0]?.entryId).toBeDefined();
      expect(marriage.messages.at(-1)?.text).toContain(`nay thuộc ${y}`);
      expect(marriage.messages.at(-1)?.text).toContain(`bộ phận một cửa của UBND ${y}`);
      // A police matter: the unit's police.
      const residence = await c.say('dang ky tam tru o dau');
      expect(residence.messages.at(-1)?.text).toContain(`Công an ${y}`);
      // Its kind, from the data.
      const kind = texts((await c.say('vay la phuong hay xa')).messages);
      expect(kind).toContain(`${into.name} là ${KIND[into.level]}`);
    },
  );

  it('does not add the line to an answer that is not about where to submit', async () => {
    const [first] = BECAME;
    const c = withCatalogue();
    await c.say(`${folded(inSentence(first?.unit.officialName ?? ''))} cu gio thuoc xa nao`);
    await c.say('đăng ký kết hôn ở đâu');
    const documents = await c.say('giấy tờ cần gì');
    expect(texts(documents.messages)).not.toContain('Lưu ý:');
  });

  it('does not name the unit in an answer about a provincial agency', async () => {
    const [first] = BECAME;
    const c = withCatalogue();
    await c.say(`${folded(inSentence(first?.unit.officialName ?? ''))} cu gio thuoc xa nao`);
    const other = texts((await c.say('số điện thoại Sở Tư pháp là gì')).messages);
    expect(other).not.toContain(inSentence(first?.into.name ?? ''));
  });

  it('lets a unit named in the new message win over the remembered one', async () => {
    const [first, second] = BECAME.filter((a, _i, all) => all.some((b) => b.into.code !== a.into.code));
    const other = BECAME.find((b) => b.into.code !== first?.into.code);
    expect(first && second && other).toBeTruthy();
    const c = withCatalogue();
    await c.say(`${folded(inSentence(first?.unit.officialName ?? ''))} cu gio thuoc xa nao`);
    const reply = texts(
      (await c.say(`tôi ở ${inSentence(other?.unit.officialName ?? '')} cũ, đăng ký kết hôn ở đâu`)).messages,
    );
    expect(reply).toContain(`nay thuộc ${inSentence(other?.into.name ?? '')}`);
    expect(reply).not.toContain(`UBND ${inSentence(first?.into.name ?? '')}`);
    // From then on the newly named unit is the one remembered.
    const office = texts((await c.say('UBND xa moi o dau')).messages);
    expect(office).toContain(`UBND ${inSentence(other?.into.name ?? '')}`);
  });

  it('remembers a current unit the citizen names', async () => {
    const unit = CURRENT_UNITS.find(
      (u) =>
        inFormerNinhThuanArea(u.code) &&
        !FORMER_NINH_THUAN_UNITS.some((f) => folded(f.name).includes(folded(u.name.replace(/^\S+ /u, '')))),
    );
    expect(unit).toBeDefined();
    const c = withCatalogue();
    await c.say(`tôi ở ${inSentence(unit?.name ?? '')}, đăng ký kết hôn ở đâu`);
    const residence = texts((await c.say('đăng ký tạm trú ở đâu')).messages);
    expect(residence).toContain(`Công an ${inSentence(unit?.name ?? '')}`);
  });

  it('forgets the unit when the citizen names a split one, instead of naming the wrong unit', async () => {
    const split = FORMER_NINH_THUAN_UNITS.find((unit) => unit.successors.length > 1);
    const [first] = BECAME;
    const c = withCatalogue();
    await c.say(`${folded(inSentence(first?.unit.officialName ?? ''))} cu gio thuoc xa nao`);
    await c.say(`tôi ở ${inSentence(split?.officialName ?? '')} cũ, đăng ký kết hôn ở đâu`);
    const office = texts((await c.say('đăng ký tạm trú ở đâu')).messages);
    expect(office).not.toContain(`Công an ${inSentence(first?.into.name ?? '')}`);
  });
});

describe('units that share a name are told apart by the district named with them', () => {
  it.each(TWINS.flatMap(([a, b]) => [[a, b] as const, [b, a] as const]))('%o', async (wanted, twin) => {
    const name = folded(inSentence(wanted.officialName));
    const district = inSentence(wanted.district ?? '');
    const expected = nowOf(wanted);
    expect(expected).toBeDefined();
    // In the same message.
    const same = texts(
      (await withCatalogue().say(`${name} o ${folded(district)} gio thuoc xa nao`)).messages,
    );
    expect(same).toContain(`${wanted.officialName} (${district}, cũ) nay thuộc ${expected}`);
    expect(same).not.toContain(`${twin.officialName} (`);
    // In the answer to "which one?".
    const c = withCatalogue();
    expect(texts((await c.say(`${name} cu gio thuoc xa nao`)).messages)).toContain(' hay ');
    const answer = texts((await c.say(`ben ${folded(district)}`)).messages);
    expect(answer).toContain(`${wanted.officialName} (${district}, cũ) nay thuộc ${expected}`);
    // And right after, "còn <the other> bên <its district>" is the other unit.
    const next = texts(
      (
        await c.say(
          `con ${folded(inSentence(twin.officialName))} ben ${folded(inSentence(twin.district ?? ''))}`,
        )
      ).messages,
    );
    expect(next).toContain(
      `${twin.officialName} (${inSentence(twin.district ?? '')}, cũ) nay thuộc ${nowOf(twin)}`,
    );
  });
});

describe('where the citizen lives, said before the question', () => {
  it('"nhà em ở phường Phan Rang" is noted, not read as a report or out of scope', async () => {
    const c = newCitizen();
    const noted = await c.say('nhà em ở phường Phan Rang');
    expect(noted.messages[0]?.text).toMatch(/^Vâng, tôi đã ghi nhận nơi bạn ở/u);
    expect(noted.state).toBe('bot');
    expect(noted.messages).toHaveLength(1);
  });

  it('a former unit said as where one lives is answered with the unit it became', async () => {
    const reply = await newCitizen().say('nhà em ở phường Kinh Dinh cũ');
    expect(texts(reply.messages)).toContain('nay thuộc phường Phan Rang');
  });

  it('a bare unit name is not a statement of residence', async () => {
    const reply = await newCitizen().say('phường Kinh Dinh cũ giờ là phường nào');
    expect(reply.messages[0]?.text).not.toMatch(/ghi nhận nơi bạn ở/u);
  });
});
