import type { CurrentCode, FormerCode } from '../../intents/data/places/places-file';
import type { Aspect, IntentId } from '../../intents/taxonomy';
import type { DossierStatus } from '../stores/dossier-store';
import type { Effect } from './effects';

export type Channel = 'web' | 'zalo' | 'zalo_bot';
export type ConversationState = 'bot' | 'waiting_staff' | 'with_staff';
export type Author = 'user' | 'bot' | 'staff' | 'system';

export interface QuickReply {
  title: string;
  payload: string;
}
export interface Link {
  title: string;
  url: string;
}

/** What the assistant understood of a citizen's message; shown to staff, used by reports. */
export interface UnderstandingNote {
  intent: IntentId;
  confidence: number;
  aspect?: Aspect;
  entryId?: string;
  entryTitle?: string;
}

export interface ChatMessage {
  id: string;
  from: Author;
  text: string;
  createdAt: string;
  quickReplies?: QuickReply[];
  links?: Link[];
  /** On citizen messages: what the assistant made of it. */
  understanding?: UnderstandingNote;
  /** On bot answers: the knowledge entry used, so a rating can be tied to it. */
  entryId?: string;
  staffId?: string;
  /**
   * On messages the citizen did not ask for (a dossier notice, the rating request): what they are
   * about, so a channel that cannot deliver the text (Zalo's 7-day window closed) can send an
   * approved template with these values instead.
   */
  notice?: NoticeFacts;
}

export type NoticeFacts =
  | {
      kind: 'dossier_status';
      code: string;
      procedure: string;
      /** The status as the citizen reads it ("Đã có kết quả"). */
      status: string;
      agency: string;
      at: string;
    }
  | { kind: 'rating_request'; escalationId: string; at: string };

/** Where a conversation lives: the channel and the channel's own user or session id. */
export interface SessionRef {
  channel: Channel;
  /** Web: the widget's sessionId. Zalo: the user's id scoped to the OA (a string, > 2^53). */
  userId: string;
}

export const sessionKey = (ref: SessionRef): string => `${ref.channel}:${ref.userId}`;

/** A pending question the assistant asked, so the next message is read as its answer. */
export type PendingStep =
  | { kind: 'dossier_code' }
  | { kind: 'dossier_phone'; code: string; check?: DossierCheck }
  | { kind: 'address_query' }
  | { kind: 'feedback'; step: 'what' | 'where' | 'photo' | 'consent'; draft: FeedbackDraft }
  | { kind: 'handoff_rating'; escalationId: string }
  /** "Bạn muốn gặp cán bộ phải không ạ?": a typed yes hands the conversation over. */
  | { kind: 'handoff_confirm' }
  /** "Bạn muốn hỏi lệ phí của thủ tục nào ạ?": the procedure named next is answered on that aspect. */
  | { kind: 'which_procedure'; aspect: Aspect }
  /** Which part of a split former unit, or which unit of a former district (flows/former-unit.ts). */
  | { kind: 'former_unit'; step: 'part' | 'pick'; code: FormerCode }
  /** Which of the former units that share a name ("Thanh Hải", "Thành Hải"). */
  | { kind: 'former_unit'; step: 'which'; codes: FormerCode[] };

/**
 * What the dossier check read when it asked for the phone (flows/dossier.ts, dossier-read-ahead.ts):
 * read beside the session in that turn's first round, so the answer is compared with it without
 * reading anything more. Used only within the same lookup window and for a few minutes.
 */
export interface DossierCheck {
  readAt: string;
  /** The lookup window (`lookupWindowSeconds`) the budgets below belong to. */
  window: number;
  /** The conversation's wrong answers the guard store held then (erasure does not reset them). */
  durableFailures: number;
  /**
   * The receipt (the asking message's id) of one attempt of the dossier's last-4 budget that this
   * question holds; gone once a last-4 answer was compared with it.
   */
  ticket?: string;
  /** The dossier's last-4 budget was spent when asked: only the full number is compared. */
  lastFourRefused?: true;
  /** The dossier as read, its phone only as digests; absent for an unknown code. */
  dossier?: DossierSnapshot;
}

/** What a dossier answer shows, and digests to compare a phone with (never the number). */
export interface DossierSnapshot {
  code: string;
  procedure: string;
  agency: string;
  status: DossierStatus;
  receivedAt?: string;
  dueAt?: string;
  note?: string;
  /** Digests of the full number and of its last 4 digits, salted with the code. */
  phone: { full?: string; lastFour?: string };
}

/** The fields of a dossier an answer shows. */
export type DossierView = Omit<DossierSnapshot, 'phone'>;

export interface RememberedPlace {
  /** The unit today (`56:…`). */
  code: CurrentCode;
  /** The former unit the citizen named, when the unit was reached through one. */
  former?: FormerCode;
}

