import { describe, expect, it } from 'vitest';
import { aspect } from '../../../intents/entities/aspect';
import { extractEntities } from '../../../intents/entities/extract-entities';
import { foldDiacritics } from '../../../intents/normalise';
import { prepareText } from '../../../intents/prepare-text';

const CASES: [string, string][] = [
  ['làm lại căn cước cần gì', 'documents'],
  ['dang ky ket hon can nhung giay to nao', 'documents'],
  ['hồ sơ gồm những gì', 'documents'],
  ['cần mang theo gì khi đi đổi bằng lái', 'documents'],
  ['làm hộ chiếu bao nhiêu tiền', 'fee'],
  ['lệ phí cấp sổ đỏ', 'fee'],
  ['phi chung thuc', 'fee'],
  ['có mất phí không', 'fee'],
  ['mất bn tiền', 'fee'],
  ['lam lai cccd mat bao lau', 'duration'],
  ['mấy ngày thì có', 'duration'],
  ['mất bao nhiêu ngày', 'duration'],
  ['khi nào có kết quả', 'duration'],
  ['nộp hồ sơ ở đâu', 'place'],
  ['dang ky ket hon o dau', 'place'],
  ['làm ở cơ quan nào', 'place'],
  ['thủ tục thế nào', 'steps'],
  ['các bước làm sổ đỏ', 'steps'],
  ['quy trình cấp phép', 'steps'],
  ['làm online được không', 'online'],
  ['nộp trực tuyến', 'online'],
  ['làm qua mạng dc ko', 'online'],
  ['làm trên vneid', 'online'],
  ['điều kiện tách thửa', 'eligibility'],
  ['ai được hưởng trợ cấp', 'eligibility'],
  ['trường hợp nào được miễn lệ phí', 'eligibility'],
  ['làm online thì mất bao lâu', 'duration'],
  ['làm online cần giấy tờ gì', 'documents'],
];

describe('aspect', () => {
  it.each(CASES)('reads "%s" as %s', (text, expected) => {
    expect(aspect(prepareText(text))).toBe(expected);
  });

  it.each(CASES)('reads "%s" without marks the same way', (text, expected) => {
    expect(aspect(prepareText(foldDiacritics(text)))).toBe(expected);
  });

  it.each(['chào bạn', 'cảm ơn nhiều', 'chứng thực bản sao', 'đất phía sau nhà'])(
    'finds no aspect in "%s"',
    (text) => {
      expect(extractEntities(prepareText(text)).aspect).toBeUndefined();
    },
  );
});
