import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { foldDiacritics, normalise } from '../../../intents/normalise';
import { ASPECTS } from '../../../intents/taxonomy';
import { ANSWER_MAX_CHARS, composeAnswer } from '../../../knowledge/answer';
import { dataPath } from '../../../knowledge/data-files';
import { loadKnowledgeBase } from '../../../knowledge/knowledge-base';

/** The knowledge base the chat ships with (`npm run kb:build`); `kb:check` fails when it is missing or stale. */
describe.skipIf(!existsSync(dataPath('knowledgeBase')))('the built knowledge base', () => {
  const kb = loadKnowledgeBase();
  const entries = kb.entries();

  it('holds the whole catalogue, each procedure reachable by its id', () => {
    expect(entries.filter((e) => e.kind === 'procedure').length).toBeGreaterThan(2000);
    expect(kb.get('proc.1.014061')?.code).toBe('1.014061');
  });

  it('finds a procedure by its code', () => {
    expect(kb.search('tra cứu thủ tục 1.014061')[0]?.code).toBe('1.014061');
  });

  it('finds catalogue titles typed without marks (a sample)', () => {
    const procedures = entries.filter((e) => e.kind === 'procedure').filter((_, i) => i % 50 === 0);
    const sameTitle = (a: string, b: string) =>
      normalise(a).tokens.join(' ') === normalise(b).tokens.join(' ');
    const misses = procedures.filter((p) => {
      const top = kb.search(foldDiacritics(p.title))[0];
      return !top || !(top.id === p.id || sameTitle(top.entry.title, p.title) || top.code === p.code);
    });
    expect(misses.map((m) => m.title)).toEqual([]);
  });

  it('answers every entry, on every aspect, within one chat message and with its source link', () => {
    const tooLong: string[] = [];
    for (const entry of entries) {
      for (const aspect of [undefined, ...ASPECTS]) {
        const answer = composeAnswer(entry, aspect);
        if (answer.text.length > ANSWER_MAX_CHARS) tooLong.push(`${entry.id} ${aspect ?? 'overview'}`);
        if (answer.links[0]?.url !== entry.sourceUrl) tooLong.push(`${entry.id}: no source link`);
      }
    }
    expect(tooLong).toEqual([]);
  });
});
