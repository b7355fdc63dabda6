import { createServices } from '../../functions/app/container';
import type { ProcessorJob } from '../../functions/app/invoker';
import { processJob } from '../../functions/channels/zalo/processor';
import { buildZaloRuntime } from '../../functions/channels/zalo/runtime';
import { createZaloWebhookHandler } from '../../functions/channels/zalo/webhook';
import { readConfig } from '../../functions/config/config';
import type { HttpEvent } from '../../functions/http/types';
import { createInProcessInvoker } from '../../functions/local/in-process-invoker';
import { fixedClock } from '../../functions/shared/clock';
import { capturingSink, createLogger } from '../../functions/shared/logger';
import { fakeKb } from '../support/fake-kb';
import { fakeNlu } from '../support/fake-nlu';
import {
  FAKE_ZALO_DEFAULTS,
  type FakeZaloServer,
  signedDelivery,
  startFakeZaloServer,
  zaloEnv,
} from '../support/fake-zalo-server';
import { memoryTables } from '../support/memory-tables';
import { faultyTables } from './faulty-tables';

const START = new Date('2026-11-24T02:00:00Z');

/**
 * The whole Zalo path in one process: the webhook handler, the in-process invoker that retries a
 * failed job twice and then dead-letters it (as Lambda's asynchronous invocation does), the
 * processor, and the OA send API as a fake server on loopback. Tables can be made to fail; the OA
 * client's back-off does not sleep, so every test is quick and deterministic.
 */
export async function startZaloHarness(options: { env?: Record<string, string>; timeoutMs?: number } = {}) {
  const fake = await startFakeZaloServer();
  const clock = fixedClock(START);
  const faulty = faultyTables(memoryTables(clock));
  const logLines: string[] = [];
  const log = createLogger(
    'info',
    {},
    capturingSink((line) => logLines.push(line)),
  );
  const config = readConfig({
    LOG_LEVEL: 'info',
    RATE_LIMIT_PER_MINUTE: '1000',
    ...zaloEnv(fake),
    ...options.env,
  });

  let run: (job: ProcessorJob) => Promise<void> = async () => {};
  const runs: ProcessorJob[] = [];
  const invoker = createInProcessInvoker(
    async (job) => {
      runs.push(job);
      await run(job);
    },
    log,
    { retries: 2, retryDelayMs: 1 },
  );
  const services = createServices({
    config,
    log,
    clock,
    tables: faulty.tables,
    nlu: fakeNlu(),
    kb: fakeKb(),
    invoker,
  });
  // Sends whose body holds a given text can be made to fail with HTTP 500 a number of times.
  const sendFaults: { contains: string; remaining: number }[] = [];
  const faultyFetch: typeof fetch = async (input, init) => {
    const body = typeof init?.body === 'string' ? init.body : '';
    const fault = sendFaults.find((f) => f.remaining > 0 && body.includes(f.contains));
    if (fault) {
      fault.remaining--;
      return new Response(JSON.stringify({ message: 'injected failure' }), { status: 500 });
    }
    return fetch(input, init);
  };
  const runtime = buildZaloRuntime(services, {
    fetch: faultyFetch,
    retry: { sleep: async () => {}, random: () => 0 },
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  run = async (job) => {
    await processJob(services, job, runtime);
  };
  const webhook = createZaloWebhookHandler(async () => services);
  let counter = 0;

  return {
    fake,
    faulty,
    services,
    invoker,
    runs,
    logLines,
    /** The next `times` sends whose body contains `text` answer HTTP 500. */
    failSends(text: string, times: number) {
      sendFaults.push({ contains: text, remaining: times });
    },
    /** The OA API is back: no send fails any more. */
    healSends() {
      sendFaults.length = 0;
    },
    clock,
    /** A citizen writes to the OA: Zalo delivers the signed event to the webhook. */
    say(userId: string, text: string, msgId = `fault-msg-${++counter}`) {
      return deliver({
        app_id: FAKE_ZALO_DEFAULTS.appId,
        user_id_by_app: '5512345678901234567',
        event_name: 'user_send_text',
        timestamp: String(clock.now().getTime()),
        sender: { id: userId },
        recipient: { id: OA_ID },
        message: { msg_id: msgId, text },
      });
    },
    /** Zalo delivers any event (signed unless `headers` are given) and the processor runs. */
    deliver,
    /** The texts the fake OA API accepted for this citizen, in order. */
    delivered: (userId: string) => delivered(fake, userId),
    async stop() {
      await invoker.drain();
      await fake.close();
    },
  };

  async function deliver(event: Record<string, unknown>, forged?: Record<string, string>) {
    const signed = signedDelivery(event);
    const body = signed.body;
    const headers = forged ?? signed.headers;
    const request: HttpEvent = {
      version: '2.0',
      routeKey: 'POST /zalo/webhook',
      rawPath: '/zalo/webhook',
      headers,
      body,
      requestContext: { http: { method: 'POST', path: '/zalo/webhook', sourceIp: '203.0.113.20' } },
    };
    const ack = await webhook(request);
    await invoker.drain();
    return ack;
  }
}

export const OA_ID = '2512523625412515321';

export function delivered(fake: FakeZaloServer, userId: string): string[] {
  return fake
    .delivered()
    .filter((s) => s.userId === userId)
    .map((s) => s.message.text ?? JSON.stringify(s.message));
}
