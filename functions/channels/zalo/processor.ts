import { createHash } from 'node:crypto';
import * as z from 'zod';
import type { ProcessorJob } from '../../app/invoker';
import { RateLimitedError } from '../../conversation/errors';
import type { ChatMessage, Inbound } from '../../conversation/model';
import { eraseCitizenData } from '../../privacy/erasure';
import { newId } from '../../shared/ids';
import { parseBotUpdate } from './bot-events';
import { userTag, type ZaloChannel } from './channel';
import type { ZaloContext } from './context';
import { createHandoffQueue } from './handoff-queue';
import { botUpdateToInbound, oaEventToInbound } from './inbound';
import { isIgnoredOaEvent, OaEventSchema, oaEventKey, routeOaEvent } from './oa-events';
import { createOutbox, type OutboxEntry } from './outbox';
import { windowState, type ZaloChannelName } from './recipient-store';
import { type ZaloRuntime, zaloRuntime } from './runtime';
import { zaloEraser } from './zalo-eraser';
import { WINDOW_CLOSED_CODES } from './zns-fallback';

/** Jobs arrive from our own webhook through Lambda, still checked: an edge is an edge. */
export const ProcessorJobSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('zalo_event'), event: z.unknown(), receivedAt: z.string() }),
  z.object({ type: z.literal('zalo_bot_event'), event: z.unknown(), receivedAt: z.string() }),
  z.object({
    type: z.literal('zalo_send'),
    channel: z.enum(['zalo', 'zalo_bot']),
    userId: z.string().min(1),
    messages: z.array(
      z.custom<ChatMessage>(
        (m) => !!m && typeof m === 'object' && typeof (m as ChatMessage).text === 'string',
      ),
    ),
  }),
  z.object({ type: z.literal('zalo_redrive') }),
]);

export type ProcessResult =
  | 'answered'
  | 'nothing_to_send'
  | 'duplicate'
  | 'ignored'
  | 'recorded'
  | 'rate_limited'
  | 'undelivered'
  | 'logged_only'
  /** The notices went as ZNS template messages (the consultation window was closed). */
  | 'sent_by_zns'
  | 'partly_undelivered'
  /** A person at the OA has the conversation in Zalo's OA manager: recorded, not answered. */
  | 'taken_over'
  /** The citizen withdrew consent: their data was erased. */
  | 'erased';

/** The processor's entry (Lambda handler, local queue): see `runZaloJob`. */
export async function processJob(ctx: ZaloContext, job: ProcessorJob, runtime?: ZaloRuntime): Promise<void> {
  await runZaloJob(ctx, job, runtime);
}

/**
 * The asynchronous half of the Zalo channel: turns a verified event into a conversation turn and
 * sends the replies; sends staff replies and notices, respecting the 7-day interaction window.
 * Failures it cannot settle are thrown, so Lambda (or the local queue) retries the job; the
 * outbox makes that retry resume instead of answering twice.
 */
export async function runZaloJob(
  ctx: ZaloContext,
  job: ProcessorJob,
  runtime: ZaloRuntime = zaloRuntime(ctx),
): Promise<ProcessResult> {
  const parsed = ProcessorJobSchema.safeParse(job);
  if (!parsed.success) {
    ctx.log.error('zalo_job_invalid');
    return 'ignored';
  }
  const valid = parsed.data as ProcessorJob;
  switch (valid.type) {
    case 'zalo_event':
      return processOaEvent(ctx, runtime, valid.event, valid.receivedAt);
    case 'zalo_bot_event':
      return processBotUpdate(ctx, runtime, valid.event, valid.receivedAt);
    case 'zalo_send':
      return processSend(ctx, runtime, valid.channel, valid.userId, valid.messages);
    case 'zalo_redrive': {
      // Parked jobs are run here and now; each one de-duplicates itself, so a crash midway is safe.
      const { left } = await createHandoffQueue(ctx.stores.tables.conversations).redrive(
        (job) => runZaloJob(ctx, job, runtime),
        ctx.log,
      );
      return left > 0 ? 'recorded' : 'nothing_to_send';
    }
  }
}

