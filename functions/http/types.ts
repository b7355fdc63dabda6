/**
 * The subset of API Gateway HTTP API (payload v2) events and results the handlers use. The local
 * server builds exactly these from Node requests, so a handler cannot tell the two apart.
 */
export interface HttpEvent {
  version?: '2.0';
  routeKey?: string;
  rawPath: string;
  rawQueryString?: string;
  headers: Record<string, string | undefined>;
  queryStringParameters?: Record<string, string | undefined>;
  pathParameters?: Record<string, string | undefined>;
  body?: string;
  isBase64Encoded?: boolean;
  requestContext: {
    http: { method: string; path: string; sourceIp?: string };
    requestId?: string;
    authorizer?: { jwt?: { claims?: Record<string, unknown> } };
  };
}

export interface HttpResult {
  statusCode: number;
  headers?: Record<string, string>;
  body?: string;
  isBase64Encoded?: boolean;
}
