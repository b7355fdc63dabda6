import { describe, expect, it } from 'vitest';
import { normalise } from '../../../intents/normalise';
import { questionAfterSequence } from '../../../intents/question-focus';

const asked = (text: string) => questionAfterSequence(normalise(text))?.folded;

describe('the question after a step done', () => {
  it.each([
    ['báo mất xong thì làm hộ chiếu mới ở đâu', 'lam ho chieu moi o dau'],
    ['bao mat xong roi thi lam ho chieu moi o dau', 'lam ho chieu moi o dau'],
    ['sau khi ly hôn thì đổi hộ khẩu thế nào', 'doi ho khau the nao'],
    ['đăng ký kết hôn rồi thì làm khai sinh cho con cần gì', 'lam khai sinh cho con can gi'],
    ['nộp hồ sơ xong, sau đó đóng lệ phí trước bạ ở đâu', 'dong le phi truoc ba o dau'],
  ])('%s → %s', (text, part) => {
    expect(asked(text)).toBe(part);
  });

  it.each([['làm hộ chiếu ở đâu'], ['xong thì sao'], ['tôi làm rồi']])(
    'none in "%s": the whole message is the question',
    (text) => {
      expect(asked(text)).toBeUndefined();
    },
  );
});
