import { ConditionFailedError, type TablePort } from '../../stores/table-port';

export const TOKEN_LOCK_KEY = { pk: 'ZALO#TOKEN_LOCK', sk: '-' } as const;

/**
 * A lease in the registry table: only its holder refreshes the token pair. The item carries no TTL
 * on purpose: DynamoDB keeps expired items until its lazy sweep, and a conditional write would then
 * fail against a lock nobody holds. An expired lease is taken over by a write conditioned on the
 * previous holder instead.
 */
export interface TokenLock {
  acquire(holder: string, now: Date, leaseMs: number): Promise<boolean>;
  release(holder: string): Promise<void>;
}

export function tableTokenLock(registry: TablePort): TokenLock {
  return {
    async acquire(holder, now, leaseMs) {
      const item = { ...TOKEN_LOCK_KEY, holder, leaseUntil: now.getTime() + leaseMs };
      const current = await registry.get(TOKEN_LOCK_KEY.pk, TOKEN_LOCK_KEY.sk);
      try {
        if (!current) {
          await registry.put(item, { ifNotExists: true });
          return true;
        }
        if (typeof current.leaseUntil === 'number' && current.leaseUntil > now.getTime()) return false;
        await registry.put(item, {
          ifAttributeEquals: { name: 'holder', value: String(current.holder ?? '') },
        });
        return true;
      } catch (error) {
        if (error instanceof ConditionFailedError) return false;
        throw error;
      }
    },
    async release(holder) {
      try {
        await registry.put(
          { ...TOKEN_LOCK_KEY, holder: '', leaseUntil: 0 },
          { ifAttributeEquals: { name: 'holder', value: holder } },
        );
      } catch (error) {
        // Our lease ran out and someone else holds the lock now: theirs to release.
        if (!(error instanceof ConditionFailedError)) throw error;
      }
    },
  };
}
