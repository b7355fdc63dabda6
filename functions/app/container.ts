import { loadNlu } from '../../intents';
import type { Nlu } from '../../intents/types';
import { loadKnowledgeBase } from '../../knowledge/knowledge-base';
import type { KnowledgeBase } from '../../knowledge/schema';
import { LiveKnowledgeBase } from '../authoring/live-knowledge-base';
import { memorySnapshotStore, type SnapshotStore } from '../authoring/snapshot-store';
import { createNoticeConsentStore } from '../channels/zalo/notice-consent';
import { withNoticeConsent } from '../channels/zalo/notice-consent-dialogue';
import { zaloEraser } from '../channels/zalo/zalo-eraser';
import { type AppConfig, readConfig } from '../config/config';
import { createAddressDirectory } from '../conversation/address-directory';
import { deliveryByChannel, type OutboundDelivery } from '../conversation/delivery';
import { DEFAULT_OFFICE_HOURS } from '../conversation/office-hours';
import { type ConversationService, createConversationService } from '../conversation/service';
import { DEFAULT_ENGINE_SETTINGS, type EngineDeps } from '../conversation/turn';
import { withDataDeletion } from '../privacy/deletion-dialogue';
import { eraseCitizenData } from '../privacy/erasure';
import { apiGatewayNotifier, managementApiPoster } from '../realtime/api-gateway-notifier';
import { createConnectionStore } from '../realtime/connections';
import { type Notifier, pushDelivery, signallingEscalations, silentNotifier } from '../realtime/notifier';
import { type Clock, systemClock } from '../shared/clock';
import { createLogger, type Logger } from '../shared/logger';
import { countingLogger, emfMetrics, type Metrics, noMetrics } from '../shared/metrics';
import { createStores, type Stores } from '../stores';
import type { DynamoRequests } from '../stores/dynamo/dynamo-requests';
import type { TablePort } from '../stores/table-port';
import type { TableName } from '../stores/tables';
import { type AsyncInvoker, lambdaInvoker } from './invoker';
import { knowledgeSnapshots } from './knowledge-snapshots';
import { lambdaDynamoRequests } from './lambda-dynamo';
import { meteredStores } from './metered-stores';
import { resolveSecrets } from './secrets';
import { createTables } from './tables';

/** Everything a handler needs, built once per Lambda container (module scope) or per local server. */
export interface Services {
  config: AppConfig;
  log: Logger;
  clock: Clock;
  stores: Stores;
  nlu: Nlu;
  kb: KnowledgeBase;
  /** The served knowledge, swapped when staff publish; absent when a test injects a fixed `kb`. */
  liveKnowledge?: LiveKnowledgeBase;
  /** Where published knowledge snapshots are kept (S3 in AWS, DATA_DIR/knowledge on this machine). */
  snapshots: SnapshotStore;
  invoker: AsyncInvoker;
  conversation: ConversationService;
  engine: EngineDeps;
  /** Pushes to open pages and consoles (the local server's hub, or API Gateway in AWS). */
  notifier: Notifier;
  metrics: Metrics;
  /** Chance, for what is sampled (the per-address counter): Math.random unless a test or bench says. */
  random: () => number;
  /** Opens the store's connection ahead of the first request where the way to it can (Lambda init). */
  connectStore: () => Promise<void>;
}

export interface ServiceOverrides {
  config?: AppConfig;
  log?: Logger;
  clock?: Clock;
  tables?: Record<TableName, TablePort>;
  /** How the tables reach DynamoDB: an SDK client's requests on this machine (`dynamoRequestsOf`). */
  dynamo?: DynamoRequests;
  invoker?: AsyncInvoker;
  nlu?: Nlu;
  kb?: KnowledgeBase;
  snapshots?: SnapshotStore;
  /** Extra outbound channels (Zalo) keyed by channel. */
  deliveries?: Partial<Record<'web' | 'zalo' | 'zalo_bot', OutboundDelivery>>;
  notifier?: Notifier;
  /** Operations metrics: EMF in a Lambda (getServices), none elsewhere unless given. */
  metrics?: Metrics;
  random?: () => number;
}

