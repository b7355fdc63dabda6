import { createHash } from 'node:crypto';
import type { Services } from '../app/container';
import { STAFF_ROLES, type StaffRole } from '../config/staff-accounts';
import type { StaffIdentity } from '../conversation/service';
import { safeEqual } from '../http/auth';
import { forbidden, unauthorized } from '../http/errors';
import { bearerToken } from '../http/request';
import type { HttpEvent } from '../http/types';

/** A signed-in staff member and what they may do. */
export interface StaffPrincipal extends StaffIdentity {
  roles: readonly StaffRole[];
}

/**
 * Cognito puts a user's groups in `cognito:groups`; API Gateway's JWT authorizer hands claims over as
 * strings, so a list arrives either as an array or as "[a b]" / "a,b" text.
 */
function groupsOf(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.filter((g): g is string => typeof g === 'string');
  if (typeof claim !== 'string') return [];
  return claim
    .replace(/^\[|\]$/gu, '')
    .split(/[\s,]+/u)
    .filter(Boolean);
}

const isRole = (g: string): g is StaffRole => (STAFF_ROLES as readonly string[]).includes(g);

/**
 * Staff sign in with a local token on this machine (`STAFF_TOKEN`: every role; `STAFF_ACCOUNTS`: the
 * roles listed); in AWS API Gateway has already checked a Cognito JWT and the roles are the user's groups.
 * A Cognito user in no group at all keeps the queue (`agent`): accounts made before roles existed
 * must not lose the console; knowledge work always needs an explicit group.
 */
export function staffPrincipal(services: Services, event: HttpEvent): StaffPrincipal {
  const { config } = services;
  if (config.staffAuth === 'cognito') {
    const claims = event.requestContext.authorizer?.jwt?.claims;
    const sub = typeof claims?.sub === 'string' ? claims.sub : undefined;
    if (!sub) throw unauthorized();
    const name = [claims?.name, claims?.email, claims?.['cognito:username']].find(
      (v) => typeof v === 'string',
    ) as string | undefined;
    const groups = groupsOf(claims?.['cognito:groups']);
    const roles = groups.filter(isRole);
    return { staffId: sub, name: name ?? 'Cán bộ', roles: groups.length === 0 ? ['agent'] : roles };
  }
  const given = bearerToken(event);
  if (!given) throw unauthorized();
  if (config.staffToken && safeEqual(given, config.staffToken))
    return { staffId: 'local-staff', name: 'Cán bộ trực', roles: ['admin'] };
  // Every account is compared, so the time taken does not tell which token was close.
  let found: StaffPrincipal | undefined;
  for (const account of config.staffAccounts) {
    if (safeEqual(given, account.token) && !found)
      found = {
        staffId: `local-${createHash('sha256').update(account.token).digest('hex').slice(0, 12)}`,
        name: account.name,
        roles: account.roles,
      };
  }
  if (!found) throw unauthorized();
  return found;
}

export function hasRole(staff: StaffPrincipal, role: StaffRole): boolean {
  return staff.roles.includes('admin') || staff.roles.includes(role);
}

/**
 * Reading the knowledge (search, an entry, drafts, the stale list) is for every staff role: agents
 * quote it, editors write it and reviewers review it.
 */
export function requireKnowledgeReader(staff: StaffPrincipal): void {
  if (!(['agent', 'editor', 'reviewer'] as const).some((r) => hasRole(staff, r)))
    throw forbidden('Tài khoản của bạn không có quyền thực hiện thao tác này.');
}

/** A route used without the role it needs answers 403 (contract). */
export function requireRole(staff: StaffPrincipal, role: StaffRole): void {
  if (!hasRole(staff, role)) throw forbidden('Tài khoản của bạn không có quyền thực hiện thao tác này.');
}
