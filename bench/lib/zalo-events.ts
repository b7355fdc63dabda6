import { createHash } from 'node:crypto';

/** Keys the benchmarks give the server and sign with (not secrets: loopback only). */
export const BENCH_ZALO = {
  appId: '4321987654321098765',
  oaSecretKey: 'bench-oa-secret-key',
  accessToken: 'bench-access-token',
  oaId: '2512523625412515321',
} as const;

/**
 * A `user_send_text` delivery signed as Zalo signs it (reference §1):
 * `X-ZEvent-Signature: mac=` + sha256_hex(app_id + raw body + timestamp + OA secret key).
 */
export interface SigningKeys {
  appId: string;
  oaSecretKey: string;
  oaId: string;
}

export function signedEvent(
  e: { userId: string; msgId: string; text: string; timestamp?: number },
  keys: SigningKeys = BENCH_ZALO,
) {
  const timestamp = String(e.timestamp ?? Date.now());
  const event = {
    app_id: keys.appId,
    user_id_by_app: '5512345678901234567',
    event_name: 'user_send_text',
    timestamp,
    sender: { id: e.userId },
    recipient: { id: keys.oaId },
    message: { msg_id: e.msgId, text: e.text },
  };
  const body = JSON.stringify(event);
  const mac = createHash('sha256')
    .update(keys.appId + body + timestamp + keys.oaSecretKey, 'utf8')
    .digest('hex');
  return { body, headers: { 'content-type': 'application/json', 'x-zevent-signature': `mac=${mac}` } };
}
