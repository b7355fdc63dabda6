import * as z from 'zod/mini';
import { addDays, epochSeconds } from '../shared/clock';
import type { TablePort } from './table-port';

/** The body of `PUT /api/integrations/digital-addresses/{code}` (contract). */
export const AddressInputSchema = z.object({
  address: z.string().check(z.trim(), z.minLength(3), z.maxLength(500)),
  ownerType: z.enum(['household', 'organization', 'business']),
  name: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(300))),
  lat: z.optional(z.number().check(z.gte(-90), z.lte(90))),
  lng: z.optional(z.number().check(z.gte(-180), z.lte(180))),
});
export type AddressInput = z.infer<typeof AddressInputSchema>;

export interface DigitalAddress extends AddressInput {
  code: string;
  updatedAt: string;
}

export interface AddressStore {
  upsert(
    code: string,
    input: AddressInput,
    now: Date,
  ): Promise<{ created: boolean; address: DigitalAddress }>;
  get(code: string): Promise<DigitalAddress | undefined>;
  /** Every entry; the directory search ranks them in memory (see functions/conversation/address-directory.ts). */
  all(): Promise<DigitalAddress[]>;
}

export function createAddressStore(table: TablePort, retentionDays: number): AddressStore {
  const pk = (code: string) => `ADDR#${code.toUpperCase()}`;
  return {
    async upsert(code, input, now) {
      const normalisedCode = code.toUpperCase();
      const existing = await table.get(pk(normalisedCode), 'META');
      const address: DigitalAddress = { ...input, code: normalisedCode, updatedAt: now.toISOString() };
      await table.put({
        pk: pk(normalisedCode),
        sk: 'META',
        gsi1pk: 'ADDR',
        gsi1sk: normalisedCode,
        address,
        ttl: epochSeconds(addDays(now, retentionDays)),
      });
      return { created: !existing, address };
    },
    async get(code) {
      const item = await table.get(pk(code), 'META');
      return item ? (item.address as DigitalAddress) : undefined;
    },
    async all() {
      const items = await table.query('ADDR', { index: 'gsi1' });
      return items.map((i) => i.address as DigitalAddress);
    },
  };
}
