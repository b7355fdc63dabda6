import { addMinutes, epochSeconds } from '../shared/clock';
import type { TablePort } from '../stores/table-port';

/**
 * Open WebSocket connections of API Gateway, by topic, in the conversations table: one item per
 * (topic, connection) to fan out, and one per connection naming its topic (a connection that
 * subscribes to another topic leaves the first). Both expire after API Gateway's own two-hour limit
 * on a connection. A disconnect deletes nothing: a page's socket closes once per conversation, and
 * cleaning up then cost a read and two deletes every time, while a closed connection left listed is
 * only met when something is pushed to its topic, where the post fails as gone and it is forgotten.
 */
export interface ConnectionStore {
  listen(connectionId: string, topic: string, now: Date): Promise<void>;
  connectionsOf(topic: string): Promise<string[]>;
  forget(connectionId: string, topic?: string): Promise<void>;
}

const MAX_CONNECTION_MINUTES = 120;

export function createConnectionStore(table: TablePort): ConnectionStore {
  const topicPk = (topic: string) => `WS#${topic}`;
  const connectionPk = (id: string) => `WSCONN#${id}`;
  return {
    async listen(connectionId, topic, now) {
      const ttl = epochSeconds(addMinutes(now, MAX_CONNECTION_MINUTES));
      const previous = await table.get(connectionPk(connectionId), 'META');
      if (typeof previous?.topic === 'string' && previous.topic !== topic)
        await table.delete(topicPk(previous.topic), connectionId);
      await table.putMany([
        { pk: topicPk(topic), sk: connectionId, ttl },
        { pk: connectionPk(connectionId), sk: 'META', topic, ttl },
      ]);
    },
    async connectionsOf(topic) {
      return (await table.query(topicPk(topic))).map((item) => item.sk);
    },
    async forget(connectionId, topic) {
      const known = topic ?? (await table.get(connectionPk(connectionId), 'META'))?.topic;
      if (typeof known === 'string') await table.delete(topicPk(known), connectionId);
      await table.delete(connectionPk(connectionId), 'META');
    },
  };
}
