import { beforeAll, describe, expect, it } from 'vitest';
import { bodyOf, event, INTEGRATION_KEY, inProcessApi } from './in-process';
import { captureSuiteLogs, itLeavesNoPersonalDataInLogs, PLANTED } from './suite-logs';

const logs = captureSuiteLogs();

const KNOWN = ['H43.25-241008-0012', 'H43.25-241009-0345', 'H43.26-250101-0007'];
const UNKNOWN = ['H43.25-241008-0013', 'H43.99-200101-0001', 'H43.26-250101-0008'];
const DOSSIER = {
  procedure: 'Cấp lại thẻ căn cước',
  agency: 'Công an phường Đô Vinh',
  applicantName: PLANTED.names[0],
  phone: PLANTED.phones[0],
  status: 'processing',
  receivedAt: '2026-11-08',
  dueAt: '2026-12-15',
};
/** What would reveal a dossier: its status, its agency, its procedure. */
const REVEALING = /Đang giải quyết|Đô Vinh|Cấp lại thẻ căn cước|Trạng thái/u;

const a = inProcessApi({ RATE_LIMIT_PER_MINUTE: '1000', RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '1000' });

beforeAll(async () => {
  for (const code of KNOWN) {
    const r = await a.call(
      'integrations',
      event('PUT', `/api/integrations/dossiers/${code}`, {
        body: JSON.stringify(DOSSIER),
        headers: { authorization: `Bearer ${INTEGRATION_KEY}` },
      }),
    );
    expect(r.statusCode).toBe(201);
  }
});

/** A reply with the dossier code and any id-like payload taken out, to compare two answers. */
function shape(result: Awaited<ReturnType<typeof a.chat>>, code: string) {
  const text = JSON.stringify(
    bodyOf(result).messages.map((m: any) => ({ text: m.text, quickReplies: m.quickReplies, links: m.links })),
  );
  return text.replaceAll(code, '<CODE>');
}

let phoneSeed = 1;
const randomPhone = () =>
  `09${String(10_000_000 + ((phoneSeed++ * 7_919_113) % 89_999_999)).padStart(8, '0')}`;

