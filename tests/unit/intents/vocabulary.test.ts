import { describe, expect, it } from 'vitest';
import { loadNlu } from '../../../intents';
import { messageLanguage } from '../../../intents/language';
import { foldDiacritics, normalise } from '../../../intents/normalise';
import {
  actionWords,
  asksForPerson,
  asksToBeNotified,
  asksUnitKind,
  asksWhetherNeeded,
  choiceFromWords,
  communeLevelPlace,
  consentFromWords,
  isCancel,
  looksLikeCodeAttempt,
  mentionsDossier,
  namesNoProcedure,
  namesOnlyPlaces,
  ratingFromWords,
  scheduleAsked,
} from '../../../intents/vocabulary';

const f = (text: string) => foldDiacritics(text.toLowerCase());

describe('the conversation vocabulary', () => {
  it('reads a typed yes or no', () => {
    expect(consentFromWords(f('Đồng ý'))).toBe(true);
    expect(consentFromWords(f('ok bạn'))).toBe(true);
    expect(consentFromWords(f('không, cảm ơn'))).toBe(false);
    expect(consentFromWords(f('đường Lê Lợi'))).toBeUndefined();
  });

  it('knows cancel words at the start of a message only', () => {
    for (const text of ['thôi', 'Thôi khỏi', 'hủy', 'huỷ nhé', 'thoi cho gap nhan vien'])
      expect(isCancel(f(text))).toBe(true);
    expect(isCancel(f('tôi muốn hủy đăng ký tạm trú'))).toBe(false);
  });

  it('hears a request for a person inside a longer message', () => {
    expect(asksForPerson(f('thôi cho gặp nhân viên'))).toBe(true);
    expect(asksForPerson(f('cho tôi nói chuyện với người thật'))).toBe(true);
    expect(asksForPerson(f('cán bộ phường gây khó dễ'))).toBe(false);
  });

  it('reads a typed choice from a list', () => {
    expect(choiceFromWords(f('2'))).toBe(2);
    expect(choiceFromWords(f('cái thứ 2'))).toBe(2);
    expect(choiceFromWords(f('cái đầu'))).toBe(1);
    expect(choiceFromWords(f('thứ hai ạ'))).toBe(2);
    expect(choiceFromWords(f('cái cuối'))).toBe(-1);
    expect(choiceFromWords(f('hai'))).toBeUndefined();
    expect(choiceFromWords(f('làm lại căn cước'))).toBeUndefined();
  });

  it('does not take an emoji for a rating, but takes words and stars', () => {
    expect(ratingFromWords(f('tốt'), '👍')).toBeUndefined();
    expect(ratingFromWords(f('5 sao'), '5 sao')).toBe(5);
    expect(ratingFromWords(f('trả lời vô dụng'), 'trả lời vô dụng')).toBe(1);
  });

  it('recognises a request to be told about a dossier', () => {
    expect(asksToBeNotified(f('nhắn cho tôi khi có kết quả'))).toBe(true);
    expect(asksToBeNotified(f('báo em khi xong nhé'))).toBe(true);
    expect(asksToBeNotified(f('hồ sơ tới đâu rồi'))).toBe(false);
  });

  it('reads "mất" as lost, never "có mặt" (be present) or "mất bao lâu" (it takes)', () => {
    const nlu = loadNlu();
    const actions = (text: string) => {
      const { foldedTokens, tokens } = nlu.understand(text).text;
      return actionWords(foldedTokens, tokens);
    };
    expect(actions('bằng lái bị mất thì làm lại sao')).toEqual(['mat', 'lai']);
    expect(actions('có cần có mặt không')).toEqual([]);
    expect(actions('co can co mat ko')).toEqual([]);
    expect(actions('mất bao lâu')).toEqual([]);
  });

  it('treats a run of digits at the code prompt as an attempt at a code', () => {
    expect(looksLikeCodeAttempt('123456')).toBe(true);
    expect(looksLikeCodeAttempt('H43.25-241008')).toBe(true);
    expect(looksLikeCodeAttempt('tôi không nhớ mã')).toBe(false);
  });

  it('tells a bare follow-up from a message that names a procedure', () => {
    const tokens = (text: string) => loadNlu().understand(text).text.foldedTokens;
    for (const text of [
      'bao nhieu tien',
      'het bao nhieu',
      'phi sao ad',
      'o dau nop',
      'mang theo gi',
      'lam online dc ko',
    ])
      expect(namesNoProcedure(tokens(text)), text).toBe(true);
    expect(namesNoProcedure(tokens('đăng ký kết hôn mất bao lâu'))).toBe(false);
  });
});

describe('the language of a message', () => {
  it('tells English from Vietnamese typed without marks', () => {
    expect(messageLanguage('How much is the fee for a new ID card?')).toBe('en');
    expect(messageLanguage('I lost my passport, what should I do')).toBe('en');
    expect(messageLanguage('lam the can cuoc het bao nhieu tien')).toBe('vi');
    expect(messageLanguage('ok thanks ad')).toBe('vi');
    expect(messageLanguage('hello')).toBe('vi');
    expect(messageLanguage('护照丢了怎么办')).toBe('other');
  });
});

