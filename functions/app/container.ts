import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { loadNlu } from '../../intents';
import type { Nlu } from '../../intents/types';
import { loadKnowledgeBase } from '../../knowledge/knowledge-base';
import type { KnowledgeBase } from '../../knowledge/schema';
import { type AppConfig, readConfig } from '../config/config';
import { createAddressDirectory } from '../conversation/address-directory';
import { deliveryByChannel, type OutboundDelivery } from '../conversation/delivery';
import { DEFAULT_OFFICE_HOURS } from '../conversation/office-hours';
import { type ConversationService, createConversationService } from '../conversation/service';
import { DEFAULT_ENGINE_SETTINGS, type EngineDeps } from '../conversation/turn';
import { type Clock, systemClock } from '../shared/clock';
import { createLogger, type Logger } from '../shared/logger';
import { createStores, type Stores } from '../stores';
import type { TablePort } from '../stores/table-port';
import type { TableName } from '../stores/tables';
import { createTables, dynamoClient } from './dynamo';
import { type AsyncInvoker, lambdaInvoker } from './invoker';
import { resolveSecrets } from './secrets';

/** Everything a handler needs, built once per Lambda container (module scope) or per local server. */
export interface Services {
  config: AppConfig;
  log: Logger;
  clock: Clock;
  stores: Stores;
  nlu: Nlu;
  kb: KnowledgeBase;
  invoker: AsyncInvoker;
  conversation: ConversationService;
  engine: EngineDeps;
}

export interface ServiceOverrides {
  config?: AppConfig;
  log?: Logger;
  clock?: Clock;
  tables?: Record<TableName, TablePort>;
  dynamo?: DynamoDBClient;
  invoker?: AsyncInvoker;
  nlu?: Nlu;
  kb?: KnowledgeBase;
  /** Extra outbound channels (Zalo) keyed by channel. */
  deliveries?: Partial<Record<'web' | 'zalo' | 'zalo_bot', OutboundDelivery>>;
}

export function createServices(overrides: ServiceOverrides = {}): Services {
  const config = overrides.config ?? readConfig();
  const log = overrides.log ?? createLogger(config.logLevel);
  const clock = overrides.clock ?? systemClock;
  const tables =
    overrides.tables ??
    createTables(config, overrides.dynamo ?? dynamoClient(config), () =>
      Math.floor(clock.now().getTime() / 1000),
    );
  const stores = createStores(tables, config.retention);
  // Loaded on first use: the webhook, integration and token Lambdas never understand a message and
  // ship without the model and the index.
  const nlu = overrides.nlu ?? lazyNlu();
  const kb = overrides.kb ?? lazyKnowledgeBase();
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
  const delivery = deliveryByChannel({ zalo: zaloDelivery, zalo_bot: zaloDelivery, ...overrides.deliveries });
  const conversation = createConversationService(engine, delivery, {
    rateLimitPerMinute: config.rateLimitPerMinute,
  });
  return { config, log, clock, stores, nlu, kb, invoker, conversation, engine };
}

function lazyNlu(): Nlu {
  return { understand: (message) => loadNlu().understand(message) };
}

function lazyKnowledgeBase(): KnowledgeBase {
  return {
    search: (message, options) => loadKnowledgeBase().search(message, options),
    get: (id) => loadKnowledgeBase().get(id),
    get size() {
      return loadKnowledgeBase().size;
    },
  };
}

/** Loads the model and the index now (Lambda init and `npm start`), instead of on the first message. */
export function warmUp(services: Services): void {
  services.nlu.understand('xin chào');
  services.kb.search('căn cước', { k: 1 });
}

let shared: Promise<Services> | undefined;

/** The Lambda's services, built on first use and reused while the container lives. */
export function getServices(): Promise<Services> {
  shared ??= (async () => {
    const base = readConfig();
    const config = await resolveSecrets(base);
    return createServices({ config });
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
