import { createHash } from 'node:crypto';
import type { ProcessorJob } from '../../app/invoker';
import { badRequest, methodNotAllowed, notFound, unauthorized, unavailable } from '../../http/errors';
import { header, rawBody } from '../../http/request';
import { ok, toHttpResult } from '../../http/respond';
import type { HttpEvent, HttpResult } from '../../http/types';
import { botEventKey, parseBotUpdate } from './bot-events';
import type { WebhookContext } from './context';
import { createEventClaims } from './event-claims';
import { HANDLED_OA_EVENTS, isIgnoredOaEvent, OaEventSchema, oaEventKey, oaUserId } from './oa-events';
import { checkSignature, constantTimeEqualText, type SignatureVariant } from './signature';

export const OA_WEBHOOK_PATH = '/zalo/webhook';
export const BOT_WEBHOOK_PATH = '/zalo/bot/webhook';

export type WebhookContextProvider = () => WebhookContext | Promise<WebhookContext>;

const ACK = () => ok({ ok: true });

/** Logged once per process: which signature variant real deliveries match (bring-up aid). */
const announcedVariants = new Set<SignatureVariant>();

/**
 * `POST /zalo/webhook` (OA) and `POST /zalo/bot/webhook` (Bot Platform): verify, drop echoes and
 * duplicates, hand the event to the processor asynchronously, answer 200 at once. The work that
 * takes time (understanding, answering, sending) happens in the processor, never here.
 */
export function createZaloWebhookHandler(provide: WebhookContextProvider) {
  return async function zaloWebhook(event: HttpEvent): Promise<HttpResult> {
    const ctx = await provide();
    try {
      const path = event.rawPath.replace(/\/+$/u, '') || '/';
      if (path !== OA_WEBHOOK_PATH && path !== BOT_WEBHOOK_PATH) throw notFound('Không có đường dẫn này.');
      if (event.requestContext.http.method.toUpperCase() !== 'POST') {
        throw methodNotAllowed();
      }
      return path === OA_WEBHOOK_PATH ? await receiveOaEvent(ctx, event) : await receiveBotUpdate(ctx, event);
    } catch (error) {
      return toHttpResult(error, ctx.log);
    }
  };
}

async function receiveOaEvent(ctx: WebhookContext, event: HttpEvent): Promise<HttpResult> {
  const { config, log } = ctx;
  const body = rawBody(event);
  const signature = header(event, 'x-zevent-signature');
  let parsed: unknown;
  let parsedOk = true;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsedOk = false;
  }

  if (!signature) {
    // Saving the webhook URL (and console tests) send an unsigned `{}`: acknowledge, do nothing.
    if (parsedOk && isEmptyObject(parsed)) {
      log.info('zalo_webhook_probe');
      return ACK();
    }
    log.warn('zalo_webhook_refused', { reason: 'missing_signature' });
    throw unauthorized('Chữ ký sự kiện không hợp lệ.');
  }

  const bodyTimestamp = parsedOk ? timestampOf(parsed) : undefined;
  const timestamp = bodyTimestamp ?? header(event, 'x-zevent-timestamp');
  const check = checkSignature(config.zalo.signatureVariant, config.zalo, body, timestamp, signature);
  if (!check.ok) {
    log.warn('zalo_webhook_refused', { reason: check.reason });
    if (check.otherVariant) {
      log.warn('zalo_signature_variant_mismatch', {
        configured: config.zalo.signatureVariant,
        matched: check.otherVariant,
      });
    }
    throw unauthorized('Chữ ký sự kiện không hợp lệ.');
  }
  if (!announcedVariants.has(check.variant)) {
    announcedVariants.add(check.variant);
    log.info('zalo_signature_variant', { variant: check.variant });
  }
  // Zalo retries for hours, so an old timestamp is not refused: replays are stopped by the msg_id claim.
  if (!parsedOk) throw badRequest('invalid_json', 'Nội dung gửi lên không phải JSON hợp lệ.');
  if (isEmptyObject(parsed)) return ACK();

  const result = OaEventSchema.safeParse(parsed);
  if (!result.success) {
    // Signed by Zalo but not a shape we know: acknowledge, or Zalo retries and may disable the hook.
    log.warn('zalo_event_unreadable', { issues: result.error.issues.length });
    return ACK();
  }
  const oaEvent = result.data;
  if (isIgnoredOaEvent(oaEvent.event_name)) {
    log.debug('zalo_event_ignored', { eventName: oaEvent.event_name });
    return ACK();
  }
  if (!HANDLED_OA_EVENTS.has(oaEvent.event_name) || !oaUserId(oaEvent)) {
    log.info('zalo_event_unhandled', { eventName: oaEvent.event_name });
    return ACK();
  }
  const key = oaEventKey(oaEvent, sha256(body));
  return handOff(ctx, key, { type: 'zalo_event', event: oaEvent, receivedAt: ctx.clock.now().toISOString() });
}

async function receiveBotUpdate(ctx: WebhookContext, event: HttpEvent): Promise<HttpResult> {
  const { config, log } = ctx;
  const expected = config.zalo.botSecretToken;
  const given = header(event, 'x-bot-api-secret-token');
  if (!expected || !given || !constantTimeEqualText(given, expected)) {
    log.warn('zalo_bot_webhook_refused', { reason: expected ? 'bad_secret' : 'not_configured' });
    throw unauthorized('Mã bí mật không hợp lệ.');
  }
  const body = rawBody(event);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw badRequest('invalid_json', 'Nội dung gửi lên không phải JSON hợp lệ.');
  }
  const update = parseBotUpdate(parsed);
  if (!update) {
    log.info('zalo_bot_update_unreadable');
    return ACK();
  }
  if (update.message.from?.is_bot) return ACK();
  return handOff(ctx, botEventKey(update), {
    type: 'zalo_bot_event',
    event: update,
    receivedAt: ctx.clock.now().toISOString(),
  });
}

/**
 * Claim first, so concurrent duplicates are dropped; release the claim if the hand-off fails and
 * answer 503, so Zalo delivers the event again instead of it being lost.
 */
async function handOff(ctx: WebhookContext, key: string, job: ProcessorJob): Promise<HttpResult> {
  const claims = createEventClaims(ctx.stores.guards);
  let claimed: boolean;
  try {
    claimed = await claims.claim(key, ctx.clock.now());
  } catch (error) {
    ctx.log.error('zalo_claim_failed', { error });
    throw unavailable();
  }
  if (!claimed) {
    ctx.log.info('zalo_event_duplicate', { type: job.type });
    return ACK();
  }
  try {
    await ctx.invoker.invoke(job);
  } catch (error) {
    ctx.log.error('zalo_handoff_failed', { type: job.type, error });
    await claims
      .release(key)
      .catch((releaseError: unknown) => ctx.log.error('zalo_claim_release_failed', { error: releaseError }));
    throw unavailable();
  }
  return ACK();
}

function isEmptyObject(value: unknown): boolean {
  return !!value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0;
}

function timestampOf(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const t = (value as { timestamp?: unknown }).timestamp;
  if (typeof t === 'string' && t !== '') return t;
  if (typeof t === 'number' && Number.isFinite(t)) return String(t);
  return undefined;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
