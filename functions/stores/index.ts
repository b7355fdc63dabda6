import type { AppConfig } from '../config/config';
import { type AddressStore, createAddressStore } from './address-store';
import { type ConversationStore, createConversationStore } from './conversation-store';
import { createDossierStore, type DossierStore } from './dossier-store';
import { createEscalationStore, type EscalationStore } from './escalation-store';
import { createFeedbackStore, type FeedbackStore } from './feedback-store';
import { createGuardStore, type GuardStore } from './guard-store';
import { createRatingStore, type RatingStore } from './rating-store';
import { createStatsStore, type StatsStore } from './stats-store';
import type { TablePort } from './table-port';
import type { TableName } from './tables';
import { createUnansweredStore, type UnansweredStore } from './unanswered-store';

export interface Stores {
  conversations: ConversationStore;
  escalations: EscalationStore;
  ratings: RatingStore;
  dossiers: DossierStore;
  addresses: AddressStore;
  guards: GuardStore;
  feedback: FeedbackStore;
  unanswered: UnansweredStore;
  stats: StatsStore;
  /** Raw tables, for channel stores that live beside these (Zalo tokens and clocks). */
  tables: Record<TableName, TablePort>;
}

export function createStores(
  tables: Record<TableName, TablePort>,
  retention: AppConfig['retention'],
): Stores {
  return {
    conversations: createConversationStore(tables.conversations, retention),
    escalations: createEscalationStore(tables.casework),
    ratings: createRatingStore(tables.casework),
    dossiers: createDossierStore(tables.registry, retention.dossierDays),
    addresses: createAddressStore(tables.registry, retention.addressDays),
    guards: createGuardStore(tables.conversations),
    feedback: createFeedbackStore(tables.casework),
    unanswered: createUnansweredStore(tables.casework),
    stats: createStatsStore(tables.casework),
    tables,
  };
}
