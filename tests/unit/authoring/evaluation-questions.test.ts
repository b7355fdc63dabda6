import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_QUESTION_PATHS,
  readEvaluationQuestions,
} from '../../../functions/authoring/evaluation-questions';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the questions a draft is checked against', () => {
  it('reads the portal FAQ, the held-out files and what citizens say in the scripted conversations, once each', () => {
    dir = mkdtempSync(join(tmpdir(), 'eval-questions-'));
    const holdoutDir = join(dir, 'holdout');
    const conversationsDir = join(dir, 'conversations');
    mkdirSync(holdoutDir);
    mkdirSync(conversationsDir);
    writeFileSync(
      join(dir, 'faq.jsonl'),
      `${JSON.stringify({ question: 'Xin hỏi thủ tục cấp lại căn cước?' })}\nnot json\n`,
    );
    writeFileSync(join(holdoutDir, 'a.tsv'), '# comment\nlàm lại căn cước\tprocedure_info\n');
    writeFileSync(
      join(conversationsDir, '01.json'),
      JSON.stringify({
        conversations: [
          { id: 'c1', turns: [{ say: 'lam lai can cuoc' }, { say: '#qr:menu:x' }, { say: 'hết bao nhiêu' }] },
          { id: 'c2', turns: [{ say: 'làm lại căn cước' }] },
        ],
      }),
    );
    const questions = readEvaluationQuestions({
      dvcFaq: join(dir, 'faq.jsonl'),
      holdoutDir,
      conversationsDir,
    });
    expect(questions).toEqual([
      { text: 'Xin hỏi thủ tục cấp lại căn cước?', source: 'dvc-faq' },
      { text: 'làm lại căn cước', source: 'holdout' },
      { text: 'lam lai can cuoc', source: 'conversations' },
      { text: 'hết bao nhiêu', source: 'conversations' },
    ]);
  });

  it('finds the repository’s own scripted conversations', () => {
    const fromConversations = readEvaluationQuestions(DEFAULT_QUESTION_PATHS).filter(
      (q) => q.source === 'conversations',
    );
    expect(fromConversations.length).toBeGreaterThan(150);
  });
});
