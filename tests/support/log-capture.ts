/**
 * Captures every line written to the process's standard error and output while a suite runs (the
 * JSON logger writes to stderr; nothing should print personal data anywhere), and scans them for
 * personal data in clear: phone numbers, 12-digit citizen ids, e-mail addresses, and the exact
 * values a suite planted (names, phones, ids, tokens). The patterns are written independently of
 * functions/shared/redact.ts, so a gap in the redaction is not mirrored by the scan.
 */
export interface LogCapture {
  readonly lines: string[];
  stop(): void;
}

export function captureProcessLogs(options: { echo?: boolean } = {}): LogCapture {
  const lines: string[] = [];
  const originals = {
    err: process.stderr.write.bind(process.stderr),
    out: process.stdout.write.bind(process.stdout),
  };
  const intercept =
    (original: typeof originals.err) =>
    (chunk: unknown, ...rest: unknown[]): boolean => {
      const text =
        typeof chunk === 'string'
          ? chunk
          : Buffer.isBuffer(chunk) || chunk instanceof Uint8Array
            ? Buffer.from(chunk).toString('utf8')
            : String(chunk);
      for (const line of text.split('\n')) if (line.trim()) lines.push(line);
      if (options.echo) return (original as (c: unknown, ...r: unknown[]) => boolean)(chunk, ...rest);
      const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    };
  process.stderr.write = intercept(originals.err) as typeof process.stderr.write;
  process.stdout.write = intercept(originals.out) as typeof process.stdout.write;
  return {
    lines,
    stop() {
      process.stderr.write = originals.err;
      process.stdout.write = originals.out;
    },
  };
}

export interface PersonalDataFinding {
  kind: 'phone' | 'citizen_id' | 'email' | 'planted';
  match: string;
  line: string;
}

/** Dossier codes identify a case, not a person, and stay readable; their digits are not phones. */
const DOSSIER_CODE = /[A-Z0-9]+(?:\.[A-Z0-9]+)*-\d{6}-\d{4}/gu;
/** ISO timestamps and dates, whose digit runs are not personal data either. */
const TIMESTAMP = /\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?/gu;

const PATTERNS: { kind: PersonalDataFinding['kind']; re: RegExp }[] = [
  // Vietnamese mobile and landline numbers, national or +84, with or without separators.
  {
    kind: 'phone',
    re: /(?<![\p{L}\p{N}])(?:(?:\+84|84)[\s.-]?|0)\d{2,3}(?:[\s.-]?\d){6,7}(?![\p{L}\p{N}])/gu,
  },
  { kind: 'citizen_id', re: /(?<![\p{L}\p{N}])\d{3}[\s.]?\d{3}[\s.]?\d{3}[\s.]?\d{3}(?![\p{L}\p{N}])/gu },
  { kind: 'email', re: /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu },
];

export function findPersonalData(
  lines: readonly string[],
  planted: readonly string[] = [],
): PersonalDataFinding[] {
  const findings: PersonalDataFinding[] = [];
  for (const line of lines) {
    const scrubbed = line.replace(DOSSIER_CODE, '[code]').replace(TIMESTAMP, '[time]');
    for (const { kind, re } of PATTERNS) {
      for (const m of scrubbed.matchAll(re)) findings.push({ kind, match: m[0], line: line.slice(0, 400) });
    }
    for (const value of planted) {
      if (value && (line.includes(value) || line.includes(JSON.stringify(value).slice(1, -1)))) {
        findings.push({ kind: 'planted', match: value, line: line.slice(0, 400) });
      }
    }
  }
  return findings;
}
