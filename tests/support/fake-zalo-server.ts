import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

/**
 * A fake of Zalo's servers on loopback — the OA API (`/v3.0/oa/message/cs`), ZNS
 * (`/message/template`), the OAuth v4 server (`/v4/oa/access_token`) and the Bot Platform
 * (`/bot<TOKEN>/<method>`) — behaving as the
 * reference describes: HTTP 200 with an error code in the body, single-use refresh tokens, PKCE.
 * It records every request and can be scripted ("the next send answers -216", "5xx twice").
 * Pass its `url` as ZALO_OA_API_BASE, ZALO_ZNS_API_BASE, ZALO_OAUTH_BASE and ZALO_BOT_API_BASE.
 */

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  json?: unknown;
  form?: Record<string, string>;
}

/**
 * A scripted answer: a Zalo error code in a 200 body, a bare HTTP status, a dropped connection, or
 * a slow server that accepts the message (it counts as delivered) and answers only after `ms`.
 */
export type Scripted =
  | { error: number; message?: string }
  | { status: number }
  | { drop: true }
  | { acceptSlowly: number }
  | { botError: number; description?: string };

/** One call to the fake ZNS endpoint (`POST /message/template`). */
export interface ZnsSend {
  accessToken: string;
  phone: string;
  templateId: string;
  templateData: Record<string, string>;
  trackingId?: string;
  error: number;
}

export interface OaSend {
  accessToken: string;
  userId: string;
  message: {
    text?: string;
    attachment?: {
      type: string;
      payload: { buttons?: { title: string; type: string; payload: unknown }[]; template_type?: string };
    };
  };
  /** What the fake answered. */
  error: number;
}

export interface FakeZaloServerOptions {
  appId?: string;
  appSecret?: string;
  accessToken?: string;
  refreshToken?: string;
  botToken?: string;
}

export const FAKE_ZALO_DEFAULTS = {
  appId: '4321987654321098765',
  appSecret: 'fake-app-secret',
  oaSecretKey: 'fake-oa-secret-key',
  accessToken: 'access-token-0',
  refreshToken: 'refresh-token-0',
  botToken: '1234567890:fake-bot-secret',
  botSecretToken: 'fake-webhook-secret-token',
} as const;

/** ZALO_* settings pointing at the fake server, as an operator would set them. */
export function zaloEnv(
  fake: Pick<FakeZaloServer, 'url'> | undefined,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    ZALO_APP_ID: FAKE_ZALO_DEFAULTS.appId,
    ZALO_OA_SECRET_KEY: FAKE_ZALO_DEFAULTS.oaSecretKey,
    ZALO_APP_SECRET: FAKE_ZALO_DEFAULTS.appSecret,
    ZALO_ACCESS_TOKEN: FAKE_ZALO_DEFAULTS.accessToken,
    ZALO_REFRESH_TOKEN: FAKE_ZALO_DEFAULTS.refreshToken,
    ZALO_BOT_TOKEN: FAKE_ZALO_DEFAULTS.botToken,
    ZALO_BOT_SECRET_TOKEN: FAKE_ZALO_DEFAULTS.botSecretToken,
    ...(fake
      ? {
          ZALO_OA_API_BASE: fake.url,
          ZALO_OAUTH_BASE: fake.url,
          ZALO_BOT_API_BASE: fake.url,
          ZALO_ZNS_API_BASE: fake.url,
        }
      : {}),
    ...extra,
  };
}

export interface FakeZaloServer {
  url: string;
  requests: RecordedRequest[];
  /** Every call to the OA send endpoint, answered with success or not. */
  oaSends(): OaSend[];
  /** The sends the fake accepted (error 0). */
  delivered(): OaSend[];
  oauthCalls(): RecordedRequest[];
  botSends(): { chatId: string; text: string; ok: boolean }[];
  /** Every call to the ZNS endpoint; `error: 0` ones were accepted. */
  znsSends(): ZnsSend[];
  /** The pair currently valid at the fake. */
  tokens(): { accessToken: string; refreshToken: string };

  script: {
    oa(...answers: Scripted[]): void;
    zns(...answers: Scripted[]): void;
    oauth(...answers: Scripted[]): void;
    bot(...answers: Scripted[]): void;
  };
  /** Registers an approved ZNS template and its parameters; other template ids are refused. */
  approveZnsTemplate(templateId: string, params: string[]): void;
  /** Registers an authorisation code the admin "received" for this PKCE challenge. */
  issueCode(code: string, challenge: string): void;
  /** Waits until `predicate` holds (polling the recorded requests) or fails after `timeoutMs`. */
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  reset(): void;
  close(): Promise<void>;
}

