import type { ChatMessage, Inbound, SessionRef, TurnResult } from '../../conversation/model';
import { decodePayload, PAYLOAD_PREFIX } from '../../conversation/payloads';
import type { ConversationService } from '../../conversation/service';
import { observeGate, passGate } from '../../privacy/deletion-dialogue';
import type { Clock } from '../../shared/clock';
import { newId } from '../../shared/ids';
import type { Stores } from '../../stores';
import type { NoticeConsentStore } from './notice-consent';

const CONSENT_YES = `${PAYLOAD_PREFIX}zns-yes:`;
const CONSENT_NO = `${PAYLOAD_PREFIX}zns-no:`;

export const consentPayload = (code: string, yes: boolean) => `${yes ? CONSENT_YES : CONSENT_NO}${code}`;

const lastDigits = (phone: string) => phone.replace(/\D/gu, '').slice(-4);

export interface NoticeConsentDialogueDeps {
  stores: Pick<Stores, 'conversations' | 'dossiers'>;
  consents: NoticeConsentStore;
  clock: Clock;
  retentionDays: number;
}

/**
 * The follow step on Zalo asks one more thing: Zalo lets the OA write only within 7 days of the
 * citizen's last message, and dossiers take longer, so the citizen is asked whether a notice may
 * then come as a ZNS template message to the phone on file for that dossier — the one they just
 * proved to know. Asked in words with two buttons: Zalo's `request_user_info` card shares the
 * phone of the Zalo account, which need not be the dossier's. Consent is recorded per dossier.
 */
export function withNoticeConsent<S extends Pick<ConversationService, 'handleInbound'>>(
  inner: S,
  deps: NoticeConsentDialogueDeps,
): S {
  function message(text: string, extra: Partial<ChatMessage> = {}): ChatMessage {
    const now = deps.clock.now();
    return { id: newId(now.getTime()), from: 'bot', text, createdAt: now.toISOString(), ...extra };
  }

  /** The dossier this conversation verified and follows, with the phone it was verified against. */
  async function followed(ref: SessionRef, code: string) {
    const session = await deps.stores.conversations.getSession(ref);
    if (!session?.verifiedDossiers?.includes(code)) return undefined;
    const subscribed = (await deps.stores.dossiers.subscribers(code)).some(
      (s) => s.ref.channel === ref.channel && s.ref.userId === ref.userId,
    );
    return subscribed ? deps.stores.dossiers.get(code) : undefined;
  }

  async function answerConsent(ref: SessionRef, code: string, yes: boolean): Promise<TurnResult> {
    const now = deps.clock.now();
    const dossier = await followed(ref, code);
    let reply: ChatMessage;
    if (!dossier) {
      reply = message(
        'Bạn vui lòng tra cứu và đăng ký nhận thông báo hồ sơ trước khi chọn cách nhận thông báo.',
      );
    } else if (yes) {
      await deps.consents.grant(
        ref.userId,
        { code, phone: dossier.phone, grantedAt: now.toISOString() },
        now,
        deps.retentionDays,
      );
      reply = message(
        `Cảm ơn bạn. Khi không thể nhắn tin tư vấn, thông báo về hồ sơ ${code} sẽ được gửi qua tin ZNS của Zalo tới số điện thoại có đuôi ${lastDigits(dossier.phone)}. Bạn có thể rút lại sự đồng ý bất cứ lúc nào bằng cách nhắn “xóa dữ liệu của tôi”.`,
      );
    } else {
      reply = message(
        `Đã ghi nhận. Thông báo về hồ sơ ${code} chỉ được gửi qua tin nhắn tư vấn, khi Zalo cho phép (trong 7 ngày kể từ tin nhắn gần nhất của bạn).`,
      );
    }
    const said: ChatMessage = {
      id: newId(now.getTime()),
      from: 'user',
      text: yes ? 'Đồng ý nhận thông báo qua ZNS' : 'Không nhận thông báo qua ZNS',
      createdAt: now.toISOString(),
    };
    await deps.stores.conversations.appendMessages(ref, [said, reply], now);
    return { state: 'bot', messages: [reply] };
  }

  async function handleInbound(
    ref: SessionRef,
    inbound: Inbound,
    options?: Parameters<S['handleInbound']>[2],
  ): Promise<TurnResult> {
    if (ref.channel !== 'zalo') return inner.handleInbound(ref, inbound, options);
    observeGate(options);
    const raw =
      inbound.kind === 'text' ? inbound.text.trim() : inbound.kind === 'payload' ? inbound.payload : '';
    if (raw.startsWith(CONSENT_YES) || raw.startsWith(CONSENT_NO)) await passGate(options);
    if (raw.startsWith(CONSENT_YES)) return answerConsent(ref, raw.slice(CONSENT_YES.length), true);
    if (raw.startsWith(CONSENT_NO)) return answerConsent(ref, raw.slice(CONSENT_NO.length), false);

    const result = await inner.handleInbound(ref, inbound, options);
    const payload = decodePayload(raw);
    if (payload?.type !== 'follow') return result;
    const dossier = await followed(ref, payload.code);
    if (!dossier || (await deps.consents.forDossier(ref.userId, payload.code))) return result;
    const question = message(
      `Zalo chỉ cho phép nhắn tin tư vấn trong 7 ngày kể từ tin nhắn gần nhất của bạn. Sau thời gian đó, bạn có đồng ý nhận thông báo về hồ sơ ${payload.code} qua tin ZNS của Zalo, gửi tới số điện thoại đăng ký hồ sơ (đuôi ${lastDigits(dossier.phone)}) không?`,
      {
        quickReplies: [
          { title: 'Đồng ý', payload: consentPayload(payload.code, true) },
          { title: 'Không', payload: consentPayload(payload.code, false) },
        ],
      },
    );
    await deps.stores.conversations.appendMessages(ref, [question], deps.clock.now());
    return { ...result, messages: [...result.messages, question] };
  }

  return { ...inner, handleInbound };
}
