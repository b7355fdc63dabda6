import type { EvalReport } from './run';
import { FIGURE_LABEL, FIGURES, type FigureTable } from './score';

const pct = (passed: number, total: number) =>
  total === 0 ? '   –  ' : `${((100 * passed) / total).toFixed(0).padStart(3)} %`;
const cell = (t: { passed: number; total: number }) =>
  `${pct(t.passed, t.total)} ${`${t.passed}/${t.total}`.padStart(7)}`;
/** Each figure's column is as wide as its label. */
const width = (label: string) => Math.max(label.length, 15);

/** The four figures overall and per category, as a fixed-width table. */
export function formatTable(report: EvalReport): string {
  const header = [
    'category'.padEnd(22),
    'conv',
    ...FIGURES.map((f) => FIGURE_LABEL[f].padStart(width(FIGURE_LABEL[f]))),
  ].join(' | ');
  const row = (name: string, conversations: number, t: FigureTable) =>
    [
      name.padEnd(22),
      String(conversations).padStart(4),
      ...FIGURES.map((f) => cell(t[f]).padStart(width(FIGURE_LABEL[f]))),
    ].join(' | ');
  const lines = [
    `Conversation evaluation — clock ${report.clock} (Vietnam day ${report.today}); ${report.conversations} conversations, ${report.turns} turns`,
    '',
    header,
    '-'.repeat(header.length),
    ...Object.entries(report.byCategory).map(([name, t]) => row(name, t.conversations, t)),
    '-'.repeat(header.length),
    row('overall', report.conversations, report.overall),
    '',
    `conversations with every turn right: ${report.results.filter((r) => r.passed).length}/${report.results.length}`,
  ];
  return lines.join('\n');
}

/** Failed turns with what was said and replied, for `--verbose`. */
export function formatFailures(report: EvalReport): string {
  const out: string[] = [];
  for (const c of report.results) {
    for (const [i, t] of c.turns.entries()) {
      if (!t.score?.failures.length) continue;
      out.push(
        `✗ ${c.category}/${c.id} turn ${i + 1}: “${t.input}” → ${t.decision}${t.code ? ` ${t.code}` : ''}`,
        ...t.score.failures.map((f) => `    ${f}`),
        ...t.reply
          .slice(0, 700)
          .split('\n')
          .map((l) => `    | ${l}`),
      );
    }
  }
  return out.join('\n');
}
