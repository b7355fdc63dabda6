import { getServices, warmUp } from '../app/container';
import type { ProcessorJob } from '../app/invoker';
import { processJob } from '../channels/zalo/processor';

/**
 * Lambda entry of the Zalo processor, invoked asynchronously (`Event`) by the webhook and by the
 * delivery of staff replies and notices. A thrown error makes Lambda retry the job, then send it to
 * the dead-letter queue; the outbox keeps a retry from answering twice.
 */
export async function handler(job: ProcessorJob): Promise<void> {
  await processJob(await getServices(), job);
}

// Lambda init builds the services and loads the model and index before the first event.
if (process.env.AWS_LAMBDA_FUNCTION_NAME) {
  void getServices()
    .then(warmUp)
    .catch(() => undefined);
}
