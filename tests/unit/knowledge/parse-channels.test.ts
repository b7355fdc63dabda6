import { describe, expect, it } from 'vitest';
import { parseChannels } from '../../../knowledge/catalogue/parse-channels';

const HEAD = 'Hình thức nộpThời gianPhí, lệ phíMô tả';

/** Cells of the flattened `cach_thuc_thuc_hien` table, as the catalogue has them. */
describe('parseChannels', () => {
  it.each([
    {
      name: 'time with unit, amount with currency and a note (1.007412)',
      raw: `${HEAD}Trực tiếp60 Ngày2,000,000 Việt Nam Đồng(2.000.000 đồng/người.)`,
      expected: [
        {
          channel: 'Trực tiếp',
          duration: { value: 60, unit: 'ngày' },
          fee: {
            kind: 'amount',
            amount: 2_000_000,
            currency: 'VND',
            text: '2,000,000 Việt Nam Đồng',
            note: '2.000.000 đồng/người.',
          },
        },
      ],
    },
    {
      name: 'working days and free (1.009481)',
      raw: `${HEAD}Trực tiếp19 Ngày làm việcMiễn phí`,
      expected: [
        { channel: 'Trực tiếp', duration: { value: 19, unit: 'ngày làm việc' }, fee: { kind: 'free' } },
      ],
    },
    {
      name: 'a fee in US dollars (1.000771)',
      raw: `${HEAD}Trực tuyến5 Ngày làm việc10 USD(/lần)`,
      expected: [
        {
          channel: 'Trực tuyến',
          duration: { value: 5, unit: 'ngày làm việc' },
          fee: { kind: 'amount', amount: 10, currency: 'USD', text: '10 USD', note: '/lần' },
        },
      ],
    },
    {
      name: 'a number without a unit is kept but not as a time limit (1.004694)',
      raw: `${HEAD}Trực tuyến5Miễn phí`,
      expected: [{ channel: 'Trực tuyến', duration: { value: 5, unit: null }, fee: { kind: 'free' } }],
    },
    {
      name: 'time without unit running into the amount is not split by guess (2.002009)',
      raw: `${HEAD}Trực tuyến1100 VNĐ(Phí công bố nội dung đăng ký doanh nghiệp: 100.000 đồng/lần)`,
      expected: [
        {
          channel: 'Trực tuyến',
          duration: null,
          fee: {
            kind: 'unparsed',
            text: '1100 VNĐ',
            note: 'Phí công bố nội dung đăng ký doanh nghiệp: 100.000 đồng/lần',
          },
        },
      ],
    },
    {
      name: 'a note wrapped twice is unwrapped (1.000894)',
      raw: `${HEAD}Dịch vụ bưu chính1Miễn phí((Miễn lệ phí.))`,
      expected: [
        {
          channel: 'Dịch vụ bưu chính',
          duration: { value: 1, unit: null },
          fee: { kind: 'free', note: 'Miễn lệ phí.' },
        },
      ],
    },
    {
      name: 'no fee information, then a description (1.000178)',
      raw: `${HEAD}Dịch vụ bưu chính60 Ngày làm việcKhông có thông tinThời hạn giải quyết khiếu nại lần đầu không quá 30 ngày`,
      expected: [
        {
          channel: 'Dịch vụ bưu chính',
          duration: { value: 60, unit: 'ngày làm việc' },
          fee: { kind: 'unknown' },
          description: 'Thời hạn giải quyết khiếu nại lần đầu không quá 30 ngày',
        },
      ],
    },
    {
      name: 'words in the time cell (1.007689)',
      raw: `${HEAD}Trực tuyếnKhông phải trả kết quả cho người nộp thuếMiễn phíBằng phương thức điện tử`,
      expected: [
        {
          channel: 'Trực tuyến',
          duration: null,
          fee: { kind: 'free' },
          description: 'Bằng phương thức điện tử',
        },
      ],
    },
  ])('$name', ({ raw, expected }) => {
    const { channels, problems } = parseChannels(raw);
    expect(channels).toEqual(expected);
    expect(problems.filter((p) => !p.includes('runs into'))).toEqual([]);
  });

  it('reads every row of a three-channel table, with descriptions that mention a channel in prose', () => {
    const raw =
      `${HEAD}Trực tuyến15 NgàyMiễn phí(- Cấp lại do mất: 2.400.000 đồng/lần): nộp hồ sơ trực tuyến qua Cổng` +
      'Dịch vụ bưu chính3 Ngày làm việcMiễn phíTrực tiếp3 Ngày làm việcMiễn phí';
    const { channels } = parseChannels(raw);
    expect(channels.map((c) => c.channel)).toEqual(['Trực tuyến', 'Dịch vụ bưu chính', 'Trực tiếp']);
    expect(channels[0]?.description).toBe(': nộp hồ sơ trực tuyến qua Cổng');
    expect(channels[1]?.duration).toEqual({ value: 3, unit: 'ngày làm việc' });
  });

  it('returns NFC text with one tone placement whatever the source used', () => {
    const raw = `${HEAD}Trực tiếp5 NgàyMiễn phí(Lệ phí do Uỷ ban quyết định)`.normalize('NFD');
    const note = parseChannels(raw).channels[0]?.fee.note ?? '';
    expect(note).toBe('Lệ phí do Ủy ban quyết định');
    expect(note).toBe(note.normalize('NFC'));
  });

  it('reports a table without its header', () => {
    expect(parseChannels('Trực tiếp5 NgàyMiễn phí').problems).toContain('table header missing');
  });
});
