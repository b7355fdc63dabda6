import { normalise } from '../../intents/normalise';
import { isCalling } from '../../intents/vocabulary';
import { newId } from '../shared/ids';
import { ConditionFailedError } from '../stores/table-port';
import { startDossierReadAhead, unclaimedTicket } from './dossier-check';
import { alongsideCommit, applyEach, applyEffects, type Effect, replayable, takeBack } from './effects';
import { runTurn } from './engine';
import { RateLimitedError, SessionBusyError } from './errors';
import {
  type ChatMessage,
  type Inbound,
  type Session,
  type SessionRef,
  sessionKey,
  type TurnResult,
} from './model';
import { backoffMs, MAX_CONFLICT_RETRIES, pause } from './optimistic-retry';
import { encodePayload } from './payloads';
import { sessionLanes } from './session-lanes';
import type { SessionAccess } from './session-updates';
import { TEXT } from './texts';
import { describeInbound } from './transcript-wording';
import { type EngineDeps, Turn } from './turn';

export interface CitizenTurnOptions {
  rateLimitPerMinute: number;
  /** Turns of one session waiting in this process at most; more are refused as rate limited. */
  maxQueuedPerSession?: number;
}

export interface InboundOptions {
  /** The channel's id of the event (Zalo's msg_id), to answer a redelivery from what was saved. */
  eventKey?: string;
  /** The caller's own check (the per-address limit), run while the session loads. */
  gate?: Promise<void>;
  /** The channel's part of the turn, kept in the session the turn commits (Zalo). */
  channel?: ChannelTurnHooks;
}

/**
 * A channel's state lives in the session, so the turn's one commit carries it: no request of its
 * own. Both hooks run on every attempt (a lost race runs them again on the fresh session).
 */
export interface ChannelTurnHooks {
  /**
   * On the loaded session, before the turn: the channel's state updated, what the inbound means in
   * the channel's terms, and whether the assistant must stay silent (the message is only recorded).
   */
  prepare(
    session: Session,
    inbound: Inbound,
  ): Promise<{ session: Session; inbound: Inbound; silent?: boolean }>;
  /** Before the commit: what the channel keeps of the replies it is about to send. */
  settle?(session: Session, replies: ChatMessage[]): Session;
}

/** A tiny bounded map of facts this process knows (LRU by insertion). */
function boundedMemo(limit: number) {
  const map = new Map<string, string>();
  return {
    get: (key: string) => map.get(key),
    set(key: string, value: string) {
      map.delete(key);
      map.set(key, value);
      if (map.size > limit) map.delete(map.keys().next().value as string);
    },
  };
}

/**
 * A citizen's message, from arrival to reply: load the session, count it against the session's
 * rate, run the engine, commit session and transcript in one conditional write, then apply the
 * turn's effects. A commit that loses a race runs the (side-effect-free) turn again on the fresh
 * session, after a jittered pause, a bounded number of times.
 */
