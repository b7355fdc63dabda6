// Issue 17's push in AWS, with API Gateway's Management API replaced by a recorder: the Lambda of
// the WebSocket API subscribes a connection and sends the backlog; a staff reply written by another
// Lambda reaches that connection; a gone connection is forgotten; and a disconnect cleans up.

import { describe, expect, it } from 'vitest';
import { handleSocketEvent } from '../../../functions/handlers/realtime';
import { apiGatewayNotifier, type PostToConnection } from '../../../functions/realtime/api-gateway-notifier';
import { createConnectionStore } from '../../../functions/realtime/connections';
import { createLogger } from '../../../functions/shared/logger';
import { memoryTables } from '../../support/memory-tables';
import { citizen, testServices } from '../../support/test-services';

function recordingPoster(gone: Set<string> = new Set()) {
  const posts: { connectionId: string; frame: any }[] = [];
  const post: PostToConnection = async (connectionId, data) => {
    if (gone.has(connectionId)) return false;
    posts.push({ connectionId, frame: JSON.parse(data) });
    return true;
  };
  return { posts, post, gone };
}

function setUp() {
  // The tables read time from the services' fixed clock, as in AWS they share one.
  const start = new Date('2026-11-24T02:00:00Z');
  let clockNow = () => start;
  const tables = memoryTables({ now: () => clockNow() });
  const connections = createConnectionStore(tables.conversations);
  const poster = recordingPoster();
  const notifier = apiGatewayNotifier(connections, poster.post, createLogger('silent'));
  const { services, clock } = testServices({ tables, notifier, start });
  clockNow = () => clock.now();
  const socketEvent = (routeKey: string, connectionId: string, body?: unknown) =>
    handleSocketEvent(
      services,
      {
        requestContext: { routeKey, connectionId, domainName: 'example.execute-api.local', stage: 'ws' },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      },
      poster.post,
    );
  return { services, connections, notifier, poster, socketEvent };
}

async function handedOff(services: ReturnType<typeof testServices>['services'], userId: string) {
  const person = citizen(services, userId);
  await person.say('cho tôi gặp cán bộ');
  const [escalation] = await services.stores.escalations.list('open');
  expect(escalation?.sessionId).toBe(userId);
  return { person, escalationId: escalation?.id ?? '' };
}

const staff = { staffId: 'staff-1', name: 'Lan' };

describe('push through API Gateway (issue 17)', () => {
  it('subscribes, sends the backlog after the given id, then pushes a staff reply to the connection', async () => {
    const { services, poster, socketEvent } = setUp();
    const { person, escalationId } = await handedOff(services, 'push-session-1');
    await services.conversation.postStaffMessage(escalationId, staff, 'Tin đầu tiên của cán bộ.');
    const [first] = await person.inbox();
    expect(first).toBeDefined();

    expect((await socketEvent('$connect', 'conn-1')).statusCode).toBe(200);
    await socketEvent('$default', 'conn-1', {
      type: 'subscribe',
      sessionId: 'push-session-1',
      after: first?.id,
    });
    const backlog = poster.posts.filter((p) => p.frame.type === 'messages');
    expect(backlog).toHaveLength(1);
    expect(backlog[0]?.frame.messages.map((m: { id: string }) => m.id)).not.toContain(first?.id);

    poster.posts.length = 0;
    await services.conversation.postStaffMessage(escalationId, staff, 'Cán bộ Lan trả lời qua socket.');
    const pushed = poster.posts.filter((p) => p.frame.type === 'messages');
    expect(pushed).toHaveLength(1);
    expect(pushed[0]?.connectionId).toBe('conn-1');
    expect(pushed[0]?.frame.messages[0].text).toBe('Cán bộ Lan trả lời qua socket.');
    expect(pushed[0]?.frame.state).toBe('with_staff');
  });

  it('signals staff connections when a request is opened, and forgets a connection that is gone', async () => {
    const { services, connections, poster, socketEvent } = setUp();
    await socketEvent('$default', 'staff-conn', { type: 'subscribe_staff' });
    await socketEvent('$default', 'staff-gone', { type: 'subscribe_staff' });
    poster.gone.add('staff-gone');
    poster.posts.length = 0;

    const { escalationId } = await handedOff(services, 'push-session-2');
    const signals = poster.posts.filter((p) => p.frame.type === 'staff_changed');
    expect(signals.map((s) => s.connectionId)).toEqual(['staff-conn']);
    expect(signals[0]?.frame.escalationId).toBe(escalationId);
    expect(await connections.connectionsOf('staff')).toEqual(['staff-conn']);
  });

  it('refuses a malformed frame; a closed connection is forgotten by the first push that finds it gone', async () => {
    const { poster, connections, notifier, socketEvent } = setUp();
    await socketEvent('$default', 'conn-x', '{"type":"subscribe","sessionId":"<script>"}');
    expect(poster.posts.at(-1)?.frame).toMatchObject({ type: 'error', code: 'invalid_frame' });
    expect(await connections.connectionsOf('web:<script>')).toEqual([]);

    await socketEvent('$default', 'conn-y', { type: 'subscribe', sessionId: 'push-session-3' });
    expect(await connections.connectionsOf('web:push-session-3')).toEqual(['conn-y']);
    expect((await socketEvent('$disconnect', 'conn-y')).statusCode).toBe(200);
    // The disconnect itself writes nothing; the next push meets the gone connection and forgets it.
    expect(await connections.connectionsOf('web:push-session-3')).toEqual(['conn-y']);
    poster.gone.add('conn-y');
    await notifier.publish('web:push-session-3', { type: 'pong' });
    expect(await connections.connectionsOf('web:push-session-3')).toEqual([]);
    expect((await handleSocketEvent(setUp().services, { nonsense: true })).statusCode).toBe(400);
  });
});
