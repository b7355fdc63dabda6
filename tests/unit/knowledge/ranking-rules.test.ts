import { describe, expect, it } from 'vitest';
import { createKnowledgeBase } from '../../../knowledge/knowledge-base';
import { inMemoryPostings } from '../../../knowledge/retrieval/bm25f-index';
import { Searcher } from '../../../knowledge/retrieval/searcher';
import { foldedTokens } from '../../../knowledge/retrieval/terms';
import {
  titleActionsSaid,
  titleActionTerm,
  titleActionTerms,
} from '../../../knowledge/retrieval/title-actions';
import { procedure } from './fixtures';

/** Siblings that differ only by an action word, plus one title that names the plain action too. */
const SIBLINGS = [
  procedure({ code: '1.000001', title: 'Xóa đăng ký thường trú', field: 'Đăng ký, quản lý cư trú' }),
  procedure({ code: '1.000002', title: 'Đăng ký thường trú', field: 'Đăng ký, quản lý cư trú' }),
  procedure({ code: '1.000003', title: 'Cấp lại thẻ căn cước', field: 'Căn cước' }),
  procedure({ code: '1.000004', title: 'Cấp thẻ căn cước', field: 'Căn cước' }),
  procedure({ code: '1.000005', title: 'Gia hạn tạm trú', field: 'Đăng ký, quản lý cư trú' }),
  procedure({ code: '1.000006', title: 'Đăng ký tạm trú', field: 'Đăng ký, quản lý cư trú' }),
];
const kb = createKnowledgeBase({ procedures: SIBLINGS, curated: [] });
const firstCode = (message: string) => kb.search(message)[0]?.code;

describe('an entry whose title has an action word the message does not say', () => {
  it.each([
    ['đăng ký thường trú cần giấy tờ gì', '1.000002'],
    ['dang ky thuong tru o dau', '1.000002'],
    ['làm thẻ căn cước', '1.000004'],
    ['dang ky tam tru', '1.000006'],
  ])('"%s" finds the plain procedure (%s) first', (message, code) => {
    expect(firstCode(message)).toBe(code);
  });

  it.each([
    ['xóa đăng ký thường trú cho người đã mất', '1.000001'],
    ['mất thẻ căn cước làm lại', '1.000003'],
    ['tam tru sap het han', '1.000005'],
  ])('"%s" still finds the procedure with the action (%s) first', (message, code) => {
    expect(firstCode(message)).toBe(code);
  });
});

describe('title actions', () => {
  const runs = (title: string) => [foldedTokens(title)];

  it('marks the distinguishing action of a title', () => {
    expect(titleActionTerms(runs('Xóa đăng ký thường trú'))).toHaveLength(1);
    expect(titleActionTerms(runs('Đăng ký thường trú'))).toEqual([]);
  });

  it('does not mark a title that also names the plain action ("Cấp, cấp lại …")', () => {
    expect(titleActionTerms([['cap'], foldedTokens('cấp lại giấy phép khai thác thủy sản')])).toEqual([]);
  });

  it('knows which actions a message says', () => {
    const said = titleActionsSaid(new Set(['gia', 'han', 'tam', 'tru']));
    const sayingSomething = said.filter((a) => a.said).map((a) => a.term);
    expect(sayingSomething).toEqual(titleActionTerms(runs('Gia hạn tạm trú')));
  });
});

/** Two documents every query term weighs the same in: only the rule under test can part them. */
function levelIndex(extra: { titles?: Record<string, number[]>; postings?: Record<string, number[]> }) {
  const level = [2000, 0, 1000, 1, 1000];
  const postings: Record<string, number[]> = {};
  for (const term of ['dang', 'ky', 'thuong', 'tru', 'dang ky', 'thuong tru', 'can', 'cuoc', 'het', 'han'])
    postings[term] = level;
  return new Searcher(
    inMemoryPostings({
      docCount: 2,
      postings: { ...postings, ...extra.postings },
      titles: extra.titles ?? {},
    }),
  );
}
const reading = (text: string) => {
  const folded = foldedTokens(text);
  return { folded, accented: folded };
};

describe('the searcher, on two documents the words cannot tell apart', () => {
  it('ranks below its sibling the one whose title has an action the message does not say', () => {
    const searcher = levelIndex({ postings: { [titleActionTerm('xoa')]: [2000, 0, 1000] } });
    expect(searcher.search([reading('đăng ký thường trú')], 2).map((h) => h.doc)).toEqual([1, 0]);
    expect(searcher.search([reading('xóa đăng ký thường trú')], 2).map((h) => h.doc)).toEqual([0, 1]);
  });

  it('ranks first the one whose name the message says word for word', () => {
    const searcher = levelIndex({ titles: { 'can cuoc het han': [1] } });
    expect(searcher.search([reading('dạ cho em hỏi căn cước hết hạn thì sao')], 2).map((h) => h.doc)).toEqual(
      [1, 0],
    );
    expect(searcher.search([reading('căn cước hạn hết')], 2).map((h) => h.doc)).toEqual([0, 1]);
  });
});