describe('polite and formal openers', () => {
  it('do not change the intent nor what is searched', () => {
    const nlu = loadNlu();
    const plain = nlu.understand('thủ tục đăng ký kết hôn cần giấy tờ gì');
    for (const opener of [
      'Đề nghị cho biết',
      'Xin hỏi',
      'cho em hỏi',
      'ad ơi cho mình hỏi',
      'Kính gửi quý cơ quan, tôi muốn hỏi',
    ]) {
      const u = nlu.understand(`${opener} thủ tục đăng ký kết hôn cần giấy tờ gì`);
      expect(u.intent, opener).toBe(plain.intent);
      expect(u.text.accented, opener).toBe(plain.text.accented);
      expect(u.entities.aspect).toBe('documents');
    }
  });

  it('leave a message that is only a salutation alone', () => {
    expect(loadNlu().understand('ad ơi bạn có đó không').intent).toBe('greeting');
    expect(loadNlu().understand('xin cảm ơn').intent).toBe('thanks');
  });
});

describe('places after the merger', () => {
  const tokens = (text: string) => normalise(text).foldedTokens;
  it('hears "phường hay xã" as a question about the kind of unit, not any "hay"', () => {
    expect(asksUnitKind(tokens('vậy là phường hay xã'))).toBe(true);
    expect(asksUnitKind(tokens('xa hay phuong vay ad'))).toBe(true);
    expect(asksUnitKind(tokens('thị trấn hay xã'))).toBe(true);
    expect(asksUnitKind(tokens('nộp online hay trực tiếp'))).toBe(false);
    expect(asksUnitKind(tokens('xã này hay quá'))).toBe(false);
  });

  it("tells the commune desk and the commune police apart in a record's place text", () => {
    expect(communeLevelPlace(normalise('Công an xã, phường nơi bạn đến ở').folded)).toBe('police');
    expect(communeLevelPlace(normalise('bộ phận một cửa của UBND xã, phường').folded)).toBe('one_stop');
    expect(communeLevelPlace(normalise('Sở Tư pháp tỉnh Khánh Hòa').folded)).toBeUndefined();
  });

  it('says whether a message is only about units once their names are taken out', () => {
    expect(namesOnlyPlaces(tokens('còn xã bên huyện thì sao'))).toBe(true);
    expect(namesOnlyPlaces(tokens('tôi ở cũ, đăng ký kết hôn ở đâu'))).toBe(false);
  });
});

describe('asksWhetherNeeded', () => {
  const tokens = (text: string) => normalise(text).foldedTokens;
  it('reads a yes/no question on whether something is needed, with or without marks', () => {
    expect(asksWhetherNeeded(tokens('co can giay kham suc khoe ko'))).toBe(true);
    expect(asksWhetherNeeded(tokens('có cần mang sổ hộ khẩu không ạ'))).toBe(true);
    expect(asksWhetherNeeded(tokens('phải có giấy xác nhận cư trú k vậy ad'))).toBe(true);
  });

  it('not a request for the list, nor a yes/no question about something else', () => {
    expect(asksWhetherNeeded(tokens('giấy xác nhận tình trạng hôn nhân cần gì'))).toBe(false);
    expect(asksWhetherNeeded(tokens('nộp online được không'))).toBe(false);
    expect(asksWhetherNeeded(tokens('có cần giấy khám sức khỏe'))).toBe(false);
  });
});

describe('mentionsDossier', () => {
  const says = (text: string) => mentionsDossier(foldDiacritics(text.toLowerCase()), text);
  it('sees the dossier, its code or receipt, a look-up, how far it got', () => {
    expect(says('hồ sơ của tôi đến đâu rồi')).toBe(true);
    expect(says('tra cuu tien do giay to')).toBe(true);
    expect(says('H43.25-241008-0012')).toBe(true);
    expect(says('giấy hẹn ghi ngày 12 mà chưa có')).toBe(true);
  });

  it('not in a question about how a fee is counted', () => {
    expect(says('tinh theo trang hay theo ban vay ad')).toBe(false);
    expect(says('mà phải nộp bao nhiêu')).toBe(false);
  });
});

describe('a question about working time', () => {
  it.each([
    ['thu 7 cong an phuong co lam viec ko', 'saturday'],
    ['thứ bảy có nhận hồ sơ không', 'saturday'],
    ['chủ nhật UBND xã có mở cửa không', 'sunday'],
    ['ngày lễ trung tâm hành chính công có làm việc không', 'holiday'],
    ['giờ làm việc của ubnd xã', 'hours'],
    ['thứ 7 làm khai sinh được không', 'saturday'],
  ])('%s → %s', (text, asked) => {
    expect(scheduleAsked(normalise(text).folded)).toBe(asked);
  });

  it('a day alone is one only when asked again ("chủ nhật thì sao")', () => {
    expect(scheduleAsked(normalise('chủ nhật thì sao').folded)).toBeUndefined();
    expect(scheduleAsked(normalise('chủ nhật thì sao').folded, true)).toBe('sunday');
  });

  it.each([['nộp hồ sơ rồi bao lâu có kết quả'], ['làm khai sinh ở đâu'], ['mấy giờ có kết quả']])(
    'none in "%s"',
    (text) => {
      expect(scheduleAsked(normalise(text).folded)).toBeUndefined();
    },
  );
});
