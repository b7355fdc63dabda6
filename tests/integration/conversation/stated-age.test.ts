import { describe, expect, it } from 'vitest';
import { citizen, shippedServices } from '../../support/test-services';

/**
 * An age said in a message picks the procedure for that age, on the real model and knowledge base:
 * the ID card has one procedure for children under 14 and one for people of 14 and over.
 */
const { services } = shippedServices();

async function talk(userId: string, ...texts: string[]) {
  const c = citizen(services, userId);
  const replies = [];
  for (const text of texts) replies.push((await c.say(text)).messages[0]);
  return replies;
}
const UNDER_14 = /dưới 14 tuổi/u;
const FROM_14 = /từ đủ 14 tuổi/u;

describe('an age stated in the first message', () => {
  it('"lam the can cuoc cho con 10 tuoi" answers the card for children, without asking', async () => {
    const [reply] = await talk('stated-age-000001', 'lam the can cuoc cho con 10 tuoi');
    expect(reply?.entryId).toBeDefined();
    expect(reply?.text.split('\n')[0]).toMatch(UNDER_14);
  });

  it('"lam cccd cho con 16 tuoi" answers the card for people of 14 and over', async () => {
    const [reply] = await talk('stated-age-000002', 'lam cccd cho con 16 tuoi');
    expect(reply?.text).toMatch(FROM_14);
    expect(reply?.text.split('\n')[0]).not.toMatch(UNDER_14);
  });
});

describe('an age stated in a follow-up', () => {
  it('picks the one choice for that age', async () => {
    const [choice, picked] = await talk('stated-age-000003', 'the can cuoc', 'con em 5 tuoi');
    expect(choice?.quickReplies?.map((q) => q.title).join(' | ')).toMatch(UNDER_14);
    expect(picked?.text.split('\n')[0]).toMatch(UNDER_14);
  });

  it('moves to the sibling for that age, keeping the aspect asked', async () => {
    const [, fee, moved] = await talk(
      'stated-age-000004',
      'lam can cuoc cho con',
      'le phi bao nhieu',
      'con toi 16 tuoi',
    );
    expect(fee?.entryId).toBeDefined();
    expect(moved?.entryId).toBeDefined();
    expect(moved?.entryId).not.toBe(fee?.entryId);
    expect(moved?.text).toMatch(/phí/iu);
  });

  it('confirms the procedure already answered when it is for that age', async () => {
    const [first, confirmed] = await talk('stated-age-000005', 'lam can cuoc cho con', 'con toi 10 tuoi');
    expect(first?.text.split('\n')[0]).toMatch(UNDER_14);
    expect(confirmed?.text).toMatch(/phù hợp với độ tuổi/u);
    expect(confirmed?.quickReplies?.length).toBeGreaterThan(0);
  });

  it('answers an aspect asked with the age instead of confirming ("dưới 6 tuổi có mất phí không")', async () => {
    const [first, fee] = await talk(
      'stated-age-000006',
      'em muon hoi ve bao hiem y te cho tre em',
      'duoi 6 tuoi co mat phi khong',
    );
    expect(first?.entryId).toBeDefined();
    expect(fee?.entryId).toBe(first?.entryId);
    expect(fee?.text).toMatch(/Phí, lệ phí/u);
  });
});
