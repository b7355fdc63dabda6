import type { Logger } from '../shared/logger';
import type { Stores } from '../stores';
import type { Escalation } from '../stores/escalation-store';
import type { FeedbackReport } from '../stores/feedback-store';
import type { Rating } from '../stores/rating-store';
import type { Counter } from '../stores/stats-store';
import { ConditionFailedError } from '../stores/table-port';
import type { UnansweredQuestion } from '../stores/unanswered-store';
import type { SessionRef } from './model';

/**
 * What a turn changes outside its own session. Flows only decide: they return these, and the
 * service applies them after the turn's commit succeeded, so a turn that lost a race and is run
 * again on fresh state cannot open a second escalation or count a rating twice. Every id in here is
 * derived from the citizen's message, and every write is conditional or an overwrite of the same
 * item, so applying an effect again (after a crash, from the committed session) changes nothing.
 */
export type Effect =
  | { kind: 'open_escalation'; escalation: Omit<Escalation, 'version'> }
  /** The citizen withdrew a request no one has taken yet. */
  | { kind: 'withdraw_escalation'; escalationId: string; at: string }
  /** A message written while waiting for (or talking with) staff: shown in the queue. */
  | { kind: 'touch_escalation'; escalationId: string; lastMessage: string; at: string }
  | { kind: 'record_unanswered'; id: string; question: Omit<UnansweredQuestion, 'id'> }
  | { kind: 'record_rating'; id: string; targetKey: string; rating: Omit<Rating, 'id'> }
  | { kind: 'file_feedback'; report: FeedbackReport }
  | { kind: 'follow_dossier'; code: string; ref: SessionRef; at: string }
  /**
   * A wrong dossier phone answer, kept in the guard store's window counter as well as in the session
   * (which erasure deletes). Receipted by the message id, so applying it again counts nothing.
   */
  | { kind: 'count_attempt'; key: string; at: string; windowSeconds: number; eventId: string }
  /** A dossier's attempt reserved for a comparison that succeeded (or never ran) is given back. */
  | { kind: 'return_attempt'; key: string; at: string; windowSeconds: number; eventId: string }
  /** Daily report counters: the one effect that is not idempotent, so it is never applied twice. */
  | { kind: 'count'; counter: Counter; at: string };

export type EffectKind = Effect['kind'];

/**
 * Effects written side by side with the turn's commit instead of after it, so the citizen waits on
 * one round of store requests for both. Each is safe whether or not the commit then wins its race:
 * the attempt writes are receipted by the inbound message (a re-run turn of the same message
 * changes nothing; the comparison they follow is the same), and a conversation count whose commit
 * lost is taken back (see `takeBack`). The others wait for the commit: a turn that lost its race
 * must not open an escalation or record a rating that its re-run may not make.
 */
const ALONGSIDE_COMMIT: ReadonlySet<EffectKind> = new Set(['count', 'count_attempt', 'return_attempt']);
export const alongsideCommit = (e: Effect): boolean => ALONGSIDE_COMMIT.has(e.kind);

/**
 * Undoes the alongside effects that were applied (`applied[i]`) for a commit that then lost: only a
 * count needs undoing, the attempt writes are the re-run's own. A failure is logged, not thrown: the
 * caller is already on its way to re-run the turn.
 */
export async function takeBack(
  stores: Stores,
  effects: readonly Effect[],
  applied: readonly boolean[],
  log: Logger,
): Promise<void> {
  const counts = effects.filter(
    (e, i): e is Extract<Effect, { kind: 'count' }> => applied[i] === true && e.kind === 'count',
  );
  await Promise.all(
    counts.map((e) =>
      stores.stats
        .count(e.counter, new Date(e.at), -1)
        .catch((error: unknown) => log.error('effect_take_back_failed', { effect: e.kind, error })),
    ),
  );
}

/** Effects kept in the committed session so that one whose write failed is applied by the next turn. */
export const replayable = (effects: readonly Effect[]): Effect[] => effects.filter((e) => e.kind !== 'count');

async function applyOne(stores: Stores, effect: Effect): Promise<void> {
  switch (effect.kind) {
    case 'open_escalation': {
      const { id, ...rest } = effect.escalation;
      await stores.escalations.create(rest, id);
      return;
    }
    case 'withdraw_escalation':
      await stores.escalations.update(effect.escalationId, (e) =>
        e.state === 'open' ? { ...e, state: 'resolved', resolvedAt: effect.at, resolvedBy: 'citizen' } : e,
      );
      return;
    case 'touch_escalation':
      await stores.escalations.update(effect.escalationId, (e) =>
        (e.lastMessageAt ?? '') > effect.at
          ? e
          : { ...e, lastMessage: effect.lastMessage, lastMessageAt: effect.at },
      );
      return;
    case 'record_unanswered':
      await stores.unanswered.add(effect.question, effect.id);
      return;
    case 'record_rating':
      await stores.ratings.addOnce(effect.targetKey, effect.rating, effect.id);
      return;
    case 'file_feedback':
      try {
        await stores.feedback.create(effect.report);
      } catch (error) {
        // Filed already (this effect applied before): the report keeps its reference.
        if (!(error instanceof ConditionFailedError)) throw error;
      }
      return;
    case 'follow_dossier':
      await stores.dossiers.subscribe(effect.code, effect.ref, new Date(effect.at));
      return;
    case 'count_attempt':
      // No limit here: the session's own count decided already; this only records the failure.
      await stores.guards.reserveAttempt(
        effect.key,
        new Date(effect.at),
        effect.windowSeconds,
        Number.MAX_SAFE_INTEGER,
        effect.eventId,
      );
      return;
    case 'return_attempt':
      await stores.guards.returnAttempt(
        effect.key,
        new Date(effect.at),
        effect.windowSeconds,
        effect.eventId,
      );
      return;
    case 'count':
      await stores.stats.count(effect.counter, new Date(effect.at));
      return;
  }
}

/**
 * Applies a committed turn's effects, independent ones side by side (one round of store requests).
 * Returns false when any failed: each failure is logged, and the replayable ones stay in the
 * session for the next turn to apply again.
 */
export async function applyEffects(
  stores: Stores,
  effects: readonly Effect[],
  log: Logger,
): Promise<boolean> {
  return (await applyEach(stores, effects, log)).every(Boolean);
}

/** {@link applyEffects}, saying which of them were applied. */
export async function applyEach(stores: Stores, effects: readonly Effect[], log: Logger): Promise<boolean[]> {
  if (effects.length === 0) return [];
  const results = await Promise.allSettled(effects.map((e) => applyOne(stores, e)));
  return results.map((r, i) => {
    if (r.status === 'fulfilled') return true;
    log.error('effect_failed', { effect: effects[i]?.kind, error: r.reason });
    return false;
  });
}