export interface FeedbackDraft {
  description?: string;
  place?: string;
  location?: { lat: number; lng: number };
  photoUrl?: string;
}

export interface Session {
  ref: SessionRef;
  state: ConversationState;
  escalationId?: string;
  pending?: PendingStep;
  /** Answers in a row that did not help; two trigger a handoff offer. */
  unhelpfulStreak: number;
  lastIntent?: IntentId;
  lastEntryId?: string;
  lastAspect?: Aspect;
  /** The other authority's matter the last reply declined ("court"), for "vậy tòa nào giải quyết". */
  lastUncovered?: string;
  /** The entries offered in the last "which one did you mean?", for a follow-up that names only an aspect. */
  lastCandidates?: string[];
  /**
   * The commune-level unit the citizen lives in today, once a former unit (or a current one) was
   * resolved without doubt: later answers ("làm khai sinh nộp ở đâu", "UBND xã mới ở đâu") name it.
   */
  place?: RememberedPlace;
  /** Phone the citizen shared with Zalo's consent card; compared with a dossier's phone. */
  sharedPhone?: string;
  /**
   * The last committed turn's messages. Saving the session is the commit of a turn (one conditional
   * write); the turn's transcript item is a projection of it, written by the next commit in
   * parallel with that commit's own write. Readers merge these messages until then.
   */
  lastTurn?: {
    messages: ChatMessage[];
    /** Its effects (replayable ones), applied after the commit; the next turn re-applies any that failed. */
    effects?: Effect[];
  };
  /** Committed messages of earlier turns whose projection failed; the next commit writes them. */
  unprojected?: ChatMessage[];
  /** Channel event keys (Zalo msg_id…) this session already answered, so a redelivery is not run twice. */
  recentEvents?: { key: string; replyIds: string[] }[];
  /** Messages counted in the current minute, for the per-session rate limit. */
  rate?: { window: number; count: number };
  /**
   * Until when this conversation may look no dossier up (ISO): its hour's attempts are spent. Kept
   * in the session, which every turn reads anyway, rather than in an item of its own that every
   * lookup turn would read first (issue 17); the window's attempt counter stays in the guard store.
   */
  lookupLockedUntil?: string;
  /**
   * Wrong phone answers of this conversation in the current attempt window. Committed with the turn,
   * so two answers racing in one conversation cannot both be compared against a stale count (the
   * loser of the commit runs again on this one); a durable copy in the guard store outlives erasure.
   */
  lookupFailures?: { window: number; count: number };
  /** Dossiers this conversation passed the phone check for; only these can be followed. */
  verifiedDossiers?: string[];
  /**
   * What a Zalo channel keeps about the citizen. Kept here, not in items of its own, because the
   * turn commits the session anyway: a Zalo turn reads and writes nothing more for it (issue 17).
   */
  zalo?: ZaloSessionState;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** The Zalo channel's part of a session (functions/channels/zalo/session-state.ts). */
export interface ZaloSessionState {
  /** The citizen's last interaction (Zalo's event time, never moved back): the 7-day window. */
  lastInteraction?: string;
  /**
   * The last numbered list sent: a bare number picks one of its choices (for 24 h). A turn's list
   * is named by the id of its reply (the session and transcript hold that message, with its time,
   * so neither is written twice); a pushed message's list is kept as its payloads and time.
   */
  choices?: { messageId: string } | { payloads: string[]; at: string };
  /** A person at the OA answers in Zalo's OA manager until then: the assistant stays silent. */
  takenOverUntil?: string;
  /** Which OA admin (Zalo's id of the OA's staff account, not the citizen) answered last. */
  takenOverBy?: string;
}

export function newSession(ref: SessionRef, now: Date): Session {
  const t = now.toISOString();
  return { ref, state: 'bot', unhelpfulStreak: 0, createdAt: t, updatedAt: t, version: 0 };
}

/** What a citizen sent, channel-independent. */
export type Inbound =
  | { kind: 'text'; text: string }
  | { kind: 'payload'; payload: string }
  | { kind: 'location'; lat: number; lng: number; text?: string }
  | {
      kind: 'attachment';
      type: 'image' | 'gif' | 'sticker' | 'file' | 'audio' | 'video' | 'link';
      url?: string;
    }
  | { kind: 'shared_info'; phone?: string; name?: string }
  | { kind: 'follow' };

export interface TurnResult {
  state: ConversationState;
  messages: ChatMessage[];
  /** The event was answered before: `messages` are the saved replies, nothing ran again. */
  replayed?: boolean;
  /** The channel asked for silence (Zalo: taken over in the OA manager): recorded, not answered. */
  silenced?: boolean;
}
