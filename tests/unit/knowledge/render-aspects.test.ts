import { describe, expect, it } from 'vitest';
import type { Channel } from '../../../knowledge/catalogue/procedure-record';
import { renderAspects } from '../../../knowledge/catalogue/render-aspects';
import { procedure } from './fixtures';

const withChannels = (channels: Channel[]) =>
  renderAspects(procedure({ code: '1.000002', title: 'X y z', channels }));
const withChannelsRecord = (channels: Channel[]) => procedure({ code: '1.000002', title: 'X y z', channels });
const direct = (fee: Channel['fee'], duration: Channel['duration'] = null): Channel => ({
  channel: 'Trực tiếp',
  duration,
  fee,
});

describe('renderAspects never invents a fee or a time limit', () => {
  it.each([
    {
      name: 'free',
      fee: { kind: 'free' as const },
      expected: 'Phí, lệ phí (theo Cổng DVC quốc gia): Miễn phí.',
    },
    {
      name: 'free with the portal note that holds the real rule',
      fee: { kind: 'free' as const, note: 'Lệ phí cấp mới 40.000 đồng/lần' },
      expected: 'Phí, lệ phí (theo Cổng DVC quốc gia): Miễn phí.\nGhi chú: Lệ phí cấp mới 40.000 đồng/lần',
    },
    {
      name: 'an amount',
      fee: { kind: 'amount' as const, amount: 2_000_000, currency: 'VND' as const },
      expected: 'Phí, lệ phí (theo Cổng DVC quốc gia): 2.000.000 đồng.',
    },
    {
      name: 'an unreadable cell with a note: the note, and no number',
      fee: { kind: 'unparsed' as const, text: '1100 VNĐ', note: '100.000 đồng/lần' },
      expected: 'Phí, lệ phí (theo Cổng DVC quốc gia): chưa rõ mức thu.\nGhi chú: 100.000 đồng/lần',
    },
  ])('fee: $name', ({ fee, expected }) => {
    expect(withChannels([direct(fee)]).fee).toBe(expected);
  });

  it.each([{ kind: 'unknown' as const }, { kind: 'unparsed' as const, text: '1100 VNĐ' }])(
    'leaves the fee out when the catalogue does not give it ($kind)',
    (fee) => {
      expect(withChannels([direct(fee)]).fee).toBeUndefined();
    },
  );

  it("says a number without a unit as days of the portal's time column, and that the kind of day is not given", () => {
    const duration = withChannels([direct({ kind: 'free' }, { value: 1, unit: null })]).duration;
    expect(duration).toContain('1 ngày');
    expect(duration).toContain('không ghi rõ ngày làm việc hay ngày lịch');
    expect(duration).not.toMatch(/1 (giờ|tháng|ngày làm việc)/u);
  });

  it('takes the time limit from the steps when no row gives one', () => {
    const aspects = renderAspects({
      ...withChannelsRecord([direct({ kind: 'free' })]),
      durationNote:
        'Trong thời hạn 03 ngày làm việc kể từ ngày nhận đủ hồ sơ, Ủy ban nhân dân cấp xã cấp giấy xác nhận.',
    });
    expect(aspects.duration).toContain('Trong thời hạn 03 ngày làm việc');
  });

  it('labels rows for Vietnamese missions abroad as such, with what the amount counts', () => {
    const fee = withChannels([
      {
        channel: 'Trực tiếp',
        duration: null,
        fee: { kind: 'amount', amount: 2000, currency: 'VND', note: '/trang' },
        description:
          'Tại Ủy ban nhân dân cấp xã: 2.000 đồng/trang; từ trang thứ 3 trở lên thu 1.000 đồng/trang.',
      },
      {
        channel: 'Trực tiếp',
        duration: null,
        fee: { kind: 'amount', amount: 10, currency: 'USD', note: '/bản' },
        description: 'Tại cơ quan đại diện: 10 USD/bản.',
      },
    ]).fee;
    expect(fee).toContain('Tại cơ quan đại diện Việt Nam ở nước ngoài: 10 USD/bản');
    expect(fee).toContain(
      'Tại Ủy ban nhân dân cấp xã: 2.000 đồng/trang — từ trang thứ 3 trở lên thu 1.000 đồng/trang.',
    );
    expect(fee).not.toContain('Trực tiếp: 10 USD');
  });

  it('says the provincial council sets the fee instead of "Miễn phí" when the note says so', () => {
    const fee = withChannels([
      direct({
        kind: 'free',
        note: 'Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh quyết định. Miễn lệ phí cho người khuyết tật.',
      }),
    ]).fee;
    expect(fee).toContain('theo mức Hội đồng nhân dân tỉnh quy định');
    expect(fee).not.toContain('Miễn phí');
  });

  it('lists values per channel when the channels differ', () => {
    const aspects = withChannels([
      direct({ kind: 'free' }, { value: 15, unit: 'ngày' }),
      { channel: 'Trực tuyến', duration: { value: 3, unit: 'ngày làm việc' }, fee: { kind: 'free' } },
    ]);
    expect(aspects.duration).toBe(
      'Thời hạn giải quyết:\n• Trực tiếp: 15 ngày\n• Trực tuyến: 3 ngày làm việc',
    );
    expect(aspects.fee).toBe('Phí, lệ phí (theo Cổng DVC quốc gia): Miễn phí.');
    expect(aspects.online).toContain('có thể nộp trực tuyến');
  });

  it('says when the catalogue lists no online channel', () => {
    expect(withChannels([direct({ kind: 'free' })]).online).toBe(
      'Theo Cổng DVC quốc gia, thủ tục này chưa có hình thức nộp trực tuyến; hình thức nộp: trực tiếp.',
    );
  });
});

