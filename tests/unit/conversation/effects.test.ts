import { describe, expect, it } from 'vitest';
import { applyEffects, type Effect } from '../../../functions/conversation/effects';
import type { SessionRef } from '../../../functions/conversation/model';
import { createLogger } from '../../../functions/shared/logger';
import { testServices } from '../../support/test-services';

const ref: SessionRef = { channel: 'web', userId: 'effects-session-0001' };
const at = '2026-11-24T02:00:00.000Z';
const messageId = '01JDKZ0000000000000000TEST';

/** One turn's effects as a flow would return them, every id derived from the citizen's message. */
const effects: Effect[] = [
  {
    kind: 'open_escalation',
    escalation: {
      id: messageId,
      ref,
      sessionId: ref.userId,
      channel: 'web',
      reason: 'requested',
      state: 'open',
      team: 'tong-dai',
      createdAt: at,
      dueBy: at,
    },
  },
  {
    kind: 'record_unanswered',
    id: messageId,
    question: { text: 'câu hỏi', intent: 'out_of_scope', confidence: 0.2, channel: 'web', createdAt: at },
  },
  {
    kind: 'record_rating',
    id: messageId,
    targetKey: 'answer:01JDKZ00000000000000ANSWER',
    rating: { kind: 'answer', score: 5, satisfied: true, channel: 'web', createdAt: at },
  },
  {
    kind: 'file_feedback',
    report: {
      reference: 'PA-261124-ABCD',
      ref,
      channel: 'web',
      category: 'Khác',
      team: 'tiep-nhan-phan-anh',
      description: 'đèn đường hỏng',
      contactConsent: false,
      status: 'open',
      createdAt: at,
    },
  },
];

describe('effects applied twice (a crash after the commit, then the next turn applies them again)', () => {
  it('change nothing the second time', async () => {
    const { services } = testServices();
    const { stores } = services;
    const log = createLogger('silent');
    expect(await applyEffects(stores, effects, log)).toBe(true);
    expect(await applyEffects(stores, effects, log)).toBe(true);
    expect((await stores.escalations.list('open')).map((e) => e.id)).toEqual([messageId]);
    expect(await stores.unanswered.between('2000-01-01', '2100-01-01')).toHaveLength(1);
    expect(await stores.ratings.between('2000-01-01', '2100-01-01')).toHaveLength(1);
    expect(await stores.feedback.list('open')).toHaveLength(1);
  });

  it('a rating of a target someone else rated first is refused, not added', async () => {
    const { services } = testServices();
    const log = createLogger('silent');
    const rating = effects[2] as Extract<Effect, { kind: 'record_rating' }>;
    await applyEffects(services.stores, [rating], log);
    await applyEffects(services.stores, [{ ...rating, id: 'ANOTHER-MESSAGE' }], log);
    expect(await services.stores.ratings.between('2000-01-01', '2100-01-01')).toHaveLength(1);
  });
});
