import type { Services } from '../app/container';
import { createLogger, withLogContext } from '../shared/logger';
import { toHttpResult } from './respond';
import type { HttpEvent, HttpResult } from './types';

export type ServicesProvider = () => Promise<Services>;
export type HttpHandler = (event: HttpEvent) => Promise<HttpResult>;

const fallbackLog = createLogger('error');

/**
 * Wraps a route table into a Lambda handler: builds services once, dispatches, and maps every error
 * in one place. Failing to build services (bad configuration) is a 503, never a stack trace.
 */
export function httpHandler(
  provider: ServicesProvider,
  dispatch: (services: Services, event: HttpEvent) => Promise<HttpResult>,
  /** Applied to every answer, errors included (e.g. the chat API's CORS headers). */
  finish: (result: HttpResult, services: Services, event: HttpEvent) => HttpResult = (result) => result,
): HttpHandler {
  // Every line logged while serving a request carries its id, to follow one request in the logs.
  return (event) => {
    const requestId = event.requestContext.requestId;
    return requestId ? withLogContext({ requestId }, () => serve(event)) : serve(event);
  };

  async function serve(event: HttpEvent): Promise<HttpResult> {
    let services: Services;
    try {
      services = await provider();
    } catch (error) {
      fallbackLog.error('services_unavailable', { error });
      return toHttpResult(error, fallbackLog);
    }
    const started = Date.now();
    try {
      const result = finish(await dispatch(services, event), services, event);
      services.log.debug('http', {
        method: event.requestContext.http.method,
        route: event.routeKey,
        status: result.statusCode,
        ms: Date.now() - started,
      });
      return result;
    } catch (error) {
      return finish(toHttpResult(error, services.log), services, event);
    }
  }
}