export function createCitizenTurns(deps: EngineDeps, sessions: SessionAccess, options: CitizenTurnOptions) {
  const { stores, clock, log } = deps;
  const lanes = sessionLanes(options.maxQueuedPerSession ?? 32);
  /** The last turn whose effects this process saw applied, per session. */
  const applied = boundedMemo(10_000);

  function countMessage(session: Session, now: Date): Session {
    // Counted in the session item, which every turn reads and writes anyway: no extra request.
    const window = Math.floor(now.getTime() / 60_000);
    const count = session.rate?.window === window ? session.rate.count : 0;
    if (count >= options.rateLimitPerMinute)
      throw new RateLimitedError((window + 1) * 60 - now.getTime() / 1000);
    return { ...session, rate: { window, count: count + 1 } };
  }

  /**
   * The previous turn's effects, if this process did not see them applied (it crashed half-way, or
   * another instance ran that turn): applied again, which changes nothing when they were.
   */
  async function finishPreviousEffects(session: Session): Promise<void> {
    const last = session.lastTurn;
    const marker = last?.messages[0]?.id;
    if (!last?.effects?.length || !marker || applied.get(sessionKey(session.ref)) === marker) return;
    if (await applyEffects(stores, replayable(last.effects), log))
      applied.set(sessionKey(session.ref), marker);
  }

  async function attempt(
    ref: SessionRef,
    received: Inbound,
    opts: InboundOptions,
    n: number,
    receiptId: string,
  ) {
    // A message naming a dossier code: the phone check's reads go beside the session read.
    const ahead = startDossierReadAhead(deps, ref, received, receiptId, clock.now());
    const loading = Promise.all([sessions.load(ref), n === 0 ? opts.gate : undefined]);
    deps.prepare?.();
    const [loaded] = await loading;
    if (opts.eventKey) {
      const replies = await stores.conversations.repliesTo(loaded, opts.eventKey);
      if (replies) return { state: loaded.state, messages: replies, effects: [] as Effect[], replayed: true };
    }
    await finishPreviousEffects(loaded);
    const now = clock.now();
    const prepared = (await opts.channel?.prepare(loaded, received)) ?? {
      session: loaded,
      inbound: received,
    };
    const { inbound } = prepared;
    const session = countMessage(prepared.session, now);
    // A new id on every attempt: the committed turn's messages sort after everything before it.
    const userMessage: ChatMessage = {
      id: newId(now.getTime()),
      from: 'user',
      text: describeInbound(inbound),
      createdAt: now.toISOString(),
    };
    const effects: Effect[] = [];
    if (session.version === 0)
      effects.push({ kind: 'count', counter: 'conversations', at: now.toISOString() });
    // A person has (or is about to take) the conversation, here or in the channel's own tools: the
    // assistant stays silent and the message goes to the escalation.
    const silent = prepared.silent || (session.state !== 'bot' && !isCancel(inbound));
    let turn: Turn | undefined;
    if (silent) {
      // "alo", "có ai không" while no one has taken the conversation yet: say it is queued.
      if (!prepared.silent && session.state === 'waiting_staff' && isCallingOut(inbound)) {
        turn = new Turn(deps, session, userMessage.id, receiptId);
        turn.say(TEXT.staffWaiting, { from: 'system' });
      }
      if (session.escalationId)
        effects.push({
          kind: 'touch_escalation',
          escalationId: session.escalationId,
          lastMessage: userMessage.text.slice(0, 300),
          at: now.toISOString(),
        });
    } else {
      turn = new Turn(deps, session, userMessage.id, receiptId);
      if (ahead) turn.readAhead = ahead;
      await runTurn(turn, inbound);
      if (turn.understanding) userMessage.understanding = turn.understanding;
      effects.push(...turn.effects);
    }
    effects.push(...(await unclaimedTicket(ahead, receiptId, deps.settings.lookupWindowSeconds)));
    const replies = turn?.replies ?? [];
    const turned = turn?.session ?? session;
    // The commit and the effects that are safe either way (see `alongsideCommit`) in one round.
    const alongside = effects.filter(alongsideCommit);
    const [commit, appliedAlongside] = await Promise.all([
      stores.conversations
        .commitTurn(
          opts.channel?.settle?.(turned, replies) ?? turned,
          {
            messages: [userMessage, ...replies],
            effects: replayable(effects),
            ...(opts.eventKey ? { eventKey: opts.eventKey } : {}),
          },
          now,
        )
        .then(
          (value) => ({ ok: true as const, value }),
          (error: unknown) => ({ ok: false as const, error }),
        ),
      applyEach(stores, alongside, log),
    ]);
    if (!commit.ok) {
      // Lost the race (or failed): what was counted for this run is taken back before it re-runs.
      await takeBack(stores, alongside, appliedAlongside, log);
      throw commit.error;
    }
    const committed = commit.value;
    if (committed.projection === 'carried')
      log.warn('transcript_projection_deferred', { channel: ref.channel });
    if (committed.projection === 'failed')
      log.error('transcript_projection_failed', { channel: ref.channel });
    // The rest only after the commit: a turn that lost its race above never gets here.
    const after = effects.filter((e) => !alongsideCommit(e));
    if ((await applyEffects(stores, after, log)) && appliedAlongside.every(Boolean))
      applied.set(sessionKey(ref), userMessage.id);
    if (turn) {
      log.info('turn', {
        channel: ref.channel,
        intent: turn.understanding?.intent,
        confidence: turn.understanding?.confidence,
        entryId: turn.understanding?.entryId,
        replies: replies.length,
        effects: effects.map((e) => e.kind),
        state: committed.session.state,
      });
    }
    return {
      state: committed.session.state,
      messages: replies,
      effects,
      ...(prepared.silent ? { silenced: true } : {}),
    };
  }

  async function runWithRetries(
    ref: SessionRef,
    inbound: Inbound,
    opts: InboundOptions,
  ): Promise<TurnResult> {
    // One receipt id for every run of this message's turn; a redelivered channel event keeps its own.
    const receiptId = opts.eventKey ?? newId(clock.now().getTime());
    for (let n = 0; ; n++) {
      try {
        const { effects: _applied, ...result } = await attempt(ref, inbound, opts, n, receiptId);
        return result;
      } catch (error) {
        if (!(error instanceof ConditionFailedError)) throw error;
        if (n >= MAX_CONFLICT_RETRIES) throw new SessionBusyError();
        await pause(backoffMs(n));
      }
    }
  }

  /**
   * One citizen message. Turns of one session run one at a time in this process, in arrival order;
   * a redelivered channel event this session already answered gets the saved replies back.
   */
  function handleInbound(ref: SessionRef, inbound: Inbound, opts: InboundOptions = {}): Promise<TurnResult> {
    // Handled here so that a gate refusing while the turn waits in its lane is not "unhandled";
    // the turn still awaits the gate and fails with its error.
    opts.gate?.catch(() => undefined);
    return lanes.run(sessionKey(ref), () => runWithRetries(ref, inbound, opts));
  }

  /** A poll: the session's state and the messages for the citizen newer than `afterId`. */
  async function listMessages(ref: SessionRef, afterId?: string) {
    const { session, messages } = await stores.conversations.readTranscript(ref, afterId);
    return { state: session?.state ?? 'bot', messages: messages.filter((m) => m.from !== 'user') };
  }

  return { handleInbound, listMessages };
}

function isCallingOut(inbound: Inbound): boolean {
  return inbound.kind === 'text' && isCalling(normalise(inbound.text).folded);
}

function isCancel(inbound: Inbound): boolean {
  const raw =
    inbound.kind === 'payload' ? inbound.payload : inbound.kind === 'text' ? inbound.text.trim() : '';
  return raw === encodePayload({ type: 'cancel_handoff' });
}
