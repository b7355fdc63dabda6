import { foldDiacritics } from '../../intents/normalise';
import { consentFromWords, isErasureRequest } from '../../intents/vocabulary';
import type { ChatMessage, Inbound, Session, SessionRef, TurnResult } from '../conversation/model';
import { sessionKey } from '../conversation/model';
import { PAYLOAD_PREFIX } from '../conversation/payloads';
import type { ConversationService } from '../conversation/service';
import type { Clock } from '../shared/clock';
import { newId } from '../shared/ids';
import type { Stores } from '../stores';
import { KEPT_UNDER_OTHER_LAWS } from './erasure';
import type { PrivacyRequest, PrivacyRequestSource } from './privacy-requests';

export const ERASE_CONFIRM = `${PAYLOAD_PREFIX}erase-yes`;
export const ERASE_CANCEL = `${PAYLOAD_PREFIX}erase-no`;
/**
 * The caller's own check (the web chat's per-address limit) that the conversation awaits: a message
 * answered here must await it too, so that a refusal is the caller's error and never unobserved.
 */
export async function passGate(options: unknown): Promise<void> {
  await gateOf(options);
}

/**
 * Marks the gate as observed before anything else is awaited: a refusal that comes while this
 * layer reads the store must not count as an unhandled rejection. Awaiting it later still throws.
 */
export function observeGate(options: unknown): void {
  gateOf(options)?.catch(() => undefined);
}

const gateOf = (options: unknown) => (options as { gate?: Promise<void> } | undefined)?.gate;

/** The citizen has this long to confirm; after it the request lapses and must be made again. */
const CONFIRM_WINDOW_MS = 15 * 60_000;

export { isErasureRequest };

export interface DeletionDialogueDeps {
  stores: Pick<Stores, 'guards' | 'conversations'>;
  clock: Clock;
  erase(ref: SessionRef, source: PrivacyRequestSource): Promise<PrivacyRequest>;
}

/**
 * The data-subject request, on every channel, in front of the conversation: the request is
 * confirmed first (a typo must not wipe a conversation), then everything the assistant holds about
 * the person is deleted at once and they are told what was kept and why. The pending confirmation
 * is a short-lived lock, not a session field, so the deletion leaves nothing of it behind.
 *
 * Any other message withdraws a pending request, so that a later "có" meant for another question
 * never confirms a deletion asked for earlier. That is done without reading anything on an ordinary
 * turn (issue 17: a read per turn, forever, for a confirmation pending in perhaps 1 turn in 10,000):
 * the lock is tagged with the session's version when the request is made, and every turn commits
 * the session with a new version. A yes/no is taken as the answer to the request only while the
 * session is still at that version, i.e. nothing else was said in between; only messages that could
 * be that answer read the lock (and then the session).
 */
