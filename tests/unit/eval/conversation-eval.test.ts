import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../functions/conversation/model';
import { encodePayload } from '../../../functions/conversation/payloads';
import type { Nlu } from '../../../intents/types';
import { type KnowledgeBase, KnowledgeEntrySchema } from '../../../knowledge/schema';
import { type Catalogue, type CatalogueRecord, feeFacts } from '../../../scripts/conversation-eval/catalogue';
import {
  checkAgency,
  checkDocuments,
  checkDuration,
  checkFacts,
  checkFee,
} from '../../../scripts/conversation-eval/facts';
import { type ReplyView, readReplies } from '../../../scripts/conversation-eval/reply';
import { runConversation } from '../../../scripts/conversation-eval/run';
import { ConversationSchema } from '../../../scripts/conversation-eval/schema';
import { isEnglishReply, type Observed, scoreTurn } from '../../../scripts/conversation-eval/score';
import { looksTruncated, moneyIn } from '../../../scripts/conversation-eval/text';
import { fakeKb } from '../../support/fake-kb';
import { fakeNlu } from '../../support/fake-nlu';

/** Synthetic records in the catalogue's flattened table format (cells run together). */
const record = (over: Partial<CatalogueRecord> & { ma_thu_tuc: string }): CatalogueRecord => ({
  ten_thu_tuc: 'Thủ tục thử',
  detail_url: `https://example.gov.vn/${over.ma_thu_tuc}`,
  cap_thuc_hien: 'Cấp xã',
  co_quan_thuc_hien: '',
  co_quan_co_tham_quyen: '',
  dia_chi_tiep_nhan: '',
  trinh_tu_thuc_hien: '',
  cach_thuc_thuc_hien: '',
  thanh_phan_ho_so: '',
  ...over,
});

const REISSUE = record({
  ma_thu_tuc: '9.000001',
  cach_thuc_thuc_hien:
    'Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếp7 Ngày làm việc70,000 Việt Nam Đồng(- Cấp lại thẻ: 70.000 đồng/thẻ. Kể từ ngày 01/01/2025 đến hết ngày 31/12/2025, mức thu lệ phí khi nộp theo hình thức trực tuyến bằng 50% mức thu lệ phí quy định. - Kể từ ngày 01/7/2025 đến hết ngày 31/12/2026 mức thu lệ phí cấp lại thẻ bằng 50% mức thu nêu trên.)',
  co_quan_thuc_hien: 'Công an cấp Xã',
  thanh_phan_ho_so:
    'Tên giấy tờMẫu đơn, tờ khaiSố lượngPhiếu đề nghị giải quyết thủ tục về căn cước (Mẫu DC02)1 bản chínhGiấy tờ chứng minh là người đại diện hợp pháp của người dưới 14 tuổi1 bản chính',
});
const COUNCIL = record({
  ma_thu_tuc: '9.000002',
  cach_thuc_thuc_hien:
    'Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyến3Miễn phí(Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh quyết định.)Trực tiếp3Miễn phí(Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh quyết định.)',
});
const ABROAD = record({
  ma_thu_tuc: '9.000003',
  cach_thuc_thuc_hien:
    'Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếpKhông có thông tin2,000 Việt Nam Đồng(/trang)Tại Ủy ban nhân dân cấp xã: 2.000 đồng/trang;Trực tiếpKhông có thông tin10 USD(/bản)Tại cơ quan đại diện: 10 USD/bản.',
});
const STEPS_ONLY = record({
  ma_thu_tuc: '9.000004',
  cach_thuc_thuc_hien: 'Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyếnKhông có thông tinMiễn phí',
  trinh_tu_thuc_hien:
    'Bước 2: Trong thời hạn 03 ngày làm việc kể từ ngày nhận hồ sơ hợp lệ, cơ quan cấp giấy.',
});

const TODAY = '2026-11-24';