async function processOaEvent(
  ctx: ZaloContext,
  rt: ZaloRuntime,
  raw: unknown,
  receivedAt: string,
): Promise<ProcessResult> {
  const result = OaEventSchema.safeParse(raw);
  if (!result.success) {
    ctx.log.warn('zalo_event_unreadable');
    return 'ignored';
  }
  const event = result.data;
  const route = routeOaEvent(event, ctx.config.zalo.withdrawEvent);
  if (!route) {
    if (!isIgnoredOaEvent(event.event_name))
      ctx.log.info('zalo_event_unhandled', { eventName: event.event_name });
    return 'ignored';
  }
  const { userId } = route;
  const now = ctx.clock.now();

  switch (route.kind) {
    case 'unfollow':
      // Not an interaction: nothing may be sent to someone who left until they come back.
      await rt.recipients.markUnreachable(
        'zalo',
        userId,
        { code: -213, reason: 'unfollowed', at: now.toISOString() },
        now,
      );
      ctx.log.info('zalo_unfollow', { user: userTag(userId) });
      return 'recorded';
    case 'withdraw':
      // The citizen withdrew consent in Zalo: everything about them goes, and nothing more is sent.
      await eraseCitizenData(
        { ...ctx, channelErasers: [zaloEraser(ctx.stores.tables.conversations)] },
        { channel: 'zalo', userId },
        'zalo_withdraw',
      );
      return 'erased';
    case 'admin_echo':
      await rt.takeovers.mark(userId, event.sender?.admin_id, now, ctx.config.zalo.takeoverHours);
      ctx.log.info('zalo_taken_over', { user: userTag(userId), hours: ctx.config.zalo.takeoverHours });
      return 'recorded';
    case 'citizen':
      break;
  }

  let inbound = oaEventToInbound(event);
  if (!inbound) {
    ctx.log.info('zalo_event_unhandled', { eventName: event.event_name });
    return 'ignored';
  }
  await rt.recipients.touch('zalo', userId, interactionTime(event.timestamp, receivedAt, now));
  const key = oaEventKey(event, sha256(JSON.stringify(raw)));
  if (await rt.takeovers.activeUntil(userId, now)) {
    // A person at the OA is answering in Zalo's OA manager: the message goes to the transcript
    // for the console, and the assistant says nothing.
    await recordWhileTakenOver(ctx, userId, inbound, key);
    return 'taken_over';
  }
  inbound = await withChoiceResolved(rt.oa, userId, inbound);
  return answerTurn(ctx, rt, rt.oa, userId, inbound, key);
}

/** Once per event (a redelivery adds nothing): the citizen's message, as staff read it. */
async function recordWhileTakenOver(ctx: ZaloContext, userId: string, inbound: Inbound, key: string) {
  const now = ctx.clock.now();
  if (!(await ctx.stores.guards.claimOnce(`takeover:${key}`, now, 36 * 3600))) return;
  const text =
    inbound.kind === 'text'
      ? inbound.text
      : inbound.kind === 'attachment'
        ? `[Tệp đính kèm: ${inbound.type}]${inbound.url ? ` ${inbound.url}` : ''}`
        : `[${inbound.kind}]`;
  await ctx.stores.conversations.appendMessages(
    { channel: 'zalo', userId },
    [{ id: newId(now.getTime()), from: 'user', text, createdAt: now.toISOString() }],
    now,
  );
  ctx.log.info('zalo_silent_taken_over', { user: userTag(userId) });
}

async function processBotUpdate(
  ctx: ZaloContext,
  rt: ZaloRuntime,
  raw: unknown,
  receivedAt: string,
): Promise<ProcessResult> {
  const update = parseBotUpdate(raw);
  if (!update) {
    ctx.log.warn('zalo_bot_update_unreadable');
    return 'ignored';
  }
  const userId = update.message.chat.id;
  let inbound = botUpdateToInbound(update);
  if (!inbound) {
    // e.g. `message.unsupported.received` (protected users): no content, nothing to answer.
    ctx.log.info('zalo_bot_event_unhandled', { eventName: update.event_name });
    return 'ignored';
  }
  await rt.recipients.touch(
    'zalo_bot',
    userId,
    interactionTime(update.message.date, receivedAt, ctx.clock.now()),
  );
  inbound = await withChoiceResolved(rt.bot, userId, inbound);
  return answerTurn(
    ctx,
    rt,
    rt.bot,
    userId,
    inbound,
    `zalo_bot:${update.event_name}:${update.message.message_id}`,
  );
}

