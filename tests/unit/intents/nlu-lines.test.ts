import { describe, expect, it } from 'vitest';
import { understandLine } from '../../../intents/cli/nlu-lines';
import { prepareText } from '../../../intents/prepare-text';
import type { IntentId } from '../../../intents/taxonomy';
import type { Nlu } from '../../../intents/types';
import { fakeKb } from '../../support/fake-kb';

const nluSaying = (intent: IntentId, confidence: number): Nlu => ({
  understand: (message) => ({
    intent,
    confidence,
    entities: {},
    text: prepareText(message),
    alternatives: [],
  }),
});

describe('answers of the nlu command', () => {
  it.each<[IntentId, number, boolean]>([
    ['procedure_info', 0.95, true],
    ['greeting', 0.95, false],
    ['thanks', 0.99, false],
    ['out_of_scope', 0.9, false],
    // Unsure chit-chat keeps its answers: the message may have been a question after all.
    ['greeting', 0.5, true],
  ])('%s at %f → answers: %s', (intent, confidence, expected) => {
    const line = understandLine('làm lại căn cước cần gì', nluSaying(intent, confidence), fakeKb());
    expect(line.answers.length > 0).toBe(expected);
  });
});