describe('fees: the rate in force on the conversation day', () => {
  it('reads a reduction in force and leaves out the expired one', () => {
    const facts = feeFacts(REISSUE, TODAY);
    expect(facts.valid).toEqual([{ value: 35_000, currency: 'VND' }]);
    expect(feeFacts(REISSUE, '2027-01-05').valid).toEqual([{ value: 70_000, currency: 'VND' }]);
  });

  it('passes the fee in force and the listed fee stated with its reduction', () => {
    expect(checkFee(REISSUE, 'Lệ phí cấp lại: 35.000 đồng/thẻ.', TODAY).ok).toBe(true);
    expect(checkFee(REISSUE, 'Lệ phí 70.000 đồng, giảm 50% đến hết 31/12/2026.', TODAY).ok).toBe(true);
  });

  it('fails the full fee shown as today’s, and a fee the record does not hold', () => {
    expect(checkFee(REISSUE, 'Lệ phí: 70.000 đồng.', TODAY).ok).toBe(false);
    expect(checkFee(REISSUE, 'Lệ phí: 100.000 đồng.', TODAY).ok).toBe(false);
  });

  it('fails a note cut off mid-sentence', () => {
    const cut =
      'Lệ phí: 35.000 đồng — ghi chú: Kể từ ngày 01/01/2025 đến hết ngày 31/12/2025, mức thu lệ phí khi…';
    expect(looksTruncated(cut)).toBe(true);
    expect(checkFacts('fee', REISSUE, cut, TODAY).ok).toBe(false);
    expect(looksTruncated('• Phiếu DC02\n… (xem đầy đủ ở liên kết bên dưới)')).toBe(false);
  });

  it('wants the provincial council named when the record says HĐND sets the fee', () => {
    expect(checkFee(COUNCIL, 'Phí, lệ phí: Miễn phí.', TODAY).ok).toBe(false);
    expect(checkFee(COUNCIL, 'Lệ phí theo mức HĐND tỉnh quy định.', TODAY).ok).toBe(true);
  });

  it('wants a mission-abroad row said to apply abroad', () => {
    expect(checkFee(ABROAD, '• Trực tiếp: 2.000 đồng/trang\n• Trực tiếp: 10 USD/bản', TODAY).ok).toBe(false);
    expect(
      checkFee(ABROAD, '2.000 đồng/trang tại UBND xã; 10 USD/bản tại cơ quan đại diện ở nước ngoài.', TODAY)
        .ok,
    ).toBe(true);
  });

  it('reads amounts however they are written', () => {
    expect(moneyIn('35k, 70 nghìn, 1.000đ, 10 USD').map((m) => m.value)).toEqual([35_000, 70_000, 1_000, 10]);
  });
});

describe('time limits and documents', () => {
  it('takes the time limit from the steps text when the table has none', () => {
    expect(checkDuration(STEPS_ONLY, 'Thời hạn giải quyết: 3 ngày làm việc.').ok).toBe(true);
    expect(checkDuration(STEPS_ONLY, 'Chưa có thông tin về thời hạn giải quyết.').ok).toBe(false);
    expect(checkDuration(REISSUE, 'Thời hạn: 15 ngày làm việc.').ok).toBe(false);
  });

  it('reads an agency list: commas before a capital separate agencies, “xã, phường, thị trấn” is one', () => {
    const council = record({
      ma_thu_tuc: '9.000005',
      co_quan_thuc_hien: 'Ủy ban Nhân dân xã, phường, thị trấn.',
    });
    expect(checkAgency(council, 'Nộp tại bộ phận một cửa của UBND xã, phường nơi cư trú.').ok).toBe(true);
    expect(checkAgency(council, 'Nộp tại Công an tỉnh.').ok).toBe(false);
    const police = record({
      ma_thu_tuc: '9.000006',
      co_quan_thuc_hien: 'Công an cấp Xã, Cục cảnh sát giao thông',
    });
    expect(checkAgency(police, 'Công an xã, phường nơi bạn ở.').ok).toBe(true);
  });

  it('fails a listed document that belongs to another record', () => {
    expect(
      checkDocuments(REISSUE, 'Cần:\n• Phiếu đề nghị giải quyết thủ tục về căn cước (mẫu DC02)').ok,
    ).toBe(true);
    expect(checkDocuments(REISSUE, 'Cần:\n• Giấy chứng sinh do cơ sở y tế cấp').ok).toBe(false);
  });
});