export function withDataDeletion<S extends Pick<ConversationService, 'handleInbound'>>(
  inner: S,
  deps: DeletionDialogueDeps,
): S {
  const pendingKey = (ref: SessionRef) => `erase-pending:${sessionKey(ref)}`;
  const versionOf = (session: Session | undefined) => String(session?.version ?? 0);

  function message(text: string, extra: Partial<ChatMessage> = {}): ChatMessage {
    const now = deps.clock.now();
    return { id: newId(now.getTime()), from: 'bot', text, createdAt: now.toISOString(), ...extra };
  }

  /**
   * The exchange is kept in the transcript like any other, until the deletion removes it. Appending
   * transcript items leaves the session (and its version) as it was.
   */
  async function answer(
    ref: SessionRef,
    session: Session | undefined,
    said: string,
    reply: ChatMessage,
  ): Promise<TurnResult> {
    const now = deps.clock.now();
    const user: ChatMessage = {
      id: newId(now.getTime()),
      from: 'user',
      text: said,
      createdAt: now.toISOString(),
    };
    await deps.stores.conversations.appendMessages(ref, [user, reply], now);
    return { state: session?.state ?? 'bot', messages: [reply] };
  }

  async function handleInbound(
    ref: SessionRef,
    inbound: Inbound,
    options?: Parameters<S['handleInbound']>[2],
  ): Promise<TurnResult> {
    const raw =
      inbound.kind === 'text'
        ? inbound.text.trim()
        : inbound.kind === 'payload'
          ? inbound.payload
          : undefined;
    if (raw === undefined) return inner.handleInbound(ref, inbound, options);
    const now = deps.clock.now();
    const words = raw.startsWith(PAYLOAD_PREFIX)
      ? undefined
      : consentFromWords(foldDiacritics(raw.toLowerCase()));
    const answeredAnyway = raw === ERASE_CONFIRM || raw === ERASE_CANCEL || isErasureRequest(raw);
    // An ordinary message: its turn's commit is what withdraws a pending request (see above).
    if (!answeredAnyway && words === undefined) return inner.handleInbound(ref, inbound, options);
    observeGate(options);
    // A plain yes/no is most often meant for another question: its session is read only when a
    // request is pending at all; the messages answered here in any case read both at once.
    const [lock, read] = await Promise.all([
      deps.stores.guards.readLock(pendingKey(ref), now),
      answeredAnyway ? deps.stores.conversations.getSession(ref) : undefined,
    ]);
    const session = answeredAnyway || !lock ? read : await deps.stores.conversations.getSession(ref);
    const pending = lock !== undefined && lock.tag === versionOf(session);

    if (answeredAnyway || (pending && words !== undefined)) await passGate(options);

    if (pending && (raw === ERASE_CONFIRM || words === true)) {
      await deps.stores.guards.lock(pendingKey(ref), now);
      const request = await deps.erase(ref, 'typed_request');
      // Nothing is written back: the transcript this would go into has just been deleted.
      return {
        state: 'bot',
        messages: [
          message(
            `Đã xóa dữ liệu cá nhân của bạn tại Trợ lý ảo: lịch sử trò chuyện, số điện thoại đã chia sẻ, các đăng ký nhận thông báo hồ sơ và sự đồng ý nhận thông báo. Mã yêu cầu: ${request.id.slice(-8)}.\n\nTheo quy định pháp luật khác, vẫn được lưu giữ:\n• ${KEPT_UNDER_OTHER_LAWS.join('\n• ')}\n\nNếu bạn nhắn tin tiếp, cuộc trò chuyện sẽ bắt đầu lại từ đầu.`,
          ),
        ],
      };
    }
    if (pending && (raw === ERASE_CANCEL || words === false)) {
      await deps.stores.guards.lock(pendingKey(ref), now);
      return answer(
        ref,
        session,
        raw === ERASE_CANCEL ? 'Không xóa' : raw,
        message('Đã hủy yêu cầu xóa dữ liệu. Dữ liệu của bạn được giữ nguyên.'),
      );
    }
    if (raw === ERASE_CONFIRM || raw === ERASE_CANCEL) {
      return answer(
        ref,
        session,
        raw === ERASE_CONFIRM ? 'Xác nhận xóa' : 'Không xóa',
        message(
          'Yêu cầu xóa dữ liệu đã hết hiệu lực. Nếu bạn vẫn muốn xóa, vui lòng nhắn lại “xóa dữ liệu của tôi”.',
        ),
      );
    }
    if (isErasureRequest(raw)) {
      await deps.stores.guards.lock(
        pendingKey(ref),
        new Date(now.getTime() + CONFIRM_WINDOW_MS),
        versionOf(session),
      );
      return answer(
        ref,
        session,
        raw,
        message(
          'Bạn muốn xóa toàn bộ dữ liệu cá nhân của bạn tại Trợ lý ảo (lịch sử trò chuyện, số điện thoại đã chia sẻ, đăng ký nhận thông báo hồ sơ)? Sau khi xóa, bạn sẽ không nhận được thông báo về hồ sơ qua kênh này nữa. Yêu cầu được thực hiện ngay, trong thời hạn 2 ngày làm việc theo Nghị định 356/2025/NĐ-CP.',
          {
            quickReplies: [
              { title: 'Xác nhận xóa', payload: ERASE_CONFIRM },
              { title: 'Không xóa', payload: ERASE_CANCEL },
            ],
          },
        ),
      );
    }
    return inner.handleInbound(ref, inbound, options);
  }

  return { ...inner, handleInbound };
}