async function processSend(
  ctx: ZaloContext,
  rt: ZaloRuntime,
  channelName: ZaloChannelName,
  userId: string,
  messages: ChatMessage[],
): Promise<ProcessResult> {
  const first = messages[0];
  if (!first) return 'nothing_to_send';
  const now = ctx.clock.now();
  const user = userTag(userId);
  if (channelName === 'zalo') {
    // The OA may only write to citizens who interacted in the last 7 days (-230/-232 otherwise):
    // checked here so a closed window costs no API call; notices then go by ZNS where allowed.
    const window = windowState(await rt.recipients.lastInteraction('zalo', userId), now);
    if (window === 'closed') return sendOutsideWindow(ctx, rt, userId, messages, 'interaction_window_closed');
    if (window === 'billable') ctx.log.info('zalo_send_billable', { user });
  }
  const refused = await rt.recipients.unreachable(channelName, userId);
  if (refused) {
    if (channelName === 'zalo' && WINDOW_CLOSED_CODES.has(refused.code))
      return sendOutsideWindow(ctx, rt, userId, messages, 'recipient_unreachable', refused.code);
    await recordUndelivered(ctx, rt, channelName, userId, messages, 'recipient_unreachable', refused.code);
    return 'undelivered';
  }
  // A retried job (Lambda retries asynchronous invocations) resumes where the first run stopped.
  const key = `send:${first.id}`;
  const outbox = createOutbox(ctx.stores.tables.conversations);
  const pending = await outbox.get(key);
  if (pending && pending.settled >= pending.messages.length) return 'duplicate';
  if (!pending) await outbox.create(key, messages, now);
  return sendThroughOutbox(
    ctx,
    rt,
    rt.channel(channelName),
    userId,
    key,
    pending ?? {
      messages,
      settled: 0,
      parts: 0,
    },
  );
}

/**
 * The consultation window is closed: each notice goes as a ZNS template where the citizen consented
 * and a template is configured; the rest (staff replies, notices without consent) is recorded as
 * undelivered, which staff see on the conversation.
 */
async function sendOutsideWindow(
  ctx: ZaloContext,
  rt: ZaloRuntime,
  userId: string,
  messages: ChatMessage[],
  reason: string,
  code?: number,
): Promise<ProcessResult> {
  const undelivered: { message: ChatMessage; reason: string; code?: number }[] = [];
  let sent = 0;
  for (const message of messages) {
    const outcome = await rt.zns(userId, message);
    if (outcome.status === 'undelivered') {
      undelivered.push({
        message,
        reason: outcome.reason === 'not_a_notice' ? reason : outcome.reason,
        ...(outcome.code !== undefined ? { code: outcome.code } : code !== undefined ? { code } : {}),
      });
    } else sent++;
  }
  for (const u of undelivered) {
    await recordUndelivered(ctx, rt, 'zalo', userId, [u.message], u.reason, u.code);
  }
  return undelivered.length === 0 ? 'sent_by_zns' : sent > 0 ? 'partly_undelivered' : 'undelivered';
}

/** A bare number answers the last numbered list: the turn gets that choice's payload. */
async function withChoiceResolved(channel: ZaloChannel, userId: string, inbound: Inbound): Promise<Inbound> {
  if (inbound.kind !== 'text') return inbound;
  const payload = await channel.resolveChoice(userId, inbound.text);
  return payload ? { kind: 'text', text: payload } : inbound;
}

