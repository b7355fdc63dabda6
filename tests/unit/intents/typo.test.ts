import { describe, expect, it } from 'vitest';
import { prepareText } from '../../../intents/prepare-text';
import {
  buildLexicon,
  correctionBudget,
  correctToken,
  deserialiseLexicon,
  MAX_CANDIDATES_PER_MESSAGE,
  MAX_EDIT_LETTERS,
  serialiseLexicon,
} from '../../../intents/typo/lexicon';
import { isVietnameseSyllable } from '../../../intents/typo/vietnamese-syllable';

const lexicon = buildLexicon(
  [
    'thủ tục làm hồ sơ căn cước',
    'thủ tục đăng ký kết hôn',
    'quên mật khẩu vneid',
    'cần giấy tờ gì',
    'hướng dẫn thanh toán lệ phí',
    'trả lời sai',
    'tra cứu hồ sơ',
    'lựa chọn',
  ].map((text) => prepareText(text).tokens),
);

describe('typo correction', () => {
  it.each([
    ['tụcc', ['tục']],
    ['trrả', ['trả']],
    ['ờli', ['lời']],
    ['quêy', ['quên']],
    ['cầa', ['cần']],
    ['hớưng', ['hướng']],
    ['cọhn', ['chọn']],
    ['thaanh', ['thanh']],
    ['hoso', ['ho', 'so']],
  ])('corrects %s → %j', (token, expected) => {
    expect(correctToken(token, lexicon)).toEqual(expected);
  });

  it.each(['ngập', 'lũ', 'karaoke', 'thủ', 'abc', 'gì', 'gf'])(
    'leaves %s alone (a real syllable, known, or too short)',
    (token) => {
      expect(correctToken(token, lexicon)).toBeUndefined();
    },
  );

  it('does not add marks the citizen did not type', () => {
    expect(correctToken('tucc', lexicon)).toEqual(['tuc']);
  });

  it('survives serialisation', () => {
    const restored = deserialiseLexicon(serialiseLexicon(lexicon));
    expect(correctToken('tụcc', restored)).toEqual(['tục']);
    expect(restored.folded.get('thu')).toBe(lexicon.folded.get('thu'));
  });

  it.each([
    ['nghieng', true],
    ['quyen', true],
    ['truong', true],
    ['xoong', true],
    ['tucc', false],
    ['hoso', false],
    ['asdfgh', false],
  ])('judges %s as a Vietnamese syllable: %s', (folded, expected) => {
    expect(isVietnameseSyllable(folded)).toBe(expected);
  });

  it('corrects inside a message and keeps the rest', () => {
    expect(prepareText('thủ tụcc kết hôn', lexicon).accented).toBe('thủ tục kết hôn');
  });
});

/**
 * The corrector's work is bounded by construction, checked by counting what it does (candidate
 * strings generated), never by the clock: a 2,000-character message once took seconds.
 */
describe('typo correction: bounded work', () => {
  const adversarial = [
    'ạáàảãẹéèẻẽ'.repeat(200),
    'bc'.repeat(1000),
    'ạb '.repeat(666),
    'tụcc '.repeat(400),
    'cọhn thaanh hớưng '.repeat(110),
  ];

  it.each(adversarial.map((text) => [text.slice(0, 24), text]))(
    'a 2,000-character message (%s…) never spends more than the per-message budget',
    (_label, text) => {
      const budget = correctionBudget();
      prepareText(text.slice(0, 2000), lexicon, budget);
      expect(budget.used).toBeLessThanOrEqual(MAX_CANDIDATES_PER_MESSAGE);
    },
  );

  it.each([
    ['one huge word with marks', 'ạáàảãẹéèẻẽ'.repeat(200)],
    ['one huge word without marks', 'bc'.repeat(1000)],
    ['a word longer than two syllables', 'thanhhhoaaxyzq'.repeat(2)],
  ])('%s generates no candidate at all', (_label, token) => {
    const budget = correctionBudget();
    expect(correctToken(token, lexicon, budget)).toBeUndefined();
    expect(budget.used).toBe(0);
  });

  it('one misspelt syllable costs at most its distance-1 edits (a constant: the word length is capped)', () => {
    const budget = correctionBudget();
    // 8 letters, marked: both the accented and the folded edits run (neither finds a known word).
    correctToken('ạxqzxqzx', lexicon, budget);
    const positions = MAX_EDIT_LETTERS + 1;
    const perAlphabet = (size: number) => positions * (2 * size + 2);
    expect(budget.used).toBeGreaterThan(0);
    expect(budget.used).toBeLessThanOrEqual(perAlphabet(100) + perAlphabet(26));
  });

  it('stops generating when the budget is spent, and the rest of the message stays as typed', () => {
    const budget = correctionBudget(500);
    const out = prepareText('tụcc trrả cầa', lexicon, budget);
    expect(budget.used).toBeLessThanOrEqual(501);
    expect(out.accented).toContain('cầa');
  });

  it('the default budget still corrects an ordinary message with several typos', () => {
    const budget = correctionBudget();
    const out = prepareText('thủ tụcc cọhn giấy tờ gì, cầa hớưng dẫn thaanh toán, trrả lời', lexicon, budget);
    expect(out.accented).toBe('thủ tục chọn giấy tờ gì, cần hướng dẫn thanh toán, trả lời');
    expect(budget.used).toBeLessThan(MAX_CANDIDATES_PER_MESSAGE);
  });
});
