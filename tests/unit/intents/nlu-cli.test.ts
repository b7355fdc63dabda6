import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ASPECTS, INTENTS } from '../../../intents/taxonomy';

const root = new URL('../../../', import.meta.url).pathname;

/** The line format of ../shared/contract/nlu.md. */
const LineSchema = z
  .object({
    text: z.string(),
    intent: z.enum(INTENTS),
    confidence: z.number().min(0).max(1),
    entities: z
      .object({
        dossierCode: z.string().regex(/^[A-Z0-9.]+-\d{6}-\d{4}$/),
        phone: z.string().regex(/^0\d{9,10}$/),
        citizenId: z.string().regex(/^\d{12}$/),
        aspect: z.enum(ASPECTS),
        place: z.string().min(1),
      })
      .partial()
      .strict(),
    decision: z.enum(['answer', 'choose', 'unknown']),
    answers: z
      .array(
        z
          .object({
            id: z.string().min(1),
            code: z
              .string()
              .regex(/^\d\.\d{6}$/)
              .optional(),
            title: z.string().min(1),
            score: z.number(),
          })
          .strict(),
      )
      .max(3),
  })
  .strict();

const INPUT = [
  'lam lai cccd mat bao lau',
  '',
  'chào ad, tra cứu hồ sơ H43.25-241008-0012 giúp em',
  'sđt của tôi 0912.345.678, cccd 056090001234',
  'đăng ký kết hôn ở huyện Ninh Hải cũ',
  'cảm ơn',
  'bao mat xong thi lam ho chieu moi o dau',
];

describe('npm run nlu', () => {
  // The very command `npm run --silent nlu` runs (scripts/nlu.mjs: the cached bundle of intents/cli/nlu.ts).
  const run = spawnSync(process.execPath, ['scripts/nlu.mjs'], {
    cwd: root,
    input: `${INPUT.join('\n')}\n`,
    encoding: 'utf8',
  });
  const lines = run.stdout.split('\n').filter((line) => line !== '');

  it('exits 0 and writes one JSON line per input line, in order', () => {
    expect(run.status).toBe(0);
    expect(lines).toHaveLength(INPUT.length);
    expect(lines.map((line) => JSON.parse(line).text)).toEqual(INPUT);
  });

  it.each(INPUT.map((text, i) => [i, text] as const))('writes line %i in the contract format', (i) => {
    expect(LineSchema.safeParse(JSON.parse(lines[i] ?? 'null')).success).toBe(true);
  });

  it('answers an empty line as out_of_scope, with nothing else', () => {
    expect(JSON.parse(lines[1] ?? 'null')).toEqual({
      text: '',
      intent: 'out_of_scope',
      confidence: 1,
      entities: {},
      decision: 'unknown',
      answers: [],
    });
  });

  it("prints the chat's decision: a plain question is answered, a greeting has nothing to answer", () => {
    expect(JSON.parse(lines[0] ?? 'null').decision).toBe('answer');
    expect(JSON.parse(lines[5] ?? 'null').decision).toBe('unknown');
  });

  it('searches the part asked after a step done, as the chat does: the passport, not its loss report', () => {
    const line = JSON.parse(lines[6] ?? 'null');
    expect(line.decision).toBe('answer');
    expect(line.answers[0]?.title).toMatch(/^Cấp hộ chiếu/u);
  });

  it('fills the entities the contract names and leaves the others out', () => {
    expect(JSON.parse(lines[0] ?? 'null').entities).toEqual({ aspect: 'duration' });
    expect(JSON.parse(lines[2] ?? 'null')).toMatchObject({
      intent: 'dossier_status',
      entities: { dossierCode: 'H43.25-241008-0012' },
    });
    expect(JSON.parse(lines[3] ?? 'null').entities).toEqual({
      phone: '0912345678',
      citizenId: '056090001234',
    });
    expect(JSON.parse(lines[4] ?? 'null').entities).toEqual({ place: 'Huyện Ninh Hải (cũ)' });
  });

  it('keeps personal data out of standard error', () => {
    expect(run.stderr).not.toContain('0912');
    expect(run.stderr).not.toContain('056090001234');
  });
});