async function answerTurn(
  ctx: ZaloContext,
  rt: ZaloRuntime,
  channel: ZaloChannel,
  userId: string,
  inbound: Inbound,
  key: string,
): Promise<ProcessResult> {
  const outbox = createOutbox(ctx.stores.tables.conversations);
  const pending = await outbox.get(key);
  if (pending) {
    if (pending.settled >= pending.messages.length) return 'duplicate';
    return sendThroughOutbox(ctx, rt, channel, userId, key, pending);
  }
  let messages: ChatMessage[];
  try {
    ({ messages } = await ctx.conversation.handleInbound({ channel: channel.name, userId }, inbound, {
      eventKey: key,
    }));
  } catch (error) {
    if (error instanceof RateLimitedError) {
      // Someone flooding the OA gets no answer to the excess; nothing to retry.
      ctx.log.warn('zalo_rate_limited', { channel: channel.name, user: userTag(userId) });
      return 'rate_limited';
    }
    throw error;
  }
  if (!messages.length) return 'nothing_to_send';
  // Written before the first send: a run that dies while sending is resumed, not repeated.
  if (!(await outbox.create(key, messages, ctx.clock.now()))) return 'duplicate';
  return sendThroughOutbox(ctx, rt, channel, userId, key, { messages, settled: 0, parts: 0 });
}

/**
 * Sends what the outbox entry has not settled, recording progress after every part Zalo
 * acknowledged: a retried job resumes at the next part, so nothing reaches the citizen twice.
 */
async function sendThroughOutbox(
  ctx: ZaloContext,
  rt: ZaloRuntime,
  channel: ZaloChannel,
  userId: string,
  key: string,
  entry: OutboxEntry,
): Promise<ProcessResult> {
  const outbox = createOutbox(ctx.stores.tables.conversations);
  const { messages } = entry;
  let loggedOnly = false;
  for (let i = entry.settled; i < messages.length; i++) {
    // The record of a message's last part settles the message: the outbox item (which carries the
    // replies, 1–2 KB) is written once per message sent, not once more after it.
    let settledByLastPart = false;
    const outcome = await channel.send(userId, [messages[i] as ChatMessage], {
      skipParts: i === entry.settled ? entry.parts : 0,
      onPart: async (_index, partsDone, complete) => {
        await outbox.settle(key, entry, complete ? i + 1 : i, ctx.clock.now(), complete ? 0 : partsDone);
        settledByLastPart = complete;
      },
    });
    if (outcome.status === 'unreachable') {
      await outbox.settle(key, entry, messages.length, ctx.clock.now());
      const rest = messages.slice(i);
      if (channel.name === 'zalo' && WINDOW_CLOSED_CODES.has(outcome.code))
        return sendOutsideWindow(ctx, rt, userId, rest, 'recipient_unreachable', outcome.code);
      await recordUndelivered(ctx, rt, channel.name, userId, rest, 'recipient_unreachable', outcome.code);
      return 'undelivered';
    }
    if (outcome.status === 'not_configured') loggedOnly = true;
    if (!settledByLastPart) await outbox.settle(key, entry, i + 1, ctx.clock.now());
  }
  return loggedOnly ? 'logged_only' : 'answered';
}

async function recordUndelivered(
  ctx: ZaloContext,
  rt: ZaloRuntime,
  channel: ZaloChannelName,
  userId: string,
  messages: ChatMessage[],
  reason: string,
  code?: number,
): Promise<void> {
  const now = ctx.clock.now();
  await rt.recipients.recordUndelivered(
    channel,
    userId,
    { reason, ...(code !== undefined ? { code } : {}), messageIds: messages.map((m) => m.id) },
    now,
  );
  ctx.log.warn('zalo_undelivered', {
    channel,
    user: userTag(userId),
    reason,
    ...(code !== undefined ? { code } : {}),
    messages: messages.length,
  });
}

/** When the citizen acted: Zalo's timestamp (a redelivery can be hours late), never in the future. */
function interactionTime(timestamp: string | number | undefined, receivedAt: string, now: Date): Date {
  const fromEvent = timestamp === undefined ? Number.NaN : Number(timestamp);
  if (Number.isFinite(fromEvent) && fromEvent > 0 && fromEvent <= now.getTime()) return new Date(fromEvent);
  const received = Date.parse(receivedAt);
  return Number.isFinite(received) && received <= now.getTime() ? new Date(received) : now;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
