import { describe, expect, it } from 'vitest';
import {
  checkSignature,
  computeSignature,
  constantTimeEqualText,
  parseSignatureHeader,
  SIGNATURE_VARIANTS,
} from '../../../functions/channels/zalo/signature';
import { FAKE_ZALO_DEFAULTS, zaloSignature } from '../../support/fake-zalo-server';

const keys = {
  appId: FAKE_ZALO_DEFAULTS.appId,
  oaSecretKey: FAKE_ZALO_DEFAULTS.oaSecretKey,
  appSecret: FAKE_ZALO_DEFAULTS.appSecret,
};
const body = '{"app_id":"4321987654321098765","event_name":"user_send_text","timestamp":"1718000000000"}';
const ts = '1718000000000';

describe('webhook signature', () => {
  it.each(SIGNATURE_VARIANTS)('accepts a delivery signed with the configured variant %s', (variant) => {
    const header = zaloSignature(body, ts, { variant });
    expect(checkSignature(variant, keys, body, ts, header)).toEqual({ ok: true, variant });
  });

  it.each(SIGNATURE_VARIANTS)(
    'refuses %s signatures when another variant is configured, naming the one that matched',
    (variant) => {
      const configured = SIGNATURE_VARIANTS.find((v) => v !== variant) ?? 'oa_secret_sha256';
      const result = checkSignature(configured, keys, body, ts, zaloSignature(body, ts, { variant }));
      expect(result).toEqual({ ok: false, reason: 'mismatch', otherVariant: variant });
    },
  );

  it('is the documented plain hash sha256(appId + body + timestamp + OA secret key), not an HMAC', () => {
    const expected = computeSignature('oa_secret_sha256', keys, body, ts);
    expect(expected).toMatch(/^[0-9a-f]{64}$/u);
    expect(`mac=${expected}`).toBe(zaloSignature(body, ts));
  });

  it.each([
    ['a changed body', body.replace('user_send_text', 'follow'), ts],
    ['a changed timestamp', body, '1718000000001'],
    ['one more space in the body', `${body} `, ts],
  ])('refuses %s', (_label, changedBody, changedTs) => {
    const header = zaloSignature(body, ts);
    expect(checkSignature('oa_secret_sha256', keys, changedBody, changedTs, header)).toMatchObject({
      ok: false,
      reason: 'mismatch',
    });
  });

  it.each([
    ['no app id', { oaSecretKey: keys.oaSecretKey }],
    ['no OA secret key', { appId: keys.appId }],
    ['nothing', {}],
  ])('refuses every signed event when %s is configured', (_label, partialKeys) => {
    const header = zaloSignature(body, ts);
    expect(checkSignature('oa_secret_sha256', partialKeys, body, ts, header)).toEqual({
      ok: false,
      reason: 'not_configured',
    });
  });

  it('needs the App Secret for the app-secret variant', () => {
    const header = zaloSignature(body, ts, { variant: 'app_secret_sha256' });
    expect(
      checkSignature(
        'app_secret_sha256',
        { appId: keys.appId, oaSecretKey: keys.oaSecretKey },
        body,
        ts,
        header,
      ),
    ).toEqual({
      ok: false,
      reason: 'not_configured',
    });
  });

  it.each([
    ['mac=ABCDEF…', `mac=${'A'.repeat(64)}`, 'a'.repeat(64)],
    ['a bare hex value', 'b'.repeat(64), 'b'.repeat(64)],
    ['surrounding spaces', `  mac=${'c'.repeat(64)} `, 'c'.repeat(64)],
    ['too short', 'mac=abc', undefined],
    ['not hex', `mac=${'z'.repeat(64)}`, undefined],
    ['empty', '', undefined],
  ])('reads the header: %s', (_label, header, expected) => {
    expect(parseSignatureHeader(header)).toBe(expected);
  });

  it('refuses a missing signature or a missing timestamp', () => {
    expect(checkSignature('oa_secret_sha256', keys, body, ts, undefined)).toEqual({
      ok: false,
      reason: 'missing',
    });
    expect(checkSignature('oa_secret_sha256', keys, body, undefined, zaloSignature(body, ''))).toEqual({
      ok: false,
      reason: 'missing',
    });
  });

  it.each([
    ['same', 'secret-token-1', 'secret-token-1', true],
    ['different', 'secret-token-1', 'secret-token-2', false],
    ['prefix', 'secret-token', 'secret-token-1', false],
    ['empty', '', 'secret-token-1', false],
  ])('compares bot secret tokens in constant time (%s)', (_label, given, expected, result) => {
    expect(constantTimeEqualText(given, expected)).toBe(result);
  });
});
