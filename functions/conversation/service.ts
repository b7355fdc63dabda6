import { conflict, notFound, tooManyRequests } from '../http/errors';
import { newId } from '../shared/ids';
import type { Dossier } from '../stores/dossier-store';
import type { Escalation } from '../stores/escalation-store';
import { ConditionFailedError } from '../stores/table-port';
import type { OutboundDelivery } from './delivery';
import { describePayload, runTurn } from './engine';
import { explainDossier, statusLabel } from './flows/dossier';
import { HANDOFF_SCORE_LABELS } from './flows/rating';
import {
  type ChatMessage,
  type Inbound,
  newSession,
  type Session,
  type SessionRef,
  type TurnResult,
} from './model';
import { encodePayload } from './payloads';
import { TEAMS, type TeamId } from './teams';
import { type EngineDeps, Turn } from './turn';

export interface StaffIdentity {
  staffId: string;
  name: string;
}

export interface ConversationServiceOptions {
  rateLimitPerMinute: number;
}

/**
 * Around each turn: load the session, run the engine, save session and transcript; and the staff
 * side of a handed-off conversation. Everything here is channel-agnostic.
 */
export function createConversationService(
  deps: EngineDeps,
  delivery: OutboundDelivery,
  options: ConversationServiceOptions,
) {
  const { stores, clock, log } = deps;

  const loadSession = async (ref: SessionRef) =>
    (await stores.conversations.getSession(ref)) ?? newSession(ref, clock.now());

  /** Applies a change to a session with optimistic concurrency, retrying on a concurrent save. */
  async function mutateSession(ref: SessionRef, change: (s: Session) => void): Promise<Session> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const session = await loadSession(ref);
      change(session);
      try {
        return await stores.conversations.saveSession(session, clock.now());
      } catch (error) {
        if (!(error instanceof ConditionFailedError)) throw error;
      }
    }
    throw new ConditionFailedError('session contended');
  }

  function systemMessage(text: string, extra: Partial<ChatMessage> = {}): ChatMessage {
    const now = clock.now();
    return { id: newId(now.getTime()), from: 'system', text, createdAt: now.toISOString(), ...extra };
  }

  async function push(ref: SessionRef, messages: ChatMessage[]) {
    await stores.conversations.appendMessages(ref, messages, clock.now());
    try {
      await delivery.deliver(ref, messages);
    } catch (error) {
      // The transcript already holds them; a failed push is logged, not lost.
      log.warn('delivery_failed', { channel: ref.channel, error });
    }
  }

  /**
   * The per-session rate limit is counted in the session item itself, which every turn reads and
   * writes anyway: no extra store request. Returns the session with this message counted.
   */
  function countMessage(session: Session, now: Date): Session {
    const window = Math.floor(now.getTime() / 60_000);
    const count = session.rate?.window === window ? session.rate.count : 0;
    if (count >= options.rateLimitPerMinute) throw tooManyRequests((window + 1) * 60 - now.getTime() / 1000);
    return { ...session, rate: { window, count: count + 1 } };
  }

  /**
   * One citizen message. `eventKey` is the channel's id of the event (Zalo's msg_id): a redelivered
   * event that this session already answered gets the saved replies back instead of a second turn.
   */
  async function handleInbound(
    ref: SessionRef,
    inbound: Inbound,
    turnOptions: { eventKey?: string; gate?: Promise<void> } = {},
  ): Promise<TurnResult> {
    for (let attempt = 0; ; attempt++) {
      // The caller's own check (the per-address limit) runs while the session loads.
      const [loaded] = await Promise.all([loadSession(ref), attempt === 0 ? turnOptions.gate : undefined]);
      if (turnOptions.eventKey) {
        const replies = await stores.conversations.repliesTo(loaded, turnOptions.eventKey);
        if (replies) return { state: loaded.state, messages: replies };
      }
      const now = clock.now();
      const session = countMessage(loaded, now);
      const userMessage: ChatMessage = {
        id: newId(now.getTime()),
        from: 'user',
        text: describeInbound(inbound),
        createdAt: now.toISOString(),
      };
      const isNew = session.version === 0;
      const silent = session.state !== 'bot' && !isCancel(inbound);
      let turn: Turn | undefined;
      if (!silent) {
        turn = new Turn(deps, session, userMessage.id);
        await runTurn(turn, inbound);
        if (turn.understanding) userMessage.understanding = turn.understanding;
      }
      // A person has (or is about to take) the conversation: the assistant stays silent and the
      // message goes to the escalation.
      const replies = turn?.replies ?? [];
      try {
        const committed = await stores.conversations.commitTurn(
          turn?.session ?? session,
          {
            messages: [userMessage, ...replies],
            ...(turnOptions.eventKey ? { eventKey: turnOptions.eventKey } : {}),
          },
          now,
        );
        if (!committed.projected) log.warn('transcript_projection_deferred', { channel: ref.channel });
        // Counted after the commit, so a retried turn is counted once.
        if (isNew) await stores.stats.count('conversations', now);
        if (turn?.escalated) await stores.stats.count('escalations', now);
        if (silent && session.escalationId) {
          await stores.escalations
            .update(session.escalationId, (e) => ({
              ...e,
              lastMessage: userMessage.text.slice(0, 300),
              lastMessageAt: now.toISOString(),
            }))
            .catch((error: unknown) => log.warn('escalation_touch_failed', { error }));
        }
        if (turn) {
          log.info('turn', {
            channel: ref.channel,
            intent: turn.understanding?.intent,
            confidence: turn.understanding?.confidence,
            entryId: turn.understanding?.entryId,
            replies: replies.length,
            state: committed.session.state,
          });
        }
        return { state: committed.session.state, messages: replies };
      } catch (error) {
        if (error instanceof ConditionFailedError && attempt < 3) continue;
        throw error;
      }
    }
  }

  async function listMessages(ref: SessionRef, afterId?: string) {
    const session = await stores.conversations.getSession(ref);
    const messages = (await stores.conversations.listMessages(ref, afterId)).filter((m) => m.from !== 'user');
    return { state: session?.state ?? 'bot', messages };
  }

  // ---- staff side ----

  async function requireEscalation(id: string): Promise<Escalation> {
    const e = await stores.escalations.get(id);
    if (!e) throw notFound('Không tìm thấy yêu cầu hỗ trợ này.');
    return e;
  }

  async function claim(id: string, staff: StaffIdentity): Promise<Escalation> {
    const current = await requireEscalation(id);
    if (current.state === 'resolved') throw conflict('already_resolved', 'Yêu cầu này đã được xử lý xong.');
    if (current.state === 'claimed' && current.claimedBy !== staff.staffId) {
      throw conflict('already_claimed', 'Yêu cầu này đã được cán bộ khác tiếp nhận.');
    }
    if (current.state === 'claimed') return current;
    let lost = false;
    const updated = await stores.escalations.update(id, (e) => {
      if (e.state !== 'open') {
        lost = e.claimedBy !== staff.staffId;
        return e;
      }
      return { ...e, state: 'claimed', claimedBy: staff.staffId, claimedAt: clock.now().toISOString() };
    });
    if (lost) throw conflict('already_claimed', 'Yêu cầu này đã được cán bộ khác tiếp nhận.');
    await mutateSession(updated.ref, (s) => {
      s.state = 'with_staff';
      s.escalationId = id;
    });
    await push(updated.ref, [
      systemMessage(`Cán bộ ${staff.name} đã tiếp nhận và sẽ trao đổi với bạn ngay tại đây.`),
    ]);
    return updated;
  }

  async function postStaffMessage(id: string, staff: StaffIdentity, text: string): Promise<ChatMessage> {
    let e = await requireEscalation(id);
    if (e.state === 'resolved')
      throw conflict('already_resolved', 'Yêu cầu này đã kết thúc; không thể gửi thêm tin nhắn.');
    if (e.state === 'open') e = await claim(id, staff);
    if (e.claimedBy !== staff.staffId)
      throw conflict('already_claimed', 'Yêu cầu này do cán bộ khác phụ trách.');
    const now = clock.now();
    const message: ChatMessage = {
      id: newId(now.getTime()),
      from: 'staff',
      text,
      createdAt: now.toISOString(),
      staffId: staff.staffId,
    };
    await push(e.ref, [message]);
    return message;
  }

  async function resolve(id: string, staff: StaffIdentity): Promise<Escalation> {
    const current = await requireEscalation(id);
    if (current.state === 'resolved') throw conflict('already_resolved', 'Yêu cầu này đã được xử lý xong.');
    if (current.state === 'claimed' && current.claimedBy !== staff.staffId) {
      throw conflict('already_claimed', 'Yêu cầu này do cán bộ khác phụ trách.');
    }
    const now = clock.now().toISOString();
    const updated = await stores.escalations.update(id, (e) => ({
      ...e,
      state: 'resolved',
      resolvedAt: now,
      resolvedBy: staff.staffId,
      claimedBy: e.claimedBy ?? staff.staffId,
    }));
    await mutateSession(updated.ref, (s) => {
      if (s.escalationId === id) {
        s.state = 'bot';
        s.escalationId = undefined;
        s.pending = { kind: 'handoff_rating', escalationId: id };
      }
    });
    const quickReplies = HANDOFF_SCORE_LABELS.map((label, i) => ({
      title: `${i + 1} – ${label}`,
      payload: encodePayload({ type: 'rate', escalationId: id, score: i + 1 }),
    }));
    quickReplies.push({ title: 'Bỏ qua', payload: encodePayload({ type: 'rate_skip', escalationId: id }) });
    await push(updated.ref, [
      systemMessage(
        'Cuộc trao đổi với cán bộ đã kết thúc. Bạn hài lòng thế nào với sự hỗ trợ vừa rồi? (chọn từ 1 đến 5, có thể bỏ qua)',
        { quickReplies, notice: { kind: 'rating_request', escalationId: id, at: now } },
      ),
    ]);
    return updated;
  }

  async function transfer(id: string, team: TeamId, staff: StaffIdentity): Promise<Escalation> {
    const current = await requireEscalation(id);
    if (current.state === 'resolved') throw conflict('already_resolved', 'Yêu cầu này đã được xử lý xong.');
    const updated = await stores.escalations.update(id, (e) => {
      const { claimedBy: _c, claimedAt: _a, ...rest } = e;
      return { ...rest, state: 'open', team };
    });
    await stores.escalations.addNote(id, {
      staffId: staff.staffId,
      text: `Chuyển sang nhóm ${TEAMS.find((t) => t.id === team)?.name ?? team}.`,
      createdAt: clock.now().toISOString(),
    });
    await mutateSession(updated.ref, (s) => {
      if (s.escalationId === id) s.state = 'waiting_staff';
    });
    await push(updated.ref, [
      systemMessage(
        'Yêu cầu của bạn đã được chuyển tới bộ phận phụ trách phù hợp. Cán bộ sẽ trả lời bạn sớm.',
      ),
    ]);
    return updated;
  }

  /** Tells every citizen who asked to follow a dossier that its status changed. */
  async function notifyDossierChange(dossier: Dossier): Promise<number> {
    const subs = await stores.dossiers.subscribers(dossier.code);
    for (const sub of subs) {
      const message = systemMessage(
        `Thông báo: hồ sơ ${dossier.code} vừa chuyển sang trạng thái “${statusLabel(dossier.status)}”.\n\n${explainDossier(dossier, clock.now())}`,
        {
          notice: {
            kind: 'dossier_status',
            code: dossier.code,
            procedure: dossier.procedure,
            status: statusLabel(dossier.status),
            agency: dossier.agency,
            at: clock.now().toISOString(),
          },
        },
      );
      await push(sub.ref, [message]);
    }
    return subs.length;
  }

  return {
    handleInbound,
    listMessages,
    claim,
    postStaffMessage,
    resolve,
    transfer,
    notifyDossierChange,
    mutateSession,
    push,
  };
}

