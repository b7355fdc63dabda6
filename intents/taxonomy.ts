/** The fixed vocabulary of ../shared/contract/nlu.md. Everything that leaves the NLU layer uses these ids. */
export const INTENTS = [
  'greeting',
  'goodbye',
  'thanks',
  'help',
  'procedure_info',
  'dossier_status',
  'digital_address',
  'account_help',
  'payment_help',
  'feedback_report',
  'agency_contact',
  'business_support',
  'human_handoff',
  'bot_feedback',
  'out_of_scope',
] as const;
export type IntentId = (typeof INTENTS)[number];

/**
 * Intents whose flows read the whole message (a report's details, a dossier, a wish for a person),
 * not only the part asked about after "… xong thì" (knowledge/retrieval/asked-part.ts).
 */
export const WHOLE_MESSAGE_INTENTS: ReadonlySet<IntentId> = new Set<IntentId>([
  'dossier_status',
  'feedback_report',
  'human_handoff',
]);

export const ASPECTS = ['documents', 'fee', 'duration', 'place', 'steps', 'online', 'eligibility'] as const;
export type Aspect = (typeof ASPECTS)[number];

/** Entities of the contract; a key is absent when the message does not hold it. */
export interface Entities {
  dossierCode?: string;
  phone?: string;
  citizenId?: string;
  aspect?: Aspect;
  place?: string;
}

export function isIntentId(value: string): value is IntentId {
  return (INTENTS as readonly string[]).includes(value);
}
