import { describe, expect, it } from 'vitest';
import { checkKnowledge } from '../../../knowledge/check/check-knowledge';
import { CATALOGUE, curated } from './fixtures';

const catalogue = {
  source: 'test',
  snapshotDate: '2026-07-17',
  count: CATALOGUE.length,
  procedures: CATALOGUE,
};
const good = curated({ id: 'cur.ket-hon', code: '1.000894', title: 'Đăng ký kết hôn' });
const built = { inputHash: 'abc', count: 12 };
const run = (entries: unknown[], extra: Partial<Parameters<typeof checkKnowledge>[0]> = {}) =>
  checkKnowledge({
    catalogue,
    curatedFiles: [{ file: 'test.json', entries }],
    today: '2026-11-22',
    built,
    currentHash: 'abc',
    ...extra,
  });
const messages = (problems: { message: string }[]) => problems.map((p) => p.message).join('\n');

describe('kb:check', () => {
  it('passes a good curated entry and the catalogue', () => {
    const result = run([good]);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.catalogueCount).toBe(CATALOGUE.length);
    expect(result.curatedCount).toBe(1);
  });

  it.each([
    { name: 'an id of the wrong shape', entry: { ...good, id: 'Cur Ket Hon' }, error: /id/u },
    { name: 'a missing title', entry: { ...good, title: undefined }, error: /title/u },
    {
      name: 'a malformed source link',
      entry: { ...good, sourceUrl: 'dichvucong.gov.vn' },
      error: /sourceUrl/u,
    },
    {
      name: 'a malformed extra link',
      entry: { ...good, links: [{ title: 'x', url: 'ftp://a' }] },
      error: /links/u,
    },
    { name: 'a date that is not a date', entry: { ...good, checkedAt: '22/11/2026' }, error: /checkedAt/u },
    { name: 'a check date in the future', entry: { ...good, checkedAt: '2027-01-01' }, error: /future/u },
    {
      name: 'a catalogue kind in the curated layer',
      entry: { ...good, kind: 'procedure' },
      error: /procedure/u,
    },
    { name: 'a FAQ id on a curated entry', entry: { ...good, id: 'faq.ket-hon' }, error: /cur\./u },
  ])('fails on $name', ({ entry, error }) => {
    expect(messages(run([entry]).errors)).toMatch(error);
  });

  it('fails on duplicate ids', () => {
    expect(messages(run([good, { ...good, title: 'Khác' }]).errors)).toMatch(/duplicate id cur\.ket-hon/u);
  });

  it('lists entries not checked for more than 12 months, and codes the catalogue lacks, as warnings', () => {
    const result = run([
      { ...good, checkedAt: '2025-10-01' },
      curated({ id: 'cur.tro-cap', code: '1.001978', title: 'Trợ cấp thất nghiệp' }),
    ]);
    expect(result.errors).toEqual([]);
    expect(messages(result.warnings)).toMatch(/not checked since 2025-10-01/u);
    expect(messages(result.warnings)).toMatch(/1\.001978 is not in the catalogue/u);
  });

  it('warns about text that is not in canonical form', () => {
    const result = run([{ ...good, summary: 'Đăng ký tại Uỷ ban xã'.normalize('NFD') }]);
    expect(messages(result.warnings)).toMatch(/canonical form/u);
  });

  it('fails when the built knowledge base is missing or was built from other inputs', () => {
    expect(messages(run([good], { built: undefined }).errors)).toMatch(/missing; run npm run kb:build/u);
    expect(messages(run([good], { currentHash: 'other' }).errors)).toMatch(/run npm run kb:build/u);
  });

  it('fails on a broken catalogue file', () => {
    const broken = { ...catalogue, procedures: [{ ...CATALOGUE[0], code: 'x' }] };
    expect(messages(run([], { catalogue: broken }).errors)).toMatch(/code/u);
  });

  it('fails on a curated file that is not an array', () => {
    const result = checkKnowledge({
      catalogue,
      curatedFiles: [{ file: 'bad.json', entries: [], error: 'not a JSON array of entries' }],
      today: '2026-11-22',
      built,
      currentHash: 'abc',
    });
    expect(result.errors).toEqual([
      { where: 'knowledge/curated/bad.json', message: 'not a JSON array of entries' },
    ]);
  });
});
