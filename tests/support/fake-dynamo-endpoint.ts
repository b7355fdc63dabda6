import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  target: string | undefined;
  contentType: string | undefined;
  userAgent: string | undefined;
  authorization: string | undefined;
  securityToken: string | undefined;
  body: Record<string, unknown>;
}
export interface ScriptedAnswer {
  status: number;
  body: unknown;
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });

/**
 * A stand-in for DynamoDB's JSON endpoint: records each request and answers from a script (an empty
 * `{}` with status 200 once the script is used up). Which sender a request came from shows in its
 * user agent: the SDK sends one, the direct path none.
 */
export async function startFakeDynamoEndpoint() {
  const seen: SeenRequest[] = [];
  let connections = 0;
  const script: ScriptedAnswer[] = [];
  const server: Server = createServer(async (req, res) => {
    const text = await readBody(req);
    seen.push({
      target: req.headers['x-amz-target'] as string | undefined,
      contentType: req.headers['content-type'],
      userAgent: req.headers['user-agent'],
      authorization: req.headers.authorization,
      securityToken: req.headers['x-amz-security-token'] as string | undefined,
      body: JSON.parse(text || '{}'),
    });
    const answer = script.shift() ?? { status: 200, body: {} };
    res.writeHead(answer.status, {
      'content-type': 'application/x-amz-json-1.0',
      'x-amzn-requestid': 'req-1',
    });
    res.end(JSON.stringify(answer.body));
  });
  server.on('connection', () => {
    connections++;
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    /** Answers for the next requests, in order. */
    script,
    /** TCP connections opened to it so far. */
    connections: () => connections,
    reset() {
      seen.length = 0;
      script.length = 0;
    },
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