describe('time limits of a record that holds one table per case', () => {
  type Unit = NonNullable<Channel['duration']>['unit'];
  const row = (channel: Channel['channel'], value: number, unit: Unit, description: string): Channel => ({
    channel,
    duration: { value, unit },
    fee: { kind: 'free' },
    description,
  });

  it('names each limit by its case, from the descriptions, once for all channels', () => {
    const duration = withChannels([
      row(
        'Trực tiếp',
        7,
        'ngày làm việc',
        '+ Cấp đổi biển số xe: Không quá 07 ngày làm việc, kể từ ngày nhận đủ hồ sơ.',
      ),
      row(
        'Trực tuyến',
        7,
        'ngày làm việc',
        '+ Cấp đổi biển số xe: Không quá 07 ngày làm việc, kể từ ngày nhận đủ hồ sơ.',
      ),
      row('Trực tiếp', 1, 'giờ', '+ Cấp mới biển số xe: Cấp ngay sau khi nhận đủ hồ sơ hợp lệ.'),
      row('Trực tuyến', 1, 'giờ', '+ Cấp mới biển số xe: Cấp ngay sau khi nhận đủ hồ sơ hợp lệ.'),
    ]).duration;
    expect(duration).toBe(
      'Thời hạn giải quyết:\n• Cấp đổi biển số xe: 7 ngày làm việc\n• Cấp mới biển số xe: 1 giờ',
    );
  });

  it('keeps the channels when a case cannot be read from every row (never a guessed case)', () => {
    const duration = withChannels([
      row('Trực tiếp', 7, 'ngày làm việc', '+ Cấp đổi biển số xe: Không quá 07 ngày làm việc.'),
      row('Trực tiếp', 2, 'ngày làm việc', 'Theo quy định.'),
    ]).duration;
    expect(duration).toBe('Thời hạn giải quyết:\n• Trực tiếp: 7 ngày làm việc\n• Trực tiếp: 2 ngày làm việc');
  });

  it('keeps the channels when one case name would get two limits', () => {
    const duration = withChannels([
      row('Trực tiếp', 5, 'ngày làm việc', '+ Trường hợp đề nghị: 05 ngày làm việc.'),
      row('Trực tiếp', 3, 'ngày làm việc', '+ Trường hợp đề nghị: 03 ngày làm việc.'),
    ]).duration;
    expect(duration).not.toMatch(/Trường hợp/u);
  });
});
