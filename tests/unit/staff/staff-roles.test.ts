import { describe, expect, it } from 'vitest';
import type { Services } from '../../../functions/app/container';
import { readConfig } from '../../../functions/config/config';
import { AppError } from '../../../functions/http/errors';
import type { HttpEvent } from '../../../functions/http/types';
import { hasRole, requireRole, staffPrincipal } from '../../../functions/staff/staff-identity';

const ACCOUNTS = JSON.stringify([
  { name: 'Lê Thị B', token: 'editor-token-0123456789', roles: ['agent', 'editor'] },
  { name: 'Trần Văn C', token: 'reviewer-token-0123456789', roles: ['reviewer'] },
]);

function servicesWith(env: Record<string, string>): Services {
  return { config: readConfig({ LOG_LEVEL: 'silent', ...env }) } as unknown as Services;
}

function event(token?: string, claims?: Record<string, unknown>): HttpEvent {
  return {
    version: '2.0',
    routeKey: 'GET /api/staff/me',
    rawPath: '/api/staff/me',
    rawQueryString: '',
    headers: token ? { authorization: `Bearer ${token}` } : {},
    requestContext: {
      http: { method: 'GET', path: '/api/staff/me', sourceIp: '127.0.0.1' },
      requestId: 'r',
      ...(claims ? { authorizer: { jwt: { claims } } } : {}),
    },
  } as HttpEvent;
}

const statusOf = (fn: () => unknown) => {
  try {
    fn();
    return 200;
  } catch (error) {
    return error instanceof AppError ? error.status : 500;
  }
};

describe('staff roles', () => {
  const local = servicesWith({ STAFF_TOKEN: 'the-local-admin-token', STAFF_ACCOUNTS: ACCOUNTS });

  it('STAFF_TOKEN holds every role; STAFF_ACCOUNTS hold the roles listed', () => {
    const admin = staffPrincipal(local, event('the-local-admin-token'));
    expect(['agent', 'editor', 'reviewer', 'admin'].every((r) => hasRole(admin, r as never))).toBe(true);
    const editor = staffPrincipal(local, event('editor-token-0123456789'));
    expect(editor.name).toBe('Lê Thị B');
    expect(hasRole(editor, 'editor')).toBe(true);
    expect(statusOf(() => requireRole(editor, 'reviewer'))).toBe(403);
    const reviewer = staffPrincipal(local, event('reviewer-token-0123456789'));
    expect(reviewer.staffId).not.toBe(editor.staffId);
    expect(statusOf(() => requireRole(reviewer, 'agent'))).toBe(403);
  });

  it('an unknown or missing token is 401', () => {
    expect(statusOf(() => staffPrincipal(local, event('not-a-token-at-all')))).toBe(401);
    expect(statusOf(() => staffPrincipal(local, event()))).toBe(401);
  });

  it('Cognito groups are the roles; a user in no group keeps the queue only', () => {
    const cognito = servicesWith({ STAFF_AUTH: 'cognito' });
    const reviewer = staffPrincipal(
      cognito,
      event(undefined, { sub: 'u1', 'cognito:groups': '[reviewer editor]' }),
    );
    expect(reviewer.roles).toEqual(['reviewer', 'editor']);
    const legacy = staffPrincipal(cognito, event(undefined, { sub: 'u2' }));
    expect(legacy.roles).toEqual(['agent']);
    const other = staffPrincipal(cognito, event(undefined, { sub: 'u3', 'cognito:groups': ['payroll'] }));
    expect(statusOf(() => requireRole(other, 'agent'))).toBe(403);
  });

  it('a malformed STAFF_ACCOUNTS stops the start with a clear message', () => {
    expect(() => readConfig({ STAFF_ACCOUNTS: '[{"name":"A","token":"short","roles":["agent"]}]' })).toThrow(
      /STAFF_ACCOUNTS/u,
    );
    expect(() => readConfig({ STAFF_ACCOUNTS: 'not json' })).toThrow(/STAFF_ACCOUNTS/u);
  });
});
