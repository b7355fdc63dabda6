import type { ChatMessage } from '../conversation/model';

/** Work the processor does after the HTTP answer went out. */
export type ProcessorJob =
  /** A verified, de-duplicated Zalo OA webhook event (its JSON as received). */
  | { type: 'zalo_event'; event: unknown; receivedAt: string }
  /** A verified Zalo Bot Platform update. */
  | { type: 'zalo_bot_event'; event: unknown; receivedAt: string }
  /** Messages for a Zalo citizen that did not come from their own turn (staff replies, notices). */
  | { type: 'zalo_send'; channel: 'zalo' | 'zalo_bot'; userId: string; messages: ChatMessage[] }
  /** Scheduled: run the events the webhook verified but could not hand over (its retry queue). */
  | { type: 'zalo_redrive' };

/**
 * Hands a job to the processor without waiting for it. In AWS: an `Event` invocation of the
 * processor Lambda (retried by Lambda, then dead-lettered). On this machine: an in-process queue.
 */
export interface AsyncInvoker {
  invoke(job: ProcessorJob): Promise<void>;
}

/**
 * The Lambda client is loaded on the first invocation: importing it costs about 150 ms of cold
 * start, which the Lambdas that never hand work on (chat) should not pay.
 */
export function lambdaInvoker(region: string, functionName: string): AsyncInvoker {
  let loaded:
    | Promise<
        typeof import('@aws-sdk/client-lambda') & { client: import('@aws-sdk/client-lambda').LambdaClient }
      >
    | undefined;
  const load = () =>
    (loaded ??= import('@aws-sdk/client-lambda').then((m) => ({
      ...m,
      client: new m.LambdaClient({ region }),
    })));
  return {
    async invoke(job) {
      const { client, InvokeCommand } = await load();
      const out = await client.send(
        new InvokeCommand({
          FunctionName: functionName,
          InvocationType: 'Event',
          Payload: Buffer.from(JSON.stringify(job)),
        }),
      );
      if (out.StatusCode !== 202) throw new Error(`processor invocation refused: ${out.StatusCode}`);
    },
  };
}