export function createServices(overrides: ServiceOverrides = {}): Services {
  const config = overrides.config ?? readConfig();
  const metrics = overrides.metrics ?? noMetrics;
  const log = countingLogger(overrides.log ?? createLogger(config.logLevel), metrics);
  const clock = overrides.clock ?? systemClock;
  const { tables, dynamo } = storeAccess(overrides, config, log, clock);
  const notifier =
    overrides.notifier ??
    (config.realtimeEndpoint
      ? apiGatewayNotifier(
          createConnectionStore(tables.conversations),
          managementApiPoster(config.realtimeEndpoint, config.region),
          log,
        )
      : silentNotifier);
  const plainStores = createStores(tables, config.retention);
  const metered = meteredStores(plainStores, metrics);
  const stores = { ...metered, escalations: signallingEscalations(metered.escalations, notifier, log) };
  // Loaded on first use: the webhook, integration and token Lambdas never understand a message and
  // ship without the model and the index.
  const nlu = overrides.nlu ?? lazyNlu();
  const snapshots = overrides.snapshots ?? knowledgeSnapshots(config) ?? memorySnapshotStore();
  const liveKnowledge = overrides.kb
    ? undefined
    : new LiveKnowledgeBase({
        bundled: () => loadKnowledgeBase(),
        snapshots,
        clock,
        refreshMs: config.knowledge.refreshSeconds * 1000,
        log,
      });
  const kb = overrides.kb ?? (liveKnowledge as KnowledgeBase);
  const invoker =
    overrides.invoker ??
    (config.zalo.processorFunction
      ? lambdaInvoker(config.region, config.zalo.processorFunction)
      : { invoke: async () => log.warn('no_processor_configured') });
  const engine: EngineDeps = {
    nlu,
    kb,
    stores,
    clock,
    log,
    settings: {
      ...DEFAULT_ENGINE_SETTINGS,
      handoffSlaMinutes: config.handoffSlaMinutes,
      officeHours: DEFAULT_OFFICE_HOURS,
      ...(config.dossierCodePattern
        ? { dossierCodePattern: new RegExp(config.dossierCodePattern, 'u') }
        : {}),
    },
    addresses: createAddressDirectory(stores.addresses, () => clock.now().getTime()),
    prepare: once(() => {
      nlu.understand('xin chào');
      kb.search('căn cước', { k: 1 });
    }),
  };
  const zaloDelivery: OutboundDelivery = {
    async deliver(ref, messages) {
      await invoker.invoke({
        type: 'zalo_send',
        channel: ref.channel === 'zalo_bot' ? 'zalo_bot' : 'zalo',
        userId: ref.userId,
        messages,
      });
    },
  };
  const webDelivery = pushDelivery(
    notifier,
    async (ref) => (await stores.conversations.getSession(ref))?.state,
    log,
  );
  const delivery = deliveryByChannel({
    web: webDelivery,
    zalo: zaloDelivery,
    zalo_bot: zaloDelivery,
    ...overrides.deliveries,
  });
  const erasers = [zaloEraser(tables.conversations)];
  // In front of every turn: the data-subject request (both channels), then Zalo's ZNS consent.
  const withConsent = withDataDeletion(
    withNoticeConsent(
      createConversationService(engine, delivery, { rateLimitPerMinute: config.rateLimitPerMinute }),
      {
        stores,
        consents: createNoticeConsentStore(tables.conversations),
        clock,
        retentionDays: config.retention.dossierDays,
      },
    ),
    {
      stores,
      clock,
      erase: (ref, source) => eraseCitizenData({ stores, clock, log, channelErasers: erasers }, ref, source),
    },
  );
  // Every turn (web chat and the Zalo processor alike) first picks up newly published knowledge,
  // looking at most once per refresh interval.
  const conversation: ConversationService = liveKnowledge
    ? {
        ...withConsent,
        handleInbound: async (...args) => {
          await liveKnowledge.refreshIfDue();
          return withConsent.handleInbound(...args);
        },
      }
    : withConsent;
  return {
    config,
    log,
    clock,
    stores,
    nlu,
    kb,
    ...(liveKnowledge ? { liveKnowledge } : {}),
    snapshots,
    invoker,
    conversation,
    engine,
    notifier,
    metrics,
    random: overrides.random ?? Math.random,
    connectStore: async () => dynamo?.connect?.(),
  };
}

function lazyNlu(): Nlu {
  return { understand: (message) => loadNlu().understand(message) };
}

/** Loads the model and the index now (Lambda init and `npm start`), instead of on the first message. */
/** The tables, and the way to DynamoDB behind them unless a test gave tables of its own. */
function storeAccess(
  overrides: ServiceOverrides,
  config: AppConfig,
  log: Logger,
  clock: Clock,
): { tables: Record<TableName, TablePort>; dynamo?: DynamoRequests } {
  if (overrides.tables) return { tables: overrides.tables };
  const dynamo =
    overrides.dynamo ??
    lambdaDynamoRequests(config, {
      onSdkPath: (reason) => log.info('dynamo_requests_through_sdk', { reason }),
    });
  return { tables: createTables(config, dynamo, clock), dynamo };
}

export function warmUp(services: Services): void {
  // The connection opens (I/O) while the model and the index load (CPU).
  void services.connectStore();
  services.engine.prepare?.();
}

/**
 * Runs `load` the first time only. A failure is not kept: whatever needed the loaded parts meets
 * it again, where it is reported as that request's error.
 */
function once(load: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    try {
      load();
    } catch {
      done = false;
    }
  };
}

let shared: Promise<Services> | undefined;

/** The Lambda's services, built on first use and reused while the container lives. */
export function getServices(): Promise<Services> {
  shared ??= (async () => {
    const base = readConfig();
    const config = await resolveSecrets(base);
    return createServices({ config, metrics: emfMetrics() });
  })().catch((error: unknown) => {
    shared = undefined;
    throw error;
  });
  return shared;
}

/** Tests and the local server install their own services. */
export function setServices(services: Services | undefined): void {
  shared = services ? Promise.resolve(services) : undefined;
}
