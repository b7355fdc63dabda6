import { fork } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import {
  CreateTableCommand,
  type DynamoDBClient,
  ListTablesCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { TABLES, type TableName } from '../stores/tables';

/**
 * The embedded DynamoDB-compatible server of `npm start` and the integration tests: dynalite,
 * keeping its data on disk under DATA_DIR (LevelDB), so a restart keeps everything.
 */
export interface EmbeddedDynamo {
  endpoint: string;
  close(): Promise<void>;
}

/**
 * Starts dynalite. By default in a child process (functions/local/dynalite-process.mjs), so the
 * store and the HTTP server each have a core; `inProcess` keeps it in this process (tests that
 * start many short-lived stores).
 */
export async function startEmbeddedDynamo(
  options: { dataDir?: string; port?: number; inProcess?: boolean } = {},
): Promise<EmbeddedDynamo> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  return options.inProcess ? startInProcess(options) : startChild(options);
}

async function startInProcess(options: { dataDir?: string; port?: number }): Promise<EmbeddedDynamo> {
  const server = dynalite({
    ...(options.dataDir ? { path: options.dataDir } : {}),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
      }),
  };
}

async function startChild(options: { dataDir?: string }): Promise<EmbeddedDynamo> {
  const script = fileURLToPath(new URL('./dynalite-process.mjs', import.meta.url));
  const child = fork(script, [], {
    env: { ...process.env, DYNALITE_PATH: options.dataDir ?? '' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    // EMBEDDED_STORE_NODE_ARGS (e.g. `--cpu-prof`) lets a benchmark see where the store's time goes.
    execArgv: (process.env.EMBEDDED_STORE_NODE_ARGS ?? '').split(' ').filter(Boolean),
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the embedded store did not start within 15 s')), 15_000);
    child.once('message', (m: unknown) => {
      clearTimeout(timer);
      resolve((m as { port: number }).port);
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the embedded store exited at start (code ${code})`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    endpoint: `http://127.0.0.1:${port}`,
    async close() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    },
  };
}

/** Creates the tables of functions/stores/tables.ts (the same definitions the CDK stack deploys). */
export async function ensureTables(client: DynamoDBClient, names: Record<TableName, string>): Promise<void> {
  const existing = new Set((await client.send(new ListTablesCommand({}))).TableNames ?? []);
  for (const def of Object.values(TABLES)) {
    const tableName = names[def.name];
    if (existing.has(tableName)) continue;
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: def.partitionKey, AttributeType: 'S' },
          { AttributeName: def.sortKey, AttributeType: 'S' },
          ...def.indexes.flatMap((i) => [
            { AttributeName: i.partitionKey, AttributeType: 'S' as const },
            { AttributeName: i.sortKey, AttributeType: 'S' as const },
          ]),
        ],
        KeySchema: [
          { AttributeName: def.partitionKey, KeyType: 'HASH' },
          { AttributeName: def.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: def.indexes.map((i) => ({
          IndexName: i.name,
          KeySchema: [
            { AttributeName: i.partitionKey, KeyType: 'HASH' },
            { AttributeName: i.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
      }),
    );
    try {
      await client.send(
        new UpdateTimeToLiveCommand({
          TableName: tableName,
          TimeToLiveSpecification: { AttributeName: def.ttlAttribute, Enabled: true },
        }),
      );
    } catch {
      // dynalite does not implement TTL; the stores ignore expired items on read either way.
    }
  }
}
