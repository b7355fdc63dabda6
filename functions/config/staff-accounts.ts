import * as z from 'zod/mini';

/** What a staff member may do (contract: "Staff accounts and roles"). `admin` implies every other role. */
export const STAFF_ROLES = ['agent', 'editor', 'reviewer', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

const StaffAccountSchema = z.object({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  token: z.string().check(z.minLength(16, 'token: at least 16 characters')),
  roles: z.array(z.enum(STAFF_ROLES)).check(z.minLength(1)),
});
export type StaffAccount = z.infer<typeof StaffAccountSchema>;

/**
 * `STAFF_ACCOUNTS` on this machine: extra accounts beside `STAFF_TOKEN`, as JSON. Parsed once with the
 * rest of the configuration; a malformed value stops the start with a clear message instead of
 * silently leaving people without access.
 */
export function parseStaffAccounts(raw: string | undefined): StaffAccount[] {
  if (!raw) return [];
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    throw new Error('Invalid configuration: STAFF_ACCOUNTS is not JSON');
  }
  const parsed = z.array(StaffAccountSchema).safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new Error(
      `Invalid configuration: STAFF_ACCOUNTS ${first?.path.join('.') ?? ''}: ${first?.message ?? 'invalid'}`,
    );
  }
  const tokens = new Set<string>();
  for (const account of parsed.data) {
    if (tokens.has(account.token)) throw new Error('Invalid configuration: STAFF_ACCOUNTS repeats a token');
    tokens.add(account.token);
  }
  return parsed.data;
}
