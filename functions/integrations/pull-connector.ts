import * as z from 'zod';
import type { Logger } from '../shared/logger';
import { integrationClient, toDossierBody } from './push-client';

/**
 * For one-stop systems that cannot push: poll an HTTP endpoint that lists dossiers changed since a
 * cursor, and feed each one through the integration API. The source's exact API is not known yet,
 * so the connector expects a small, documented shape that an adapter at the province can serve:
 * `GET {sourceUrl}?since=<cursor>` → `{"items":[{code, procedure, agency, phone, status, …}], "cursor":"…"}`.
 */
const PageSchema = z.object({
  items: z.array(z.record(z.string(), z.unknown())),
  cursor: z.string().optional(),
});

export interface PullConnectorOptions {
  sourceUrl: string;
  sourceToken?: string;
  assistantUrl: string;
  integrationApiKey: string;
  log: Logger;
  fetchImpl?: typeof fetch;
}

export function createPullConnector(options: PullConnectorOptions) {
  const f = options.fetchImpl ?? fetch;
  const client = integrationClient(options.assistantUrl, options.integrationApiKey, f);
  return {
    /** One poll; returns the next cursor and what happened to each record. */
    async pollOnce(cursor?: string) {
      const url = new URL(options.sourceUrl);
      if (cursor) url.searchParams.set('since', cursor);
      const res = await f(url, {
        headers: options.sourceToken ? { authorization: `Bearer ${options.sourceToken}` } : {},
      });
      if (!res.ok) throw new Error(`source answered ${res.status}`);
      const page = PageSchema.parse(await res.json());
      const results = [];
      for (const record of page.items) {
        const { code, body } = toDossierBody(record);
        results.push(await client.putDossier(code, body));
      }
      const failed = results.filter((r) => r.status >= 300);
      if (failed.length)
        options.log.warn('pull_records_refused', {
          count: failed.length,
          codes: failed.slice(0, 5).map((r) => r.code),
        });
      return { cursor: page.cursor ?? cursor, results };
    },
  };
}
