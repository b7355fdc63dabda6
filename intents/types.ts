import type { NormalisedText } from './normalise';
import type { Entities, IntentId } from './taxonomy';

/** What the NLU layer makes of one message. */
export interface Understanding {
  intent: IntentId;
  /** Calibrated, in [0, 1]. */
  confidence: number;
  entities: Entities;
  /** The normalised message (with shorthand expanded), for retrieval. */
  text: NormalisedText;
  /** Runner-up intents, best first, for analytics and staff ("what the assistant understood"). */
  alternatives: { intent: IntentId; confidence: number }[];
}

export interface Nlu {
  understand(message: string): Understanding;
}