export async function startFakeZaloServer(options: FakeZaloServerOptions = {}): Promise<FakeZaloServer> {
  const appId = options.appId ?? FAKE_ZALO_DEFAULTS.appId;
  const appSecret = options.appSecret ?? FAKE_ZALO_DEFAULTS.appSecret;
  const botToken = options.botToken ?? FAKE_ZALO_DEFAULTS.botToken;
  let accessToken: string = options.accessToken ?? FAKE_ZALO_DEFAULTS.accessToken;
  let refreshToken: string = options.refreshToken ?? FAKE_ZALO_DEFAULTS.refreshToken;
  let generation = 0;
  let messageCounter = 0;
  const requests: RecordedRequest[] = [];
  const sends: OaSend[] = [];
  const bots: { chatId: string; text: string; ok: boolean }[] = [];
  const queues = {
    oa: [] as Scripted[],
    zns: [] as Scripted[],
    oauth: [] as Scripted[],
    bot: [] as Scripted[],
  };
  const zns: ZnsSend[] = [];
  const znsTemplates = new Map<string, string[]>();
  const codes = new Map<string, string>();

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const record = recordOf(req, body);
      requests.push(record);
      route(record, res);
    });
  });

  function route(r: RecordedRequest, res: ServerResponse) {
    if (r.method === 'POST' && r.path === '/v3.0/oa/message/cs') return oaSend(r, res);
    if (r.method === 'POST' && r.path === '/message/template') return znsSend(r, res);
    if (r.method === 'POST' && r.path === '/v4/oa/access_token') return oauth(r, res);
    const bot = /^\/bot([^/]+)\/(\w+)$/u.exec(r.path);
    if (r.method === 'POST' && bot) return botCall(decodeURIComponent(bot[1] ?? ''), bot[2] ?? '', r, res);
    send(res, 404, { error: 404, message: 'not found' });
  }

  /** Applies a scripted answer if one is queued; true when it answered. */
  function scripted(
    queue: Scripted[],
    res: ServerResponse,
    onError?: (code: number) => void,
    accepted?: () => unknown,
  ): boolean {
    const next = queue.shift();
    if (!next) return false;
    if ('acceptSlowly' in next) {
      const body = accepted?.() ?? { error: 0, message: 'Success' };
      onError?.(0);
      setTimeout(() => {
        if (!res.destroyed) send(res, 200, body);
      }, next.acceptSlowly);
      return true;
    }
    if ('drop' in next) {
      res.socket?.destroy();
      return true;
    }
    if ('status' in next) {
      send(res, next.status, { message: 'scripted failure' });
      return true;
    }
    if ('botError' in next) {
      send(res, 200, { ok: false, error_code: next.botError, description: next.description ?? 'scripted' });
      return true;
    }
    onError?.(next.error);
    send(res, 200, { error: next.error, message: next.message ?? 'scripted error' });
    return true;
  }

  function oaSend(r: RecordedRequest, res: ServerResponse) {
    const token = r.headers.access_token ?? '';
    const parsed = (r.json ?? {}) as { recipient?: { user_id?: unknown }; message?: OaSend['message'] };
    const entry: OaSend = {
      accessToken: token,
      userId: String(parsed.recipient?.user_id ?? ''),
      message: parsed.message ?? {},
      error: 0,
    };
    const anonymous = parsed.recipient as { anonymous_id?: unknown; conversation_id?: unknown } | undefined;
    if (!parsed.recipient?.user_id && anonymous?.anonymous_id && anonymous.conversation_id)
      entry.userId = `anon:${String(anonymous.anonymous_id)}:${String(anonymous.conversation_id)}`;
    sends.push(entry);
    let slow = false;
    const accept = () => {
      slow = true;
      messageCounter++;
      return { error: 0, message: 'Success', data: { message_id: `fake-msg-${messageCounter}` } };
    };
    if (scripted(queues.oa, res, (code) => (entry.error = code), accept)) {
      if (entry.error === 0 && !slow) entry.error = -1;
      return;
    }
    const answer = (error: number, message: string) => {
      entry.error = error;
      send(res, 200, { error, message });
    };
    if (token !== accessToken) return answer(-216, 'Access token is invalid');
    if (!/^(\d{5,25}|anon:[\w-]+:[\w-]+)$/u.test(entry.userId)) return answer(-201, 'user_id is invalid');
    const m = entry.message;
    if (m.text !== undefined && (typeof m.text !== 'string' || m.text.length > 2000))
      return answer(-201, 'text is too long');
    const payload = m.attachment?.payload;
    if (payload?.buttons && (payload.buttons.length > 5 || payload.template_type))
      return answer(-201, 'buttons are invalid');
    if (payload?.buttons?.some((b) => b.title.length > 100)) return answer(-201, 'button title is too long');
    messageCounter++;
    send(res, 200, {
      error: 0,
      message: 'Success',
      data: {
        message_id: `fake-msg-${messageCounter}`,
        user_id: entry.userId,
        sent_time: String(Date.now()),
      },
    });
  }

  function znsSend(r: RecordedRequest, res: ServerResponse) {
    const json = (r.json ?? {}) as {
      phone?: unknown;
      template_id?: unknown;
      template_data?: Record<string, string>;
      tracking_id?: unknown;
    };
    const entry: ZnsSend = {
      accessToken: r.headers.access_token ?? '',
      phone: String(json.phone ?? ''),
      templateId: String(json.template_id ?? ''),
      templateData: json.template_data ?? {},
      ...(json.tracking_id !== undefined ? { trackingId: String(json.tracking_id) } : {}),
      error: 0,
    };
    zns.push(entry);
    let slow = false;
    const accept = () => {
      slow = true;
      return { error: 0, message: 'Success', data: { msg_id: `fake-zns-${zns.length}` } };
    };
    if (scripted(queues.zns, res, (code) => (entry.error = code), accept)) {
      if (entry.error === 0 && !slow) entry.error = -1;
      return;
    }
    const answer = (error: number, message: string) => {
      entry.error = error;
      send(res, 200, { error, message });
    };
    if (entry.accessToken !== accessToken) return answer(-124, 'Access token is invalid');
    // ZNS addresses phones in international form without "+": 84 and 9 or 10 digits.
    if (!/^84\d{9,10}$/u.test(entry.phone)) return answer(-108, 'Phone number is invalid');
    const params = znsTemplates.get(entry.templateId);
    if (!params) return answer(-1123, 'Template is not approved');
    const given = Object.keys(entry.templateData).sort();
    if (JSON.stringify(given) !== JSON.stringify([...params].sort()))
      return answer(-1124, 'template_data does not match the template');
    send(res, 200, {
      error: 0,
      message: 'Success',
      data: { msg_id: `fake-zns-${zns.length}`, sent_time: String(Date.now()) },
    });
  }

  function oauth(r: RecordedRequest, res: ServerResponse) {
    if (scripted(queues.oauth, res)) return;
    const form = r.form ?? {};
    if (r.headers.secret_key !== appSecret || form.app_id !== appId) {
      return send(res, 200, {
        error: -14002,
        error_name: 'Invalid app',
        error_reason: 'secret_key or app_id is wrong',
      });
    }
    const issue = () => {
      generation++;
      accessToken = `access-token-${generation}`;
      refreshToken = `refresh-token-${generation}`;
      send(res, 200, { access_token: accessToken, refresh_token: refreshToken, expires_in: '90000' });
    };
    if (form.grant_type === 'refresh_token') {
      // A refresh token works once: the pair rotates, the old refresh token is dead.
      if (form.refresh_token !== refreshToken)
        return send(res, 200, { error: -14014, error_name: 'Invalid refresh token' });
      return issue();
    }
    if (form.grant_type === 'authorization_code') {
      const challenge = codes.get(form.code ?? '');
      codes.delete(form.code ?? '');
      const computed = createHash('sha256')
        .update(form.code_verifier ?? '', 'ascii')
        .digest('base64url');
      if (!challenge || challenge !== computed)
        return send(res, 200, { error: -14019, error_name: 'Invalid code' });
      return issue();
    }
    send(res, 200, { error: -14003, error_name: 'Invalid grant type' });
  }

  function botCall(token: string, method: string, r: RecordedRequest, res: ServerResponse) {
    const json = (r.json ?? {}) as { chat_id?: unknown; text?: unknown };
    if (method === 'sendMessage')
      bots.push({ chatId: String(json.chat_id ?? ''), text: String(json.text ?? ''), ok: false });
    const entry = bots[bots.length - 1];
    if (method === 'sendMessage' && scripted(queues.bot, res)) return;
    if (token !== botToken)
      return send(res, 200, { ok: false, error_code: 401, description: 'Unauthorized' });
    if (method !== 'sendMessage')
      return send(res, 200, { ok: false, error_code: 404, description: 'Not Found' });
    const text = String(json.text ?? '');
    if (!json.chat_id || text.length < 1 || text.length > 2000) {
      return send(res, 200, { ok: false, error_code: 400, description: 'Bad Request' });
    }
    if (entry) entry.ok = true;
    messageCounter++;
    send(res, 200, { ok: true, result: { message_id: `fake-bot-${messageCounter}`, date: Date.now() } });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    requests,
    oaSends: () => sends,
    delivered: () => sends.filter((s) => s.error === 0),
    oauthCalls: () => requests.filter((r) => r.path === '/v4/oa/access_token'),
    botSends: () => bots,
    znsSends: () => zns,
    tokens: () => ({ accessToken, refreshToken }),
    script: {
      oa: (...answers) => queues.oa.push(...answers),
      zns: (...answers) => queues.zns.push(...answers),
      oauth: (...answers) => queues.oauth.push(...answers),
      bot: (...answers) => queues.bot.push(...answers),
    },
    approveZnsTemplate: (templateId, params) => znsTemplates.set(templateId, params),
    issueCode: (code, challenge) => codes.set(code, challenge),
    async waitFor(predicate, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error('fake Zalo server: condition not reached in time');
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    reset() {
      requests.length = 0;
      sends.length = 0;
      bots.length = 0;
      zns.length = 0;
      queues.oa.length = 0;
      queues.zns.length = 0;
      queues.oauth.length = 0;
      queues.bot.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}

function recordOf(req: IncomingMessage, body: string): RecordedRequest {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k.toLowerCase()] = v;
  const url = new URL(req.url ?? '/', 'http://fake');
  const record: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname, headers, body };
  const type = headers['content-type'] ?? '';
  if (type.includes('application/json')) {
    try {
      record.json = JSON.parse(body);
    } catch {
      /* recorded as text only */
    }
  } else if (type.includes('application/x-www-form-urlencoded')) {
    record.form = Object.fromEntries(new URLSearchParams(body));
  }
  return record;
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

// ---- signed events, as Zalo would deliver them ----

export type FakeSignatureVariant = 'oa_secret_sha256' | 'app_secret_sha256' | 'oa_secret_hmac';

/** The `X-ZEvent-Signature` header value for a raw body (reference §1). */
export function zaloSignature(
  rawBody: string,
  timestamp: string,
  keys: { appId?: string; oaSecretKey?: string; appSecret?: string; variant?: FakeSignatureVariant } = {},
): string {
  const appId = keys.appId ?? FAKE_ZALO_DEFAULTS.appId;
  const oaSecretKey = keys.oaSecretKey ?? FAKE_ZALO_DEFAULTS.oaSecretKey;
  const appSecret = keys.appSecret ?? FAKE_ZALO_DEFAULTS.appSecret;
  const variant = keys.variant ?? 'oa_secret_sha256';
  const hex =
    variant === 'oa_secret_hmac'
      ? createHmac('sha256', oaSecretKey)
          .update(appId + rawBody + timestamp)
          .digest('hex')
      : createHash('sha256')
          .update(appId + rawBody + timestamp + (variant === 'app_secret_sha256' ? appSecret : oaSecretKey))
          .digest('hex');
  return `mac=${hex}`;
}

const FIXTURES = fileURLToPath(new URL('../fixtures/zalo/', import.meta.url));

/** A fixture from tests/fixtures/zalo, with fields replaced (shallow merge, `message` merged too). */
export function zaloFixture(name: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const base = JSON.parse(readFileSync(`${FIXTURES}${name}.json`, 'utf8')) as Record<string, unknown>;
  const message =
    overrides.message && base.message
      ? { ...(base.message as object), ...(overrides.message as object) }
      : (overrides.message ?? base.message);
  return { ...base, ...overrides, ...(message ? { message } : {}) };
}

/** Body and headers of a signed OA delivery. */
export function signedDelivery(
  event: Record<string, unknown>,
  keys?: Parameters<typeof zaloSignature>[2],
): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify(event);
  const timestamp = String(event.timestamp ?? '');
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-zevent-signature': zaloSignature(body, timestamp, keys),
    },
  };
}
