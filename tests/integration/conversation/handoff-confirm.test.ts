import { describe, expect, it } from 'vitest';
import { MENU_REPLIES, TEXT } from '../../../functions/conversation/texts';
import { citizen, shippedServices } from '../../support/test-services';

/**
 * A wish for a person the classifier reads only weakly, and not said in words ("tôi cần hỗ trợ"), is
 * asked about before it enters the staff queue; a clear request still goes straight to staff. Real
 * model, real knowledge base.
 */
const { services } = shippedServices();
const say = (userId: string, text: string) => citizen(services, userId).say(text);

describe('asking before the staff queue', () => {
  it('"tôi cần hỗ trợ": asked, with the person one tap away; a typed yes hands over', async () => {
    const asked = await say('handoff-confirm-000001', 'toi can ho tro');
    expect(asked.state).toBe('bot');
    expect(asked.messages[0]?.text).toBe(TEXT.handoffOrAsk);
    expect(asked.messages[0]?.quickReplies?.map((q) => q.title)).toContain('Gặp cán bộ');
    const yes = await say('handoff-confirm-000001', 'co');
    expect(yes.state).not.toBe('bot');
  });

  it('a typed no leaves the conversation with the assistant, and the next question is answered', async () => {
    await say('handoff-confirm-000002', 'tôi cần hỗ trợ');
    const no = await say('handoff-confirm-000002', 'không');
    expect(no.state).toBe('bot');
    expect(no.messages[0]?.text).toBe(TEXT.askAway);
    const next = await say('handoff-confirm-000002', 'lam cccd can gi');
    expect(next.messages[0]?.entryId).toBeDefined();
  });

  it('a tap in between answers the question: a later "có" is not read as yes', async () => {
    await say('handoff-confirm-000003', 'toi can ho tro');
    await citizen(services, 'handoff-confirm-000003').tap(MENU_REPLIES[0]?.payload ?? '');
    const later = await say('handoff-confirm-000003', 'co');
    expect(later.state).toBe('bot');
  });

  it('a person asked for in words goes straight to staff', async () => {
    const asked = await say('handoff-confirm-000004', 'cho toi gap can bo');
    expect(asked.state).not.toBe('bot');
  });
});
