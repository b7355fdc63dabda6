import { createHash } from 'node:crypto';
import type { ProcessorJob } from '../../app/invoker';
import { badRequest, methodNotAllowed, notFound, unauthorized } from '../../http/errors';
import { header, rawBody } from '../../http/request';
import { ok, toHttpResult } from '../../http/respond';
import type { HttpEvent, HttpResult } from '../../http/types';
import { botEventKey, parseBotUpdate } from './bot-events';
import type { WebhookContext } from './context';
import { createEventClaims } from './event-claims';
import { createHandoffQueue } from './handoff-queue';
import { isHandledOaEvent, isIgnoredOaEvent, OaEventSchema, oaEventKey } from './oa-events';
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
      return path === OA_WEBHOOK_PATH
        ? await receiveOaEventSafely(ctx, event)
        : await receiveBotUpdate(ctx, event);
    } catch (error) {
      return toHttpResult(error, ctx.log);
    }
  };
}

/**
 * Every OA delivery is answered 200 (contract): Zalo retries anything else and then switches the
 * webhook off, so one wrong setting would take the OA offline. A refused event is not processed,
 * and that is the whole refusal: it is counted (the `zalo_webhook_refused` log event feeds a
 * CloudWatch metric and alarm) and logged with a reason only, never the body.
 */
function refuse(ctx: WebhookContext, reason: string): HttpResult {
  // The event name is what the refusal alarm counts (infra/constructs/ops-alarms.ts).
  ctx.log.warn('zalo_webhook_refused', { reason });
  return ACK();
}

/** Even a failure of our own is answered 200 on the OA path: a 5xx would get the webhook switched off. */
async function receiveOaEventSafely(ctx: WebhookContext, event: HttpEvent): Promise<HttpResult> {
  try {
    return await receiveOaEvent(ctx, event);
  } catch (error) {
    // Counted by the hand-off alarm: the event was not handed over.
    ctx.log.error('zalo_handoff_failed', { stage: 'webhook', error });
    return ACK();
  }
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
    return refuse(ctx, 'missing_signature');
  }

  const bodyTimestamp = parsedOk ? timestampOf(parsed) : undefined;
  const timestamp = bodyTimestamp ?? header(event, 'x-zevent-timestamp');
  const check = checkSignature(config.zalo.signatureVariant, config.zalo, body, timestamp, signature);
  if (!check.ok) {
    if (check.otherVariant) {
      log.warn('zalo_signature_variant_mismatch', {
        configured: config.zalo.signatureVariant,
        matched: check.otherVariant,
      });
    }
    return refuse(ctx, check.reason);
  }
  if (!announcedVariants.has(check.variant)) {
    announcedVariants.add(check.variant);
    log.info('zalo_signature_variant', { variant: check.variant });
  }
  // Zalo retries for hours, so an old timestamp is not refused: replays are stopped by the msg_id claim.
  if (!parsedOk) return refuse(ctx, 'invalid_json');
  if (isEmptyObject(parsed)) return ACK();

  const result = OaEventSchema.safeParse(parsed);
  if (!result.success) {
    // Signed by Zalo but not a shape we know: acknowledge, or Zalo retries and may disable the hook.
    log.warn('zalo_event_unreadable', { issues: result.error.issues.length });
    return ACK();
  }
  const oaEvent = result.data;
  if (config.zalo.appId && oaEvent.app_id && oaEvent.app_id !== config.zalo.appId) {
    return refuse(ctx, 'unknown_app');
  }
  const handled = isHandledOaEvent(oaEvent, config.zalo.withdrawEvent);
  if (!handled) {
    if (isIgnoredOaEvent(oaEvent.event_name))
      log.debug('zalo_event_ignored', { eventName: oaEvent.event_name });
    else log.info('zalo_event_unhandled', { eventName: oaEvent.event_name });
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

/** Parked jobs the webhook hands over itself: few, Zalo waits for this answer (the schedule takes the rest). */
const REDRIVE_IN_WEBHOOK = 5;
/** How often one container looks for parked hand-offs after a successful one. */
const REDRIVE_EVERY_MS = 60_000;
/**
 * Per set of stores (one per container; tests build several): when this container parked a job it
 * has not seen handed over yet, and when it last looked. Only a container that parked looks: the
 * look is a Query, and doing it once a minute in every container put one Query on nearly every
 * webhook call of a quiet OA (issue 17), while parking only happens during an outage of the
 * processor. Jobs parked by other containers are handed over by the scheduled `zalo_redrive` job.
 */
const parkedHere = new WeakMap<object, { lastLook: number }>();

/**
 * Claim first, so concurrent duplicates are dropped; then invoke the processor. A failed invoke is
 * tried once more, then the job is parked in the webhook's own retry queue and handed over later;
 * Zalo gets its 200 either way. Only when even parking fails is the claim released, so that a
 * redelivery by Zalo (if one comes) is processed rather than dropped as a duplicate.
 */
async function handOff(ctx: WebhookContext, key: string, job: ProcessorJob): Promise<HttpResult> {
  const claims = createEventClaims(ctx.stores.guards);
  const queue = createHandoffQueue(ctx.stores.tables.conversations);
  let claimed: boolean;
  try {
    claimed = await claims.claim(key, ctx.clock.now());
  } catch (error) {
    // Without the claim store there is no de-duplication; processing twice is worse than a
    // parked job the processor de-duplicates itself, so park it.
    ctx.log.error('zalo_claim_failed', { error });
    claimed = true;
  }
  if (!claimed) {
    ctx.log.info('zalo_event_duplicate', { type: job.type });
    return ACK();
  }
  try {
    await invokeWithOneRetry(ctx, job);
  } catch (error) {
    // Counted by the hand-off alarm (infra/constructs/ops-alarms.ts).
    ctx.log.error('zalo_handoff_failed', { type: job.type, error });
    try {
      await queue.park(key, job, ctx.clock.now());
      if (!parkedHere.has(ctx.stores)) parkedHere.set(ctx.stores, { lastLook: ctx.clock.now().getTime() });
      ctx.log.warn('zalo_handoff_parked', { type: job.type });
    } catch (parkError) {
      ctx.log.error('zalo_handoff_lost', { type: job.type, error: parkError });
      await claims
        .release(key)
        .catch((releaseError: unknown) =>
          ctx.log.error('zalo_claim_release_failed', { error: releaseError }),
        );
    }
    return ACK();
  }
  const parked = parkedHere.get(ctx.stores);
  const now = ctx.clock.now().getTime();
  if (parked && now - parked.lastLook >= REDRIVE_EVERY_MS) {
    parked.lastLook = now;
    try {
      const { sent, left } = await queue.redrive(
        (job) => ctx.invoker.invoke(job),
        ctx.log,
        REDRIVE_IN_WEBHOOK,
      );
      // A full page may have more behind it: look again next time.
      if (left === 0 && sent < REDRIVE_IN_WEBHOOK) parkedHere.delete(ctx.stores);
    } catch (error) {
      ctx.log.warn('zalo_handoff_redrive_failed', { error });
    }
  }
  return ACK();
}

async function invokeWithOneRetry(ctx: WebhookContext, job: ProcessorJob): Promise<void> {
  try {
    await ctx.invoker.invoke(job);
  } catch (error) {
    ctx.log.warn('zalo_handoff_retry', { type: job.type, error });
    await ctx.invoker.invoke(job);
  }
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