describe('dossier enumeration: codes and guessed phones from one session', () => {
  it('existing and unknown codes get the very same answers, to the code and to a wrong phone', async () => {
    const answers = new Map<string, string[]>();
    for (const [i, code] of [...KNOWN, ...UNKNOWN].entries()) {
      const session = `enum-compare-${String(i).padStart(3, '0')}`;
      const ask = await a.chat(session, `tra cứu hồ sơ ${code}`);
      const guess = await a.chat(session, randomPhone());
      expect(ask.statusCode).toBe(200);
      expect(guess.statusCode).toBe(200);
      expect(JSON.stringify(bodyOf(ask)) + JSON.stringify(bodyOf(guess))).not.toMatch(REVEALING);
      answers.set(code, [shape(ask, code), shape(guess, code)]);
    }
    const distinct = new Set([...answers.values()].map((v) => v.join('|')));
    expect(distinct.size).toBe(1);
  });

  it('after 5 wrong phones the session is locked out for the hour, even for the right phone of a real dossier', async () => {
    const session = 'enum-attacker-0001';
    const codes = [...UNKNOWN, ...KNOWN];
    let locked = false;
    let tries = 0;
    for (const code of codes) {
      await a.chat(session, `tra cứu hồ sơ ${code}`);
      const r = await a.chat(session, randomPhone());
      tries++;
      expect(JSON.stringify(bodyOf(r))).not.toMatch(REVEALING);
      if (/tạm khóa/u.test(JSON.stringify(bodyOf(r)))) {
        locked = true;
        break;
      }
    }
    expect(locked).toBe(true);
    expect(tries).toBe(5);
    // The right phone of a real dossier does not open it while the lock holds.
    const right = `tra cứu hồ sơ ${KNOWN[2]} ${PLANTED.phones[0]}`;
    expect(JSON.stringify(bodyOf(await a.chat(session, right)))).not.toMatch(REVEALING);
    a.clock.advance(59 * 60_000);
    expect(JSON.stringify(bodyOf(await a.chat(session, right)))).not.toMatch(REVEALING);
    a.clock.advance(2 * 60_000);
    expect(JSON.stringify(bodyOf(await a.chat(session, right)))).toMatch(REVEALING);
  });

  it('erasing the conversation does not give it a fresh budget within the hour', async () => {
    const session = 'enum-eraser-0001';
    const wrong = async () => {
      await a.chat(session, `tra cứu hồ sơ ${KNOWN[0]}`);
      return JSON.stringify(bodyOf(await a.chat(session, randomPhone())));
    };
    for (let i = 0; i < 3; i++) expect(await wrong()).toMatch(/còn \d lần thử/u);
    await a.chat(session, 'xóa dữ liệu của tôi');
    expect(JSON.stringify(bodyOf(await a.chat(session, 'có')))).toMatch(/Đã xóa dữ liệu/u);
    // The erased session's failures were kept apart from it: two more, not five, lock it.
    expect(await wrong()).toMatch(/còn 1 lần thử/u);
    expect(await wrong()).toMatch(/tạm khóa/u);
  });

  it('last-4 guesses on one code from many sessions stop last-4 answers for it, never the owner with the full number', async () => {
    const code = KNOWN[1] as string;
    const ownerPhone = PLANTED.phones[0] as string;
    const ownerLastFour = ownerPhone.replace(/\D/gu, '').slice(-4);
    const wrongLastFour = (i: number) => String((Number(ownerLastFour) + 1 + i) % 10_000).padStart(4, '0');
    for (let i = 0; i < 5; i++) {
      const session = `enum-spray-session-${String(i).padStart(3, '0')}`;
      await a.chat(session, `tra cứu hồ sơ ${code}`);
      const r = JSON.stringify(bodyOf(await a.chat(session, wrongLastFour(i))));
      expect(r).toMatch(/chưa khớp/u);
    }
    // The owner's own last 4 digits are not compared any more this hour (they would be a 6th guess)…
    await a.chat('enum-spray-owner-1', `tra cứu hồ sơ ${code}`);
    const lastFour = JSON.stringify(bodyOf(await a.chat('enum-spray-owner-1', ownerLastFour)));
    expect(lastFour).not.toMatch(REVEALING);
    expect(lastFour).toMatch(/số điện thoại đầy đủ/u);
    // …and the owner is never told they got it wrong, nor locked out.
    expect(lastFour).not.toMatch(/chưa khớp|nhập sai|tạm khóa/u);
    // The full number still opens it, at once and in the same conversation.
    expect(JSON.stringify(bodyOf(await a.chat('enum-spray-owner-1', ownerPhone)))).toMatch(REVEALING);
    const fresh = await a.chat('enum-spray-owner-2', `tra cứu hồ sơ ${code} ${ownerPhone}`);
    expect(JSON.stringify(bodyOf(fresh))).toMatch(REVEALING);
    // Another dossier's last 4 digits are unaffected.
    await a.chat('enum-spray-owner-3', `tra cứu hồ sơ ${KNOWN[0]}`);
    expect(JSON.stringify(bodyOf(await a.chat('enum-spray-owner-3', ownerLastFour)))).toMatch(REVEALING);
    // After the hour, last 4 digits are accepted again.
    a.clock.advance(60 * 60_000);
    await a.chat('enum-spray-owner-4', `tra cứu hồ sơ ${code}`);
    expect(JSON.stringify(bodyOf(await a.chat('enum-spray-owner-4', ownerLastFour)))).toMatch(REVEALING);
  });
});

describe('dossier enumeration: many sessions from one address', () => {
  const b = inProcessApi({ RATE_LIMIT_PER_MINUTE: '1000', RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '30' });

  it('an address spraying codes and phones over fresh sessions is refused with 429 and Retry-After', async () => {
    let refused: Awaited<ReturnType<typeof b.chat>> | undefined;
    let sent = 0;
    for (let i = 0; i < 40 && !refused; i++) {
      const session = `enum-address-${String(i).padStart(3, '0')}`;
      for (const text of [`tra cứu hồ sơ ${UNKNOWN[i % 3]}`, randomPhone()]) {
        const r = await b.chat(session, text, '203.0.113.66');
        sent++;
        if (r.statusCode === 429) {
          refused = r;
          break;
        }
      }
    }
    expect(sent).toBe(31);
    expect(refused?.statusCode).toBe(429);
    expect(Number(refused?.headers?.['retry-after'])).toBeGreaterThan(0);
    expect(bodyOf(refused as NonNullable<typeof refused>)).toEqual({
      error: { code: 'too_many_requests', message: expect.any(String) },
    });
  });
});

itLeavesNoPersonalDataInLogs(logs, { expectEvents: ['turn'], secrets: () => [INTEGRATION_KEY] });
