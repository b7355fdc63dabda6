import type { Nlu, Understanding } from '../../intents/types';
import type { KnowledgeBase } from '../../knowledge/schema';
import type { Clock } from '../shared/clock';
import { newId } from '../shared/ids';
import type { Logger } from '../shared/logger';
import type { Stores } from '../stores';
import type { AddressDirectory } from './address-directory';
import type { ChatMessage, Link, QuickReply, Session, UnderstandingNote } from './model';
import type { OfficeHoursConfig } from './office-hours';

export interface EngineSettings {
  officeHours: OfficeHoursConfig;
  handoffSlaMinutes: number;
  /** Dossier phone checks: wrong answers allowed per window before the lock-out. */
  lookupMaxFailures: number;
  lookupWindowSeconds: number;
}

export const DEFAULT_ENGINE_SETTINGS: Omit<EngineSettings, 'officeHours'> = {
  handoffSlaMinutes: 15,
  lookupMaxFailures: 5,
  lookupWindowSeconds: 3600,
};

/** Everything a flow may use. Side effects go through the stores; time through the clock. */
export interface EngineDeps {
  nlu: Nlu;
  kb: KnowledgeBase;
  stores: Stores;
  clock: Clock;
  log: Logger;
  settings: EngineSettings;
  addresses: AddressDirectory;
}

/**
 * One turn in the making: the session being changed and the replies collected. Flows receive it,
 * mutate `session` and call `say`; the service saves both afterwards.
 */
export class Turn {
  readonly replies: ChatMessage[] = [];
  understanding?: UnderstandingNote;
  nlu?: Understanding;
  /** Set when this turn handed the conversation to staff (the service then notifies nobody: staff poll). */
  escalated = false;

  constructor(
    readonly deps: EngineDeps,
    public session: Session,
    /** Id the citizen's own message gets, so rating payloads can point at answers. */
    readonly userMessageId: string,
  ) {}

  get now(): Date {
    return this.deps.clock.now();
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
