import type { Nlu, Understanding } from '../../intents/types';
import type { KnowledgeBase } from '../../knowledge/schema';
import type { Clock } from '../shared/clock';
import { newId } from '../shared/ids';
import type { Logger } from '../shared/logger';
import type { Stores } from '../stores';
import type { AddressDirectory } from './address-directory';
import type { DossierReadAhead } from './dossier-check';
import type { Effect } from './effects';
import type { ChatMessage, Link, PendingStep, QuickReply, Session, UnderstandingNote } from './model';
import type { OfficeHoursConfig } from './office-hours';

export interface EngineSettings {
  officeHours: OfficeHoursConfig;
  handoffSlaMinutes: number;
  /** Dossier phone checks: wrong answers allowed per window before the lock-out. */
  lookupMaxFailures: number;
  lookupWindowSeconds: number;
  /** The province's exact dossier code pattern (DOSSIER_CODE_PATTERN), when configured. */
  dossierCodePattern?: RegExp;
}

export const DEFAULT_ENGINE_SETTINGS: Omit<EngineSettings, 'officeHours'> = {
  handoffSlaMinutes: 15,
  lookupMaxFailures: 5,
  lookupWindowSeconds: 3600,
};

/** The service's dependencies: the flows' and the stores they write through after a commit. */
export interface EngineDeps {
  nlu: Nlu;
  kb: KnowledgeBase;
  stores: Stores;
  clock: Clock;
  log: Logger;
  settings: EngineSettings;
  addresses: AddressDirectory;
  /**
   * Loads what understanding needs (the model, the index) if not loaded yet. A turn calls it while
   * its first store request is in flight, so a cold container's first citizen waits for the larger
   * of the two, not their sum.
   */
  prepare?: () => void;
}

/**
 * What a flow may read. Flows never write: a change outside the session is an `Effect` the turn
 * returns, applied by the service after the commit. The type keeps the write methods out of reach.
 */
export interface StoreReads {
  escalations: Pick<Stores['escalations'], 'get'>;
  ratings: Pick<Stores['ratings'], 'isRated'>;
  dossiers: Pick<Stores['dossiers'], 'get'>;
  /**
   * The one exception to "flows never write": a dossier check reserves its attempt atomically
   * BEFORE comparing (a conditional counter), or concurrent guesses could all be compared before any
   * is counted. Reservations are keyed by the citizen's message id, so a re-run turn takes none again.
   */
  guards: Pick<Stores['guards'], 'reserveAttempt' | 'attemptsUsed'>;
  feedback: Pick<Stores['feedback'], 'get'>;
  /** The session's own transcript, to check that a rated answer belongs to it. */
  conversations: Pick<Stores['conversations'], 'messageOf'>;
}

/** Everything a flow may use: reads of the stores, the clock, the models. */
export type FlowDeps = Omit<EngineDeps, 'stores'> & { stores: StoreReads };

/**
 * One turn in the making: the session being changed, the replies and the effects collected. Flows
 * receive it, mutate `session`, call `say` and `effect`; the service commits the session and the
 * replies, then applies the effects. Nothing a flow does is visible outside until that commit.
 */
export class Turn {
  readonly replies: ChatMessage[] = [];
  readonly effects: Effect[] = [];
  understanding?: UnderstandingNote;
  nlu?: Understanding;
  /** The dossier check's reads, started beside the session read when the message names a code. */
  readAhead?: DossierReadAhead;
  /** The question the session was waiting on when the turn began (flows may drop it). */
  readonly pendingAtStart: PendingStep | undefined;

  constructor(
    readonly deps: FlowDeps,
    public session: Session,
    /** Id the citizen's own message gets, so rating payloads can point at answers. */
    readonly userMessageId: string,
    /**
     * The inbound message's id for receipts, the same on every run of its turn (the message id
     * above is new on each): an attempt written by a run that lost its race is the re-run's too.
     */
    readonly receiptId: string = userMessageId,
  ) {
    this.pendingAtStart = session.pending;
  }

  get now(): Date {
    return this.deps.clock.now();
  }

  /** Something to change outside the session once this turn is committed. */
  effect(effect: Effect): void {
    this.effects.push(effect);
  }

  say(
    text: string,
    options: {
      id?: string;
      quickReplies?: QuickReply[];
      links?: Link[];
      entryId?: string;
      from?: 'bot' | 'system';
    } = {},
  ): ChatMessage {
    const message: ChatMessage = {
      id: options.id ?? newId(this.now.getTime()),
      from: options.from ?? 'bot',
      text,
      createdAt: this.now.toISOString(),
      ...(options.quickReplies?.length ? { quickReplies: options.quickReplies } : {}),
      ...(options.links?.length ? { links: options.links } : {}),
      ...(options.entryId ? { entryId: options.entryId } : {}),
    };
    this.replies.push(message);
    return message;
  }
}
