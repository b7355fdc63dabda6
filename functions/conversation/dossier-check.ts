import { createHash } from 'node:crypto';
import { dossierCodesIn } from '../../intents/vocabulary';
import type { Logger } from '../shared/logger';
import type { Stores } from '../stores';
import type { Dossier } from '../stores/dossier-store';
import type { AttemptReservation } from '../stores/guard-store';
import type { Effect } from './effects';
import type { DossierCheck, DossierSnapshot, DossierView, Inbound, SessionRef } from './model';
import type { EngineSettings } from './turn';

/**
 * The phone check's reads, taken beside the session read (flows/dossier.ts says what they guard).
 *
 * A dossier code is in the very message that makes the assistant ask for the phone, so the dossier,
 * the conversation's durable failure count and one attempt of the dossier's last-4 budget are read
 * (the attempt reserved, receipted by that message) in the turn's first round, beside the session.
 * The question keeps what was read in the session (`DossierCheck`): the answer is compared with it
 * and committed, two rounds like any turn, where reading after the answer made three.
 *
 * The attempt is reserved before anything is compared, as before, only one message earlier. A
 * question never answered keeps its attempt for the hour (as a wrong answer would); only a right
 * answer gives it back. Giving back is safe beside the commit for a right answer alone: a racing
 * turn of the same conversation could otherwise compare a wrong guess under an attempt that a
 * losing run had already returned, and a right answer proves the sender needed no guessing.
 */

export const sessionLookupKey = (ref: SessionRef) => `lookup:session:${ref.channel}:${ref.userId}`;
export const lastFourKey = (code: string) => `lookup:last4:${code}`;

/** The check read this long ago is read again: the status shown is never older. */
export const CHECK_FRESH_MS = 5 * 60_000;

export const lookupWindow = (now: Date, windowSeconds: number) =>
  Math.floor(now.getTime() / 1000 / windowSeconds);

/** Digits in the national form: "+84 912…" and "0912…" are one number. */
export const nationalDigits = (s: string) => s.replace(/\D/gu, '').replace(/^84/u, '0');

/** Salted with the code: equal numbers of two dossiers do not look alike. */
const digest = (code: string, digits: string) =>
  createHash('sha256').update(`${code}\n${digits}`).digest('base64url');

/** What the question keeps of a dossier: what an answer shows, and digests of its phone. */
export function snapshotOf(d: Dossier): DossierSnapshot {
  const onFile = nationalDigits(d.phone);
  return {
    ...viewOf(d),
    phone: {
      ...(onFile.length >= 9 ? { full: digest(d.code, onFile) } : {}),
      ...(onFile.length >= 4 ? { lastFour: digest(d.code, onFile.slice(-4)) } : {}),
    },
  };
}

/**
 * The number on file against the one given: the whole number (9 digits at least), or its last 4.
 * The same rule as comparing the numbers themselves, on digests.
 */
export function phoneMatches(snapshot: DossierSnapshot, given: string): boolean {
  const b = nationalDigits(given);
  if (b.length === 4) return snapshot.phone.lastFour === digest(snapshot.code, b);
  return b.length >= 9 && snapshot.phone.full === digest(snapshot.code, b);
}

/** What an answer shows of a dossier: never its phone or applicant. */
export function viewOf(d: Dossier): DossierView {
  return {
    code: d.code,
    procedure: d.procedure,
    agency: d.agency,
    status: d.status,
    ...(d.receivedAt ? { receivedAt: d.receivedAt } : {}),
    ...(d.dueAt ? { dueAt: d.dueAt } : {}),
    ...(d.note ? { note: d.note } : {}),
  };
}

/** The check's reads for the code a message names, started before the session is read. */
export interface DossierReadAhead {
  readonly code: string;
  readonly at: Date;
  /** What was read, or undefined when a read failed (the answer is then checked by reading). */
  readonly check: Promise<DossierCheck | undefined>;
  /** Set by the flow once the attempt reserved here is its own (held by the question, or compared). */
  claimed: boolean;
  /** The attempt reserved, or undefined when the request failed. */
  readonly ticket: Promise<AttemptReservation | undefined>;
}

export function startDossierReadAhead(
  deps: { stores: Stores; settings: EngineSettings; log: Logger },
  ref: SessionRef,
  inbound: Inbound,
  receiptId: string,
  at: Date,
): DossierReadAhead | undefined {
  if (inbound.kind !== 'text') return undefined;
  const code = dossierCodesIn(inbound.text, deps.settings.dossierCodePattern)[0];
  if (!code) return undefined;
  const { stores, log } = deps;
  const { lookupMaxFailures: limit, lookupWindowSeconds: windowSeconds } = deps.settings;
  const failed = (error: unknown) => {
    log.warn('dossier_read_ahead_failed', { error });
    return undefined;
  };
  const ticket = stores.guards
    .reserveAttempt(lastFourKey(code), at, windowSeconds, limit, receiptId)
    .catch(failed);
  const check = Promise.all([
    stores.dossiers.get(code),
    stores.guards.attemptsUsed(sessionLookupKey(ref), at, windowSeconds),
    ticket,
  ]).then(([dossier, durable, reserved]): DossierCheck | undefined => {
    if (!reserved) return undefined;
    return {
      readAt: at.toISOString(),
      window: lookupWindow(at, windowSeconds),
      durableFailures: durable.used,
      // An attempt this message gave back before (a run of its turn that did not ask) is no longer
      // counted: it grants nothing, and a last-4 answer then reserves its own.
      ...(reserved.granted && !reserved.givenBack ? { ticket: receiptId } : {}),
      ...(reserved.granted ? {} : { lastFourRefused: true as const }),
      ...(dossier ? { dossier: snapshotOf(dossier) } : {}),
    };
  }, failed);
  return { code, at, check, ticket, claimed: false };
}

/** The check, when it may still stand in for reading: same window, read minutes ago at most. */
export function usableCheck(
  check: DossierCheck | undefined,
  now: Date,
  windowSeconds: number,
): DossierCheck | undefined {
  if (!check) return undefined;
  const age = now.getTime() - new Date(check.readAt).getTime();
  return check.window === lookupWindow(now, windowSeconds) && age >= 0 && age <= CHECK_FRESH_MS
    ? check
    : undefined;
}

/** The effect that gives back the dossier attempt `eventId` took in the window of `at`. */
export function returnAttempt(code: string, at: string, windowSeconds: number, eventId: string): Effect {
  return { kind: 'return_attempt', key: lastFourKey(code), at, windowSeconds, eventId };
}

/** Gives back the dossier attempt a held check took, for a right answer (see the module's note). */
export function giveBackTicket(check: DossierCheck, code: string, windowSeconds: number): Effect[] {
  return check.ticket ? [returnAttempt(code, check.readAt, windowSeconds, check.ticket)] : [];
}

/**
 * The attempt reserved ahead when the turn did not make it its own (it did not ask: the code came
 * in another conversation state): given back with the commit. It is this message's own, and a run
 * of its turn that later asks takes no attempt from a given-back receipt.
 */
export async function unclaimedTicket(
  ahead: DossierReadAhead | undefined,
  receiptId: string,
  windowSeconds: number,
): Promise<Effect[]> {
  if (!ahead || ahead.claimed) return [];
  const reserved = await ahead.ticket;
  if (!reserved?.granted || reserved.givenBack) return [];
  return [returnAttempt(ahead.code, ahead.at.toISOString(), windowSeconds, receiptId)];
}
