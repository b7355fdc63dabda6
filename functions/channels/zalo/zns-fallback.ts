import type { ZnsField, ZnsTemplateConfig } from '../../config/config';
import type { ChatMessage, NoticeFacts } from '../../conversation/model';
import type { Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import { formatVietnamDate } from '../../shared/vietnam-time';
import type { GuardStore } from '../../stores/guard-store';
import { userTag } from './channel';
import { ZaloApiError, ZaloTransportError } from './errors';
import type { NoticeConsent, NoticeConsentStore } from './notice-consent';
import { type RetryPolicy, withBackoff } from './retry';
import type { TokenManager } from './token-manager';
import { type ZnsClient, znsPhone } from './zns-client';

/** Zalo says the consultation window is closed (or the citizen no longer follows the OA). */
export const WINDOW_CLOSED_CODES: ReadonlySet<number> = new Set([-230, -232, -213]);

/** A ZNS message is claimed once per notice for as long as Zalo may still be retrying anything. */
const ZNS_CLAIM_TTL_SECONDS = 7 * 86_400;

export interface ZnsFallbackOptions {
  client: ZnsClient;
  tokens: TokenManager;
  consents: NoticeConsentStore;
  guards: GuardStore;
  templates: { dossier?: ZnsTemplateConfig; rating?: ZnsTemplateConfig };
  clock: Clock;
  log: Logger;
  retry: RetryPolicy;
}

export type ZnsOutcome =
  | { status: 'sent'; templateId: string }
  /** Sent before by an earlier run (or maybe: a time-out after the request went out). */
  | { status: 'already_sent' }
  | {
      status: 'undelivered';
      reason: 'not_a_notice' | 'no_zns_template' | 'no_zns_consent' | 'zns_refused';
      code?: number;
    };

/** The value of one template parameter, from the notice's facts; dates as a citizen reads them. */
function fieldValue(facts: NoticeFacts, field: ZnsField): string {
  if (field === 'date') return formatVietnamDate(new Date(facts.at));
  if (facts.kind === 'dossier_status') return facts[field];
  return '';
}

export function templateData(template: ZnsTemplateConfig, facts: NoticeFacts): Record<string, string> {
  return Object.fromEntries(
    Object.entries(template.params).map(([param, field]) => [param, fieldValue(facts, field).slice(0, 200)]),
  );
}

/**
 * The notice that cannot go through the consultation window goes as an approved ZNS template to
 * the phone the citizen consented to, or is reported undelivered: without a template configured,
 * without consent, or when Zalo refuses it. Nothing goes twice: each notice is claimed before its
 * send, its id travels as `tracking_id`, and a time-out after the request went out counts as sent.
 */
export function createZnsFallback(o: ZnsFallbackOptions) {
  async function consentFor(userId: string, facts: NoticeFacts): Promise<NoticeConsent | undefined> {
    if (facts.kind === 'dossier_status') return o.consents.forDossier(userId, facts.code);
    // The rating request concerns no dossier: the most recent consent names the citizen's phone.
    return (await o.consents.list(userId))[0];
  }

  async function sendWithToken(send: (token: string) => Promise<unknown>): Promise<void> {
    const token = await o.tokens.accessToken();
    if (!token) throw new ZaloApiError(-216, 'zns');
    try {
      await withBackoff(o.retry, () => send(token));
    } catch (error) {
      if (!(error instanceof ZaloApiError && error.policy === 'refresh_token')) throw error;
      const fresh = await o.tokens.refresh(token);
      await withBackoff(o.retry, () => send(fresh));
    }
  }

  return async function sendNotice(userId: string, message: ChatMessage): Promise<ZnsOutcome> {
    const facts = message.notice;
    if (!facts) return { status: 'undelivered', reason: 'not_a_notice' };
    const template = facts.kind === 'dossier_status' ? o.templates.dossier : o.templates.rating;
    if (!template) return { status: 'undelivered', reason: 'no_zns_template' };
    const consent = await consentFor(userId, facts);
    const phone = consent ? znsPhone(consent.phone) : undefined;
    if (!phone) return { status: 'undelivered', reason: 'no_zns_consent' };

    const claim = `zns:${message.id}`;
    if (!(await o.guards.claimOnce(claim, o.clock.now(), ZNS_CLAIM_TTL_SECONDS))) {
      return { status: 'already_sent' };
    }
    const user = userTag(userId);
    try {
      await sendWithToken((token) =>
        o.client.send(token, {
          phone,
          templateId: template.templateId,
          templateData: templateData(template, facts),
          trackingId: message.id,
        }),
      );
    } catch (error) {
      if (error instanceof ZaloTransportError && error.ambiguous) {
        o.log.warn('zalo_zns_maybe_delivered', { user, templateId: template.templateId });
        return { status: 'already_sent' };
      }
      // Not sent: give the claim back, so the job's retry (or a later run) may send it.
      await o.guards.release(claim);
      if (error instanceof ZaloApiError && error.policy !== 'retry') {
        o.log.warn('zalo_zns_refused', { user, code: error.code });
        return { status: 'undelivered', reason: 'zns_refused', code: error.code };
      }
      throw error;
    }
    o.log.info('zalo_zns_sent', { user, templateId: template.templateId, kind: facts.kind });
    return { status: 'sent', templateId: template.templateId };
  };
}

export type ZnsFallback = ReturnType<typeof createZnsFallback>;
