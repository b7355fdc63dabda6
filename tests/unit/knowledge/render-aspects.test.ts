import { describe, expect, it } from 'vitest';
import type { Channel } from '../../../knowledge/catalogue/procedure-record';
import { renderAspects } from '../../../knowledge/catalogue/render-aspects';
import { procedure } from './fixtures';

const withChannels = (channels: Channel[]) =>
  renderAspects(procedure({ code: '1.000002', title: 'X y z', channels }));
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
      expected: 'Phí, lệ phí (theo Cổng DVC quốc gia): Miễn phí — ghi chú: Lệ phí cấp mới 40.000 đồng/lần.',
    },
    {
      name: 'an amount',
      fee: { kind: 'amount' as const, amount: 2_000_000, currency: 'VND' as const },
      expected: 'Phí, lệ phí (theo Cổng DVC quốc gia): 2.000.000 đồng.',
    },
    {
      name: 'an unreadable cell with a note: the note, and no number',
      fee: { kind: 'unparsed' as const, text: '1100 VNĐ', note: '100.000 đồng/lần' },
      expected: 'Phí, lệ phí (theo Cổng DVC quốc gia): chưa rõ mức thu — ghi chú: 100.000 đồng/lần.',
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

  it('leaves the time limit out when the number has no unit', () => {
    expect(withChannels([direct({ kind: 'free' }, { value: 1, unit: null })]).duration).toBeUndefined();
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