export type ConversationService = ReturnType<typeof createConversationService>;

/** "Lan" → "Cán bộ Lan"; a name that already says it ("Cán bộ trực") stays as it is. */
export function staffLabel(name: string): string {
  return /^cán bộ\b/iu.test(name.trim()) ? name.trim() : `Cán bộ ${name.trim()}`;
}

function isCancel(inbound: Inbound): boolean {
  const raw =
    inbound.kind === 'payload' ? inbound.payload : inbound.kind === 'text' ? inbound.text.trim() : '';
  return raw === encodePayload({ type: 'cancel_handoff' });
}

/** The citizen's message as it reads in the transcript. */
function describeInbound(inbound: Inbound): string {
  switch (inbound.kind) {
    case 'text':
      return inbound.text.trim().startsWith('#qr:') ? describePayload(inbound.text.trim()) : inbound.text;
    case 'payload':
      return describePayload(inbound.payload);
    case 'location':
      return `[Vị trí] ${inbound.lat.toFixed(5)}, ${inbound.lng.toFixed(5)}${inbound.text ? ` – ${inbound.text}` : ''}`;
    case 'attachment':
      // The URL is kept for staff to open; the assistant never downloads what citizens send.
      return `[Tệp đính kèm: ${inbound.type}]${inbound.url ? ` ${inbound.url}` : ''}`;
    case 'shared_info':
      return '[Đã chia sẻ thông tin liên hệ]';
    case 'follow':
      return '[Quan tâm Zalo OA]';
  }
}
