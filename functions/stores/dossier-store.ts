import * as z from 'zod/mini';
import type { Channel, SessionRef } from '../conversation/model';
import { addDays, epochSeconds } from '../shared/clock';
import { newId } from '../shared/ids';
import type { TablePort } from './table-port';

export const DOSSIER_STATUSES = [
  'received',
  'processing',
  'supplement_required',
  'completed',
  'returned',
  'rejected',
] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];

const trimmed = (min: number, max: number) => z.string().check(z.trim(), z.minLength(min), z.maxLength(max));
const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/u, 'ISO date'));

/** The body of `PUT /api/integrations/dossiers/{code}` (contract). */
export const DossierInputSchema = z.object({
  procedure: trimmed(1, 500),
  agency: trimmed(1, 300),
  applicantName: z.optional(trimmed(1, 200)),
  phone: trimmed(4, 20),
  status: z.enum(DOSSIER_STATUSES),
  receivedAt: z.optional(isoDate),
  dueAt: z.optional(isoDate),
  note: z.optional(trimmed(0, 2000)),
});
export type DossierInput = z.infer<typeof DossierInputSchema>;

export interface Dossier extends Omit<DossierInput, 'phone'> {
  code: string;
  /** Digits only, national form (0xxxxxxxxx). */
  phone: string;
  updatedAt: string;
  createdAt: string;
}

export interface DossierHistoryEntry {
  status: DossierStatus;
  note?: string;
  at: string;
}

export interface Subscription {
  ref: SessionRef;
  channel: Channel;
  since: string;
}

export interface DossierStore {
  /** Returns whether it was new and whether the status changed (the caller notifies subscribers). */
  upsert(
    code: string,
    input: Omit<Dossier, 'code' | 'createdAt' | 'updatedAt'>,
    now: Date,
  ): Promise<{ created: boolean; statusChanged: boolean; previous?: Dossier; dossier: Dossier }>;
  get(code: string): Promise<Dossier | undefined>;
  history(code: string): Promise<DossierHistoryEntry[]>;
  subscribe(code: string, ref: SessionRef, now: Date): Promise<void>;
  subscribers(code: string): Promise<Subscription[]>;
  /** Ends a subscription; true when there was one. */
  unsubscribe(code: string, ref: SessionRef): Promise<boolean>;
}

export function createDossierStore(table: TablePort, retentionDays: number): DossierStore {
  const pk = (code: string) => `DOSSIER#${code}`;
  const read = async (code: string) => {
    const item = await table.get(pk(code), 'META');
    return item ? (item.dossier as Dossier) : undefined;
  };
  return {
    async upsert(code, input, now) {
      const previous = await read(code);
      const ttl = epochSeconds(addDays(now, retentionDays));
      const dossier: Dossier = {
        ...input,
        code,
        createdAt: previous?.createdAt ?? now.toISOString(),
        updatedAt: now.toISOString(),
      };
      await table.put({ pk: pk(code), sk: 'META', dossier, ttl });
      const statusChanged = !previous || previous.status !== input.status;
      if (statusChanged) {
        const entry: DossierHistoryEntry = {
          status: input.status,
          at: now.toISOString(),
          ...(input.note ? { note: input.note } : {}),
        };
        await table.put({ pk: pk(code), sk: `HIST#${entry.at}#${newId()}`, entry, ttl });
      }
      return {
        created: !previous,
        statusChanged: Boolean(previous) && statusChanged,
        ...(previous ? { previous } : {}),
        dossier,
      };
    },
    get: read,
    async history(code) {
      const items = await table.query(pk(code), { beginsWith: 'HIST#' });
      return items.map((i) => i.entry as DossierHistoryEntry);
    },
    async subscribe(code, ref, now) {
      const sub: Subscription = { ref, channel: ref.channel, since: now.toISOString() };
      await table.put({
        pk: pk(code),
        sk: `SUB#${ref.channel}#${ref.userId}`,
        sub,
        ttl: epochSeconds(addDays(now, retentionDays)),
      });
    },
    async unsubscribe(code, ref) {
      const sk = `SUB#${ref.channel}#${ref.userId}`;
      const existed = Boolean(await table.get(pk(code), sk));
      if (existed) await table.delete(pk(code), sk);
      return existed;
    },
    async subscribers(code) {
      const items = await table.query(pk(code), { beginsWith: 'SUB#' });
      return items.map((i) => i.sub as Subscription);
    },
  };
}
