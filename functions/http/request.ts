import * as z from 'zod/mini';
import type * as core from 'zod/v4/core';
import { badRequest, tooLarge } from './errors';
import type { HttpEvent } from './types';

/** Largest body any route accepts; chat text is capped at 2,000 characters well below this. */
export const MAX_BODY_BYTES = 64 * 1024;

export function header(event: HttpEvent, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [k, v] of Object.entries(event.headers ?? {})) if (k.toLowerCase() === wanted) return v;
  return undefined;
}

export function rawBody(event: HttpEvent): string {
  if (!event.body) return '';
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(text, 'utf8') > MAX_BODY_BYTES) {
    throw tooLarge('body_too_large', 'Nội dung gửi lên quá lớn.');
  }
  return text;
}

/** Parses the JSON body and validates it; every failure is a 400 in the contract's shape. */
export function parseJsonBody<T extends core.$ZodType>(event: HttpEvent, schema: T): core.output<T> {
  const text = rawBody(event);
  const type = header(event, 'content-type');
  if (type && !/^application\/(.+\+)?json\b/iu.test(type) && !/^text\/plain\b/iu.test(type)) {
    throw badRequest('unsupported_content_type', 'Nội dung phải ở dạng JSON.');
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw badRequest('invalid_json', 'Nội dung gửi lên không phải JSON hợp lệ.');
  }
  // Any zod schema, classic or mini: the functional form parses both.
  const parsed = z.safeParse(schema, data);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first?.path.length ? ` (${first.path.join('.')})` : '';
    throw badRequest('invalid_request', `Dữ liệu không hợp lệ${where}.`);
  }
  return parsed.data;
}

export function bearerToken(event: HttpEvent): string | undefined {
  const value = header(event, 'authorization');
  const match = value?.match(/^Bearer\s+(\S+)\s*$/iu);
  return match?.[1];
}

export function query(event: HttpEvent, name: string): string | undefined {
  const v = event.queryStringParameters?.[name];
  if (v !== undefined) return v;
  if (!event.rawQueryString) return undefined;
  return new URLSearchParams(event.rawQueryString).get(name) ?? undefined;
}
