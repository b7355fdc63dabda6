import { describe, expect, it } from 'vitest';
import { loadNlu } from '../../../intents';
import { loadKnowledgeBase } from '../../../knowledge';
import { decideAnswer } from '../../../knowledge/retrieval/decision';

const nlu = loadNlu();
const kb = loadKnowledgeBase();
const decide = (message: string) => {
  const u = nlu.understand(message);
  return decideAnswer(u.text, kb.search(u.text, { k: 5 }));
};

describe('the chat decision on one message', () => {
  it('answers a plain procedure question', () => {
    const d = decide('làm lại căn cước bị mất cần gì');
    expect(d.decision).toBe('answer');
    if (d.decision === 'answer') expect(d.hit.entry.code).toBe('1.014064');
  });

  it('says honestly that another authority decides, naming it', () => {
    for (const [message, id] of [
      ['muốn ly hôn thì làm thủ tục ở đâu', 'court'],
      ['con tôi đi nghĩa vụ quân sự cần giấy tờ gì', 'military'],
      ['tiêm phòng cho bé ở đâu', 'vaccination'],
      ['xin visa đi Mỹ cần những gì', 'visa'],
    ] as const) {
      const d = decide(message);
      expect(d.decision, message).toBe('unknown');
      if (d.decision === 'unknown') {
        expect(d.reason).toBe('other_authority');
        expect(d.topic?.id).toBe(id);
        expect(d.topic?.agency).toBeTruthy();
      }
    }
  });

  it('keeps the catalogue procedure that records a divorce decided abroad', () => {
    expect(decide('ghi vào sổ hộ tịch việc ly hôn đã giải quyết ở nước ngoài').decision).not.toBe('unknown');
  });

  it('does not answer a definition with a procedure that shares its words', () => {
    const d = decide('giấy chứng nhận quyền sử dụng đất và quyền sở hữu nhà khác nhau thế nào');
    expect(d).toMatchObject({ decision: 'unknown', reason: 'definition' });
  });

  it('answers a definition an FAQ was written for', () => {
    expect(decide('vneid là gì').decision).toBe('answer');
  });

  it('does not answer an English message with a Vietnamese procedure', () => {
    expect(decide('How do I renew my passport?')).toMatchObject({
      decision: 'unknown',
      reason: 'other_language',
    });
  });
});
