import { AsyncLocalStorage } from 'node:async_hooks';
import { redact } from './redact';

/** Bindings of the request being served (its id), added to every line logged while serving it. */
const requestScope = new AsyncLocalStorage<Record<string, unknown>>();

/** Runs `work` with `bindings` (e.g. the API Gateway request id) on every log line it writes. */
export function withLogContext<T>(bindings: Record<string, unknown>, work: () => T): T {
  return requestScope.run(bindings, work);
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
      ...requestScope.getStore(),
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
