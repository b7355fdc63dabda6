import type { Channel, SessionRef } from '../conversation/model';
import type { TablePort } from './table-port';

export interface FeedbackReport {
  reference: string;
  ref: SessionRef;
  channel: Channel;
  category: string;
  team: string;
  description: string;
  place?: string;
  location?: { lat: number; lng: number };
  photoUrl?: string;
  contactConsent: boolean;
  status: 'open' | 'resolved';
  createdAt: string;
  resolvedAt?: string;
  resolvedBy?: string;
}

export interface FeedbackStore {
  create(report: FeedbackReport): Promise<void>;
  get(reference: string): Promise<FeedbackReport | undefined>;
  list(status: FeedbackReport['status']): Promise<FeedbackReport[]>;
  resolve(reference: string, by: string, at: Date): Promise<FeedbackReport | undefined>;
}

export function createFeedbackStore(table: TablePort): FeedbackStore {
  return {
    async create(report) {
      await table.put(
        {
          pk: `FB#${report.reference}`,
          sk: 'META',
          gsi1pk: `FBSTATE#${report.status}`,
          gsi1sk: `${report.createdAt}#${report.reference}`,
          report,
        },
        { ifNotExists: true },
      );
    },
    async get(reference) {
      const item = await table.get(`FB#${reference.toUpperCase()}`, 'META');
      return item ? (item.report as FeedbackReport) : undefined;
    },
    async resolve(reference, by, at) {
      const item = await table.get(`FB#${reference.toUpperCase()}`, 'META');
      if (!item) return undefined;
      const report = {
        ...(item.report as FeedbackReport),
        status: 'resolved' as const,
        resolvedAt: at.toISOString(),
        resolvedBy: by,
      };
      await table.put({ ...item, gsi1pk: 'FBSTATE#resolved', report });
      return report;
    },
    async list(status) {
      const items = await table.query(`FBSTATE#${status}`, { index: 'gsi1', descending: true });
      return items.map((i) => i.report as FeedbackReport);
    },
  };
}
