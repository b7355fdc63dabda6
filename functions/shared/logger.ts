import { redact } from './redact';

/**
 * Bindings of the invocation being served (its request id), added to every line logged while it is
 * served. A Lambda execution environment serves one invocation at a time, so one module-level value
 * is exact there; Powertools' Logger binds the request id the same way (`addContext`). Node's
 * AsyncLocalStorage would follow concurrent requests too, but in Node 20 and 22 it installs promise
 * hooks that run on every promise of every turn (3–5 % of a web turn's server CPU, issue 17). The
 * local server serves requests concurrently, so its events carry no request id and bind nothing.
 */
let invocation: Record<string, unknown> | undefined;

/** Runs `work` with `bindings` (e.g. the API Gateway request id) on every log line it writes. */
export async function withLogContext<T>(
  bindings: Record<string, unknown>,
  work: () => Promise<T>,
): Promise<T> {
  invocation = bindings;
  try {
    return await work();
  } finally {
    if (invocation === bindings) invocation = undefined;
  }
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export interface Logger {
  debug(event: string, data?: Record<string, unknown>): void;
  info(event: string, data?: Record<string, unknown>): void;
  warn(event: string, data?: Record<string, unknown>): void;
  error(event: string, data?: Record<string, unknown>): void;
  child(bindings: Record<string, unknown>): Logger;
}

export type LogSink = (line: string) => void;

/** Structured JSON lines on stderr (CloudWatch picks them up); every value passes through `redact`. */
export function createLogger(
  level: LogLevel = 'info',
  bindings: Record<string, unknown> = {},
  sink: LogSink = (line) => process.stderr.write(`${line}\n`),
): Logger {
  const write = (lvl: Exclude<LogLevel, 'silent'>, event: string, data?: Record<string, unknown>) => {
    if (ORDER[lvl] < ORDER[level]) return;
    const record = {
      t: new Date().toISOString(),
      level: lvl,
      event,
      ...invocation,
      ...bindings,
      ...(data ?? {}),
    };
    sink(JSON.stringify(redact(record)));
  };
  return {
    debug: (e, d) => write('debug', e, d),
    info: (e, d) => write('info', e, d),
    warn: (e, d) => write('warn', e, d),
    error: (e, d) => write('error', e, d),
    child: (more) => createLogger(level, { ...bindings, ...more }, sink),
  };
}

/** Test hook: every line any logger wrote, so a suite can scan them for personal data. */
export const capturedLogLines: string[] = [];
export function capturingSink(inner?: LogSink): LogSink {
  return (line) => {
    capturedLogLines.push(line);
    inner?.(line);
  };
}