describe('scoring a turn', () => {
  const catalogue: Catalogue = {
    byCode: new Map([REISSUE, COUNCIL, ABROAD, STEPS_ONLY].map((r) => [r.ma_thu_tuc, r])),
    byUrl: new Map(),
  };
  const merger = [
    {
      old_name: 'Phường Kinh Dinh',
      old_district: 'Thành phố Phan Rang-Tháp Chàm',
      new_name: 'Phường Phan Rang',
      share: 'full',
    },
    {
      old_name: 'Phường Đông Hải',
      old_district: 'Thành phố Phan Rang-Tháp Chàm',
      new_name: 'Xã Phước Dinh',
      share: 'partial',
    },
    {
      old_name: 'Phường Đông Hải',
      old_district: 'Thành phố Phan Rang-Tháp Chàm',
      new_name: 'Phường Đông Hải',
      share: 'remainder',
    },
  ];
  const ctx = { catalogue, merger, today: TODAY };
  const nothing: Observed = { ratingAdded: false, pendingAfter: false, followingCodes: [] };
  const view = (over: Partial<ReplyView>): ReplyView => ({
    text: '',
    decision: 'unknown',
    candidates: [],
    offersPerson: false,
    offersPortal: false,
    state: 'bot',
    quickReplies: [],
    ...over,
  });

  it('counts a first answer with the right record and right fee in both figures', () => {
    const s = scoreTurn(
      { procedure: '9.000001', aspect: 'fee' },
      view({ decision: 'answer', code: '9.000001', text: 'Lệ phí: 35.000 đồng.' }),
      nothing,
      { first: true },
      ctx,
    );
    expect(s.figures).toEqual({ first: true, facts: true });
  });

  it('fails the facts of an answer from a neighbouring record', () => {
    const s = scoreTurn(
      { procedure: '9.000001', aspect: 'fee' },
      view({ decision: 'answer', code: '9.000002', text: 'Lệ phí: 35.000 đồng.' }),
      nothing,
      { first: false },
      ctx,
    );
    expect(s.figures).toEqual({ followUp: false, facts: false });
  });

  it('leaves facts out when the turn did not answer: routing already failed it', () => {
    const s = scoreTurn(
      { procedure: '9.000001', aspect: 'fee' },
      view({ text: 'Xin lỗi, tôi chưa hiểu rõ câu hỏi.' }),
      nothing,
      { first: false },
      ctx,
    );
    expect(s.figures).toEqual({ followUp: false });
  });

  it('recognises an honest “I don’t know” and rejects a procedure given instead', () => {
    const honest = view({
      text: 'Việc ly hôn không thuộc các thủ tục tôi hỗ trợ; việc này do Tòa án nhân dân giải quyết. Bạn có thể gặp cán bộ.',
      offersPerson: true,
    });
    const expectation = { honestUnknown: true as const, competent: ['vien kiem sat|toa an'] };
    expect(scoreTurn(expectation, honest, nothing, { first: true }, ctx).figures).toEqual({ honest: true });
    const notUnderstood = view({ text: 'Xin lỗi, tôi chưa hiểu rõ câu hỏi.', offersPerson: true });
    expect(scoreTurn(expectation, notUnderstood, nothing, { first: true }, ctx).figures.honest).toBe(false);
    const answered = view({ ...honest, decision: 'answer', code: '9.000003' });
    expect(scoreTurn(expectation, answered, nothing, { first: true }, ctx).figures.honest).toBe(false);
  });

  it('wants a split former unit asked about, and a merged one named with the resolution', () => {
    const ask = view({
      text: 'Phường Đông Hải cũ nay thuộc Xã Phước Dinh hoặc Phường Đông Hải. Bạn ở khu vực nào?',
    });
    const guess = view({
      text: 'Phường Đông Hải cũ nay là Phường Đông Hải và Xã Phước Dinh (Nghị quyết 1667).',
    });
    expect(scoreTurn({ place: { old: 'Đông Hải' } }, ask, nothing, { first: true }, ctx).figures.first).toBe(
      true,
    );
    expect(
      scoreTurn({ place: { old: 'Đông Hải' } }, guess, nothing, { first: true }, ctx).figures.first,
    ).toBe(false);
    const merged = view({
      text: 'Phường Kinh Dinh cũ nay thuộc Phường Phan Rang theo Nghị quyết 1667/NQ-UBTVQH15.',
    });
    expect(
      scoreTurn({ place: { old: 'Kinh Dinh' } }, merged, nothing, { first: true }, ctx).figures.first,
    ).toBe(true);
  });

  it('tells an English reply from a Vietnamese one', () => {
    expect(
      isEnglishReply('I can help in English with public services. You can also talk to a staff member.'),
    ).toBe(true);
    expect(isEnglishReply('Xin lỗi, tôi chỉ hỗ trợ các câu hỏi về dịch vụ công.')).toBe(false);
  });
});

