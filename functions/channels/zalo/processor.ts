import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import type { ProcessorJob } from '../../app/invoker';
import { RateLimitedError } from '../../conversation/errors';
import type { ChatMessage, Inbound } from '../../conversation/model';
import { eraseCitizenData } from '../../privacy/erasure';
import { parseBotUpdate } from './bot-events';
import { userTag, type ZaloChannel } from './channel';
import type { ZaloContext } from './context';
import { createHandoffQueue } from './handoff-queue';
import { botUpdateToInbound, oaEventToInbound } from './inbound';
import { isIgnoredOaEvent, OaEventSchema, oaEventKey, routeOaEvent } from './oa-events';
import { createOutbox, NOTHING_SENT, type SendProgress } from './outbox';
import { windowState, type ZaloChannelName } from './recipient-store';
import { type ZaloRuntime, zaloRuntime } from './runtime';
import { zaloTurnHooks } from './session-state';
import { zaloEraser } from './zalo-eraser';
import { WINDOW_CLOSED_CODES } from './zns-fallback';

/** Jobs arrive from our own webhook through Lambda, still checked: an edge is an edge. */
export const ProcessorJobSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('zalo_event'), event: z.unknown(), receivedAt: z.string() }),
  z.object({ type: z.literal('zalo_bot_event'), event: z.unknown(), receivedAt: z.string() }),
  z.object({
    type: z.literal('zalo_send'),
    channel: z.enum(['zalo', 'zalo_bot']),
    userId: z.string().check(z.minLength(1)),
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
      // Rare (a person typing in the OA manager): a read and a write of the session, with the
      // usual optimistic retry, so that every turn finds the takeover in the session it loads.
      await rt.takeovers.mark(userId, event.sender?.admin_id, now, ctx.config.zalo.takeoverHours);
      ctx.log.info('zalo_taken_over', { user: userTag(userId), hours: ctx.config.zalo.takeoverHours });
      return 'recorded';
    case 'citizen':
      break;
  }

  const inbound = oaEventToInbound(event);
  if (!inbound) {
    ctx.log.info('zalo_event_unhandled', { eventName: event.event_name });
    return 'ignored';
  }
  return answerTurn(ctx, rt, rt.oa, userId, inbound, {
    key: oaEventKey(event, sha256(JSON.stringify(raw))),
    interactionAt: interactionTime(event.timestamp, receivedAt, now),
  });
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
  const inbound = botUpdateToInbound(update);
  if (!inbound) {
    // e.g. `message.unsupported.received` (protected users): no content, nothing to answer.
    ctx.log.info('zalo_bot_event_unhandled', { eventName: update.event_name });
    return 'ignored';
  }
  return answerTurn(ctx, rt, rt.bot, update.message.chat.id, inbound, {
    key: `zalo_bot:${update.event_name}:${update.message.message_id}`,
    interactionAt: interactionTime(update.message.date, receivedAt, ctx.clock.now()),
  });
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
  let known: { lastInteraction: Date | undefined } | undefined;
  if (channelName === 'zalo') {
    // The OA may only write to citizens who interacted in the last 7 days (-230/-232 otherwise):
    // checked here so a closed window costs no API call; notices then go by ZNS where allowed.
    known = { lastInteraction: await rt.recipients.lastInteraction('zalo', userId) };
    const window = windowState(known.lastInteraction, now);
    if (window === 'closed') return sendOutsideWindow(ctx, rt, userId, messages, 'interaction_window_closed');
    if (window === 'billable') ctx.log.info('zalo_send_billable', { user });
  }
  const refused = await rt.recipients.unreachable(channelName, userId, known);
  if (refused) {
    if (channelName === 'zalo' && WINDOW_CLOSED_CODES.has(refused.code))
      return sendOutsideWindow(ctx, rt, userId, messages, 'recipient_unreachable', refused.code);
    await recordUndelivered(ctx, rt, channelName, userId, messages, 'recipient_unreachable', refused.code);
    return 'undelivered';
  }
  // A retried job (Lambda retries asynchronous invocations) resumes where the first run stopped;
  // the messages themselves travel in the job.
  const key = `send:${first.id}`;
  const progress = (await createOutbox(ctx.stores.tables.conversations).get(key)) ?? NOTHING_SENT;
  if (progress.settled >= messages.length) return 'duplicate';
  return sendThroughOutbox(ctx, rt, rt.channel(channelName), userId, key, messages, progress);
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

/**
 * A citizen's message becomes a turn, and its replies go out. The channel's state (interaction
 * clock, takeover, numbered choices) is read from and committed with the session the turn loads and
 * saves anyway (session-state.ts). A first run reads no outbox: only when the session says the event
 * was answered already (a retried or repeated job) is the send progress looked up, to resume.
 */
async function answerTurn(
  ctx: ZaloContext,
  rt: ZaloRuntime,
  channel: ZaloChannel,
  userId: string,
  inbound: Inbound,
  event: { key: string; interactionAt: Date },
): Promise<ProcessResult> {
  const { key } = event;
  let result: Awaited<ReturnType<ZaloContext['conversation']['handleInbound']>>;
  try {
    result = await ctx.conversation.handleInbound({ channel: channel.name, userId }, inbound, {
      eventKey: key,
      channel: zaloTurnHooks({
        channel: channel.name,
        interactionAt: event.interactionAt,
        now: ctx.clock.now(),
        messageOf: (session, id) => ctx.stores.conversations.messageOf(session, id),
      }),
    });
  } catch (error) {
    if (error instanceof RateLimitedError) {
      // Someone flooding the OA gets no answer to the excess; nothing to retry.
      ctx.log.warn('zalo_rate_limited', { channel: channel.name, user: userTag(userId) });
      return 'rate_limited';
    }
    throw error;
  }
  if (result.silenced) {
    // A person at the OA is answering in Zalo's OA manager: the message went to the transcript
    // for the console, and the assistant says nothing.
    ctx.log.info('zalo_silent_taken_over', { user: userTag(userId) });
    return 'taken_over';
  }
  const { messages } = result;
  if (!messages.length) return result.replayed ? 'duplicate' : 'nothing_to_send';
  const progress = result.replayed
    ? ((await createOutbox(ctx.stores.tables.conversations).get(key)) ?? NOTHING_SENT)
    : NOTHING_SENT;
  if (progress.settled >= messages.length) return 'duplicate';
  // The turn committed the numbered choices of these replies already.
  return sendThroughOutbox(ctx, rt, channel, userId, key, messages, progress, { choicesInSession: true });
}

/**
 * Sends what was not settled yet, recording progress after every part Zalo acknowledged: a retried
 * job resumes at the next part, so nothing reaches the citizen twice.
 */
async function sendThroughOutbox(
  ctx: ZaloContext,
  rt: ZaloRuntime,
  channel: ZaloChannel,
  userId: string,
  key: string,
  messages: ChatMessage[],
  from: SendProgress,
  options: { choicesInSession?: boolean } = {},
): Promise<ProcessResult> {
  const outbox = createOutbox(ctx.stores.tables.conversations);
  const record = (settled: number, parts = 0) => outbox.record(key, { settled, parts }, ctx.clock.now());
  let loggedOnly = false;
  for (let i = from.settled; i < messages.length; i++) {
    // The record of a message's last part settles the message: one write per part, none after it.
    let settledByLastPart = false;
    const outcome = await channel.send(userId, [messages[i] as ChatMessage], {
      skipParts: i === from.settled ? from.parts : 0,
      ...(options.choicesInSession ? { choicesInSession: true } : {}),
      onPart: async (_index, partsDone, complete) => {
        await record(complete ? i + 1 : i, complete ? 0 : partsDone);
        settledByLastPart = complete;
      },
    });
    if (outcome.status === 'unreachable') {
      await record(messages.length);
      const rest = messages.slice(i);
      if (channel.name === 'zalo' && WINDOW_CLOSED_CODES.has(outcome.code))
        return sendOutsideWindow(ctx, rt, userId, rest, 'recipient_unreachable', outcome.code);
      await recordUndelivered(ctx, rt, channel.name, userId, rest, 'recipient_unreachable', outcome.code);
      return 'undelivered';
    }
    if (outcome.status === 'not_configured') loggedOnly = true;
    if (!settledByLastPart) await record(i + 1);
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
