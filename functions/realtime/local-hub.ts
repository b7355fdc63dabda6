import type { Notifier } from './notifier';
import type { ServerFrame } from './protocol';

export type FrameSink = (frame: ServerFrame) => void;

export interface LocalHub extends Notifier {
  /** Adds a listener to a topic; returns its removal. */
  subscribe(topic: string, sink: FrameSink): () => void;
  /** Listeners per topic, for tests and the bench. */
  listeners(topic: string): number;
}

/** `npm start`'s notifier: the server's own sockets, fanned out in process. */
export function createLocalHub(): LocalHub {
  const topics = new Map<string, Set<FrameSink>>();
  return {
    subscribe(topic, sink) {
      let sinks = topics.get(topic);
      if (!sinks) {
        sinks = new Set();
        topics.set(topic, sinks);
      }
      sinks.add(sink);
      return () => {
        sinks.delete(sink);
        if (sinks.size === 0) topics.delete(topic);
      };
    },
    async publish(topic, frame) {
      for (const sink of topics.get(topic) ?? []) sink(frame);
    },
    listeners: (topic) => topics.get(topic)?.size ?? 0,
  };
}