describe('reading the replies a client receives', () => {
  const entry = (id: string, code?: string) =>
    KnowledgeEntrySchema.parse({
      id,
      kind: code ? 'curated' : 'faq',
      ...(code ? { code } : {}),
      title: `Mục ${id}`,
      sourceUrl: 'https://dichvucong.gov.vn/',
      checkedAt: '2026-11-22',
    });
  const entries = new Map(
    [entry('cur.lam-lai', '9.000001'), entry('cur.doi', '9.000002'), entry('faq.gio')].map((e) => [e.id, e]),
  );
  const kb: KnowledgeBase = { search: () => [], get: (id) => entries.get(id), size: entries.size };
  const catalogue: Catalogue = {
    byCode: new Map(),
    byUrl: new Map([['https://example.gov.vn/9.000003', '9.000003']]),
  };
  const bot = (over: Partial<ChatMessage>): ChatMessage => ({
    id: 'm1',
    from: 'bot',
    text: '',
    createdAt: '2026-11-24T02:00:00Z',
    ...over,
  });

  it('reads an answer’s procedure from its entry, else from the record its link cites', () => {
    expect(
      readReplies([bot({ text: 'Lệ phí', entryId: 'cur.lam-lai' })], 'bot', kb, catalogue),
    ).toMatchObject({
      decision: 'answer',
      code: '9.000001',
    });
    const linked = bot({
      text: 'x',
      entryId: 'proc.9.000003',
      links: [{ title: 'Chi tiết', url: 'https://example.gov.vn/9.000003' }],
    });
    expect(readReplies([linked], 'bot', kb, catalogue).code).toBe('9.000003');
  });

  it('reads a choice list from its quick replies, and a handoff from the state', () => {
    const choose = bot({
      text: 'Bạn muốn hỏi thủ tục nào?',
      quickReplies: [
        { title: 'Làm lại', payload: encodePayload({ type: 'entry', entryId: 'cur.lam-lai' }) },
        { title: 'Đổi', payload: encodePayload({ type: 'aspect', entryId: 'cur.doi', aspect: 'fee' }) },
      ],
    });
    expect(readReplies([choose], 'bot', kb, catalogue)).toMatchObject({
      decision: 'choose',
      candidates: ['9.000001', '9.000002'],
    });
    const waiting = readReplies(
      [bot({ text: 'Vui lòng chờ', from: 'system' })],
      'waiting_staff',
      kb,
      catalogue,
    );
    expect(waiting).toMatchObject({ decision: 'handoff', offersPerson: true });
    expect(readReplies([bot({ text: 'Xin lỗi, tôi chưa hiểu.' })], 'bot', kb, catalogue).decision).toBe(
      'unknown',
    );
  });
});

describe('driving the engine', () => {
  const catalogue: Catalogue = { byCode: new Map(), byUrl: new Map() };
  const start = new Date('2026-11-24T02:00:00Z');
  const conversation = ConversationSchema.parse({
    id: 'drive',
    turns: [
      { say: 'lam lai can cuoc can gi', expect: { procedure: '1.014061' } },
      { say: 'cho toi gap can bo', expect: { decision: 'handoff' } },
      // Answered while waiting for staff (a reply), but not with this procedure: the turn fails.
      { say: 'alo', expect: { replies: true, procedure: '1.014061' } },
    ],
  });

  it('scores each turn of a fresh session, the first as first answer and the rest as follow-ups', async () => {
    const report = await runConversation(
      conversation,
      'test',
      { nlu: fakeNlu(), kb: fakeKb() },
      { catalogue, merger: [] },
      start,
    );
    expect(report.turns.map((t) => t.score?.figures)).toEqual([
      { first: true },
      { followUp: true },
      { followUp: false },
    ]);
    expect(report.turns[2]?.score?.failures.length).toBeGreaterThan(0);
    expect(report.turns[2]?.score?.failures.join(' ')).not.toMatch(/no reply/u);
    expect(report.passed).toBe(false);
  });

  it('fails a turn whose engine call throws and goes on with the next one', async () => {
    const real = fakeNlu();
    const nlu: Nlu = {
      understand: (m) => {
        if (m.includes('gap can bo')) throw new Error('model not loaded');
        return real.understand(m);
      },
    };
    const report = await runConversation(
      conversation,
      'test',
      { nlu, kb: fakeKb() },
      { catalogue, merger: [] },
      start,
    );
    expect(report.turns[1]?.score?.figures).toEqual({ followUp: false });
    expect(report.turns[1]?.score?.failures[0]).toBe('engine error: model not loaded');
    expect(report.turns[2]?.reply).not.toBe('');
  });
});
