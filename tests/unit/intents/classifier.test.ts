import { describe, expect, it } from 'vitest';
import { loadNlu } from '../../../intents/index';
import { foldDiacritics } from '../../../intents/normalise';
import type { INTENTS } from '../../../intents/taxonomy';

/** Messages written for this test, in none of the data files: a sanity check, not the evaluation. */
const UNSEEN: [string, (typeof INTENTS)[number]][] = [
  ['Chào buổi sáng trợ lý', 'greeting'],
  ['thôi mình chào nhé, hẹn lần sau', 'goodbye'],
  ['cảm ơn bạn đã tư vấn', 'thanks'],
  ['bạn giúp tôi được những việc gì', 'help'],
  ['muốn làm lại căn cước bị mất thì cần giấy tờ gì', 'procedure_info'],
  ['đăng ký kết hôn ở xã mất mấy ngày', 'procedure_info'],
  ['chào ad, cho hỏi sang tên sổ đỏ nộp ở đâu', 'procedure_info'],
  ['hồ sơ của tôi nộp tuần trước giờ tới đâu rồi', 'dossier_status'],
  ['tra giúp hồ sơ H43.25-250101-0042', 'dossier_status'],
  ['làm sao để biết địa chỉ số của nhà tôi', 'digital_address'],
  ['tôi quên mật khẩu VNeID', 'account_help'],
  ['nộp lệ phí online bị trừ tiền hai lần', 'payment_help'],
  ['đèn đường trước nhà tôi hỏng cả tháng nay', 'feedback_report'],
  ['số điện thoại của ủy ban xã là gì', 'agency_contact'],
  ['doanh nghiệp nhỏ được hỗ trợ chuyển đổi số như thế nào', 'business_support'],
  ['cho tôi nói chuyện với cán bộ', 'human_handoff'],
  ['câu trả lời chẳng giúp được gì', 'bot_feedback'],
  ['hôm nay xem phim gì hay', 'out_of_scope'],
];

describe('intent classifier (shipped model)', () => {
  const nlu = loadNlu();

  it.each(UNSEEN)('classifies "%s" as %s', (text, intent) => {
    expect(nlu.understand(text).intent).toBe(intent);
  });

  it.each(UNSEEN)('classifies "%s" typed without marks as %s', (text, intent) => {
    expect(nlu.understand(foldDiacritics(text)).intent).toBe(intent);
  });

  it.each(UNSEEN)('gives the NFD form of "%s" the same intent and confidence', (text) => {
    const composed = nlu.understand(text);
    const decomposed = nlu.understand(text.normalize('NFD'));
    expect(decomposed.intent).toBe(composed.intent);
    expect(decomposed.confidence).toBe(composed.confidence);
  });

  it('returns a confidence in [0, 1] and runner-up intents, best first', () => {
    const understanding = nlu.understand('làm hộ chiếu ở đâu');
    expect(understanding.confidence).toBeGreaterThan(0);
    expect(understanding.confidence).toBeLessThanOrEqual(1);
    expect(understanding.alternatives.length).toBeGreaterThan(0);
    expect(understanding.alternatives.map((a) => a.intent)).not.toContain(understanding.intent);
    const confidences = understanding.alternatives.map((a) => a.confidence);
    expect([...confidences].sort((a, b) => b - a)).toEqual(confidences);
  });

  it.each(['', '   ', '...', '?!'])('answers %j as out_of_scope', (text) => {
    expect(nlu.understand(text)).toMatchObject({ intent: 'out_of_scope', entities: {} });
  });

  it('exposes the expanded text for retrieval and the entities', () => {
    const understanding = nlu.understand('lam lai cccd o dau, sdt 0912345678');
    expect(understanding.text.accented).toContain('căn cước công dân');
    expect(understanding.entities).toEqual({ aspect: 'place', phone: '0912345678' });
  });

  it('is loaded once per process', () => {
    expect(loadNlu()).toBe(nlu);
  });
});
