import * as z from 'zod/mini';
import { getServices, type Services, warmUp } from '../app/container';
import type { Inbound, SessionRef } from '../conversation/model';
import { publicMessage } from '../conversation/public-message';
import { createAddressLimit } from '../http/address-limit';
import { safeEqual } from '../http/auth';
import { preflight, withCors } from '../http/cors';
import { badRequest, tooLarge } from '../http/errors';
import { httpHandler, type ServicesProvider } from '../http/handler';
import { ORIGIN_VERIFY_HEADER } from '../http/page-security';
import { header, parseJsonBody, query } from '../http/request';
import { json } from '../http/respond';
import { createRouter } from '../http/router';
import type { HttpEvent } from '../http/types';

/** The widget makes 22 random characters; 16 at least, so a session id cannot be guessed. */
export const SESSION_ID = /^[A-Za-z0-9_-]{16,64}$/u;
const MESSAGE_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/u;
export const MAX_TEXT = 2000;

export { publicMessage };

const ChatBodySchema = z.object({
  sessionId: z.string().check(z.regex(SESSION_ID)),
  text: z.optional(z.string()),
  payload: z.optional(z.string().check(z.minLength(1), z.maxLength(1000))),
  location: z.optional(
    z.object({
      lat: z.number().check(z.gte(-90), z.lte(90)),
      lng: z.number().check(z.gte(-180), z.lte(180)),
    }),
  ),
});

function toInbound(body: z.infer<typeof ChatBodySchema>): Inbound {
  const given = [body.text !== undefined, body.payload !== undefined, body.location !== undefined].filter(
    Boolean,
  ).length;
  if (given !== 1)
    throw badRequest('invalid_request', 'Cần gửi đúng một trong hai trường: text hoặc payload.');
  if (body.payload !== undefined) return { kind: 'payload', payload: body.payload };
  if (body.location) return { kind: 'location', lat: body.location.lat, lng: body.location.lng };
  const text = (body.text ?? '').trim();
  if (text.length === 0) throw badRequest('empty_text', 'Tin nhắn không được để trống.');
  if (text.length > MAX_TEXT)
    throw tooLarge('text_too_long', `Tin nhắn dài quá ${MAX_TEXT} ký tự. Bạn vui lòng rút gọn.`);
  return { kind: 'text', text };
}

/**
 * The citizen's address. Behind CloudFront the source address is CloudFront's own, and the viewer's
 * comes in `cloudfront-viewer-address` ("ip:port"). Anyone can send that header, so it counts only
 * when the request also carries CloudFront's origin secret (`originVerifySecret`, never set on this
 * machine); otherwise — a direct call to the API's own endpoint, or `npm start` — the source address.
 */
export function clientAddress(event: HttpEvent, originVerifySecret?: string): string | undefined {
  const viewer = header(event, 'cloudfront-viewer-address');
  const proof = header(event, ORIGIN_VERIFY_HEADER);
  if (viewer && originVerifySecret && proof && safeEqual(proof, originVerifySecret))
    return viewer.replace(/:\d+$/u, '');
  return event.requestContext.http.sourceIp;
}

/**
 * Per source address. Polling has its own, larger budget: an open widget polls every few seconds,
 * and several citizens may share one address (an office, a mobile carrier's NAT).
 */
const POLLS_PER_MESSAGE_BUDGET = 5;
/** One per services (a container's life): it remembers the addresses refused in their window. */
const addressLimits = new WeakMap<Services, ReturnType<typeof createAddressLimit>>();
async function limitByAddress(services: Services, event: HttpEvent, kind: 'chat' | 'poll' = 'chat') {
  const ip = clientAddress(event, services.config.originVerifySecret);
  if (!ip) return;
  let limit = addressLimits.get(services);
  if (!limit) {
    limit = createAddressLimit(services.stores.guards, {
      sampling: services.config.rateLimitAddressSampling,
      random: services.random,
    });
    addressLimits.set(services, limit);
  }
  await limit(
    `${kind}:ip:${ip}`,
    services.config.rateLimitPerAddressPerMinute * (kind === 'poll' ? POLLS_PER_MESSAGE_BUDGET : 1),
    services.clock.now(),
  );
}

export function createChatHandler(provider: ServicesProvider) {
  return httpHandler(
    provider,
    async (services, event) =>
      event.requestContext.http.method.toUpperCase() === 'OPTIONS' && event.rawPath.startsWith('/api/chat')
        ? preflight(event, services.config.corsAllowedOrigins)
        : chatRouter(services).handle(event),
    (result, services, event) => withCors(result, event, services.config.corsAllowedOrigins),
  );
}

/**
 * The routes depend on the services alone, so they are built once per services (a container's life)
 * instead of compiling their patterns again for every request.
 */
const chatRouters = new WeakMap<Services, ReturnType<typeof createRouter>>();
function chatRouter(services: Services) {
  let router = chatRouters.get(services);
  if (!router) {
    router = chatRoutes(services);
    chatRouters.set(services, router);
  }
  return router;
}

function chatRoutes(services: Services) {
  return createRouter()
    .add('GET', '/healthz', async () => json(200, { ok: true }))
    .add('POST', '/api/chat', async (ev) => {
      const body = parseJsonBody(ev, ChatBodySchema);
      const inbound = toInbound(body);
      const gate = limitByAddress(services, ev);
      const ref: SessionRef = { channel: 'web', userId: body.sessionId };
      const result = await services.conversation.handleInbound(ref, inbound, { gate });
      return json(200, {
        sessionId: body.sessionId,
        state: result.state,
        messages: result.messages.map(publicMessage),
      });
    })
    .add('GET', '/api/chat/{sessionId}/messages', async (ev, params) => {
      const sessionId = params.sessionId ?? '';
      if (!SESSION_ID.test(sessionId))
        throw badRequest('invalid_session_id', 'Mã phiên trò chuyện không hợp lệ.');
      const after = query(ev, 'after');
      if (after !== undefined && !MESSAGE_ID.test(after))
        throw badRequest('invalid_after', 'Tham số after không hợp lệ.');
      // The address check and the read run side by side: a poll is one round trip to the store.
      const [, out] = await Promise.all([
        limitByAddress(services, ev, 'poll'),
        services.conversation.listMessages({ channel: 'web', userId: sessionId }, after),
      ]);
      return json(200, { state: out.state, messages: out.messages.map(publicMessage) });
    });
}

export const handler = createChatHandler(getServices);

// Lambda init (which has a full CPU) builds the services and loads the model and index, so the
// first citizen does not wait for them. Elsewhere (npm start, tests) the caller decides.
if (process.env.AWS_LAMBDA_FUNCTION_NAME) {
  void getServices()
    .then(warmUp)
    .catch(() => undefined);
}
