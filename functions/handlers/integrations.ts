import { getServices } from '../app/container';
import { safeEqual } from '../http/auth';
import { badRequest, unauthorized } from '../http/errors';
import { httpHandler, type ServicesProvider } from '../http/handler';
import { bearerToken, parseJsonBody } from '../http/request';
import { json } from '../http/respond';
import { createRouter } from '../http/router';
import { nationalPhone } from '../shared/phone';
import { AddressInputSchema } from '../stores/address-store';
import { DossierInputSchema } from '../stores/dossier-store';

/** The default shape of a dossier code (contract/nlu.md); the province's exact pattern is configuration. */
export const DEFAULT_DOSSIER_CODE = /^[A-Z0-9]+(?:\.[A-Z0-9]+)*-\d{6}-\d{4}$/u;
const ADDRESS_CODE = /^[A-Z0-9][A-Z0-9.-]{2,39}$/u;

export function createIntegrationsHandler(provider: ServicesProvider) {
  return httpHandler(provider, (services, event) => {
    const expected = services.config.integrationApiKey;
    const given = bearerToken(event);
    if (!expected || !given || !safeEqual(given, expected)) throw unauthorized();
    const codePattern = services.config.dossierCodePattern
      ? new RegExp(services.config.dossierCodePattern, 'u')
      : DEFAULT_DOSSIER_CODE;
    const { stores, clock, conversation, log } = services;

    return createRouter()
      .add('PUT', '/api/integrations/dossiers/{code}', async (ev, p) => {
        const code = (p.code ?? '').trim().toUpperCase();
        if (!codePattern.test(code)) throw badRequest('invalid_code', 'Mã hồ sơ không đúng định dạng.');
        const input = parseJsonBody(ev, DossierInputSchema);
        const phone = nationalPhone(input.phone);
        if (!phone) throw badRequest('invalid_request', 'Số điện thoại không hợp lệ (phone).');
        const { created, statusChanged, dossier } = await stores.dossiers.upsert(
          code,
          { ...input, phone },
          clock.now(),
        );
        let notified = 0;
        if (statusChanged) {
          notified = await conversation.notifyDossierChange(dossier);
          log.info('dossier_status_changed', { code, status: dossier.status, notified });
        }
        return json(created ? 201 : 200, { code, status: dossier.status, created, notified });
      })
      .add('PUT', '/api/integrations/digital-addresses/{code}', async (ev, p) => {
        const code = (p.code ?? '').trim().toUpperCase();
        if (!ADDRESS_CODE.test(code)) throw badRequest('invalid_code', 'Mã địa chỉ số không đúng định dạng.');
        const input = parseJsonBody(ev, AddressInputSchema);
        if ((input.lat === undefined) !== (input.lng === undefined))
          throw badRequest('invalid_request', 'Cần có cả lat và lng.');
        const { created, address } = await stores.addresses.upsert(code, input, clock.now());
        return json(created ? 201 : 200, { code: address.code, created });
      })
      .handle(event);
  });
}

export const handler = createIntegrationsHandler(getServices);
