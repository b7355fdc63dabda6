import { describe, expect, it } from 'vitest';
import { normalisePhone, oaEventToInbound, parseCoordinate } from '../../../functions/channels/zalo/inbound';
import { OaEventSchema } from '../../../functions/channels/zalo/oa-events';
import { authorizationUrl, codeChallenge, createCodeVerifier } from '../../../functions/channels/zalo/pkce';
import { zaloFixture } from '../../support/fake-zalo-server';

describe('a phone shared through the consent card', () => {
  it.each([
    ['84912345678', '0912345678'],
    ['+84 912 345 678', '0912345678'],
    ['0912345678', '0912345678'],
    ['0912.345.678', '0912345678'],
    ['912345678', '0912345678'],
    ['842838291234', '02838291234'],
    ['12345', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%j → %j', (raw, expected) => {
    expect(normalisePhone(raw)).toBe(expected);
  });
});

describe('coordinates (strings in Zalo events)', () => {
  it.each([
    ['10.79', 90, 10.79],
    [' 106.78 ', 180, 106.78],
    ['-33.5', 90, -33.5],
    [11.5, 90, 11.5],
    ['91', 90, undefined],
    ['abc', 90, undefined],
    ['', 90, undefined],
    [undefined, 90, undefined],
  ])('%j (limit %i) → %j', (raw, limit, expected) => {
    expect(parseCoordinate(raw, limit)).toBe(expected);
  });

  it('answers an unreadable location like an attachment it cannot read', () => {
    const event = OaEventSchema.parse(
      zaloFixture('user-send-location', {
        message: {
          msg_id: 'x',
          attachments: [
            { type: 'location', payload: { coordinates: { latitude: 'north', longitude: '108' } } },
          ],
        },
      }),
    );
    expect(oaEventToInbound(event)).toEqual({ kind: 'attachment', type: 'link' });
  });

  it('keeps the ids of every fixture as exact strings (they exceed 2^53)', () => {
    const event = OaEventSchema.parse(zaloFixture('user-send-text'));
    expect(event.sender?.id).toBe('8915748452619487411');
    expect(BigInt(event.sender?.id ?? '0') > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
  });

  it('does not answer an empty text', () => {
    expect(
      oaEventToInbound(
        OaEventSchema.parse(zaloFixture('user-send-text', { message: { msg_id: 'y', text: '  ' } })),
      ),
    ).toBeUndefined();
  });
});

describe('PKCE for the admin’s authorisation', () => {
  it('makes 43-character alphanumeric verifiers, different each time', () => {
    const a = createCodeVerifier();
    const b = createCodeVerifier();
    expect(a).toMatch(/^[A-Za-z0-9]{43}$/u);
    expect(a).not.toBe(b);
  });

  it('derives the challenge as base64url(sha256(verifier)) without padding (RFC 7636 example)', () => {
    expect(codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('passes state as its own parameter and the redirect URI exactly as registered (a changed one is -14003)', () => {
    const url = new URL(
      authorizationUrl({
        oauthBase: 'https://oauth.zaloapp.com',
        appId: '123',
        redirectUri: 'https://chat.example.gov.vn/zalo/callback',
        verifier: 'v'.repeat(43),
        state: 'abc123',
      }),
    );
    expect(url.origin + url.pathname).toBe('https://oauth.zaloapp.com/v4/oa/permission');
    expect(url.searchParams.get('app_id')).toBe('123');
    expect(url.searchParams.get('code_challenge')).toBe(codeChallenge('v'.repeat(43)));
    expect(url.searchParams.get('state')).toBe('abc123');
    expect(url.searchParams.get('redirect_uri')).toBe('https://chat.example.gov.vn/zalo/callback');
  });
});
