import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { parseContextArgs } from '../../infra/assistant-app';
import { DeploySettingsError, readDeploySettings } from '../../infra/deploy-settings';

const settingsFrom = (context: Record<string, unknown>) => readDeploySettings(new App({ context }).node);

describe('deployment settings from CDK context', () => {
  it('defaults to a working deployment when nothing is given', () => {
    expect(settingsFrom({})).toEqual({
      stackName: 'TroLyAoDichVuCong',
      logLevel: 'info',
      corsAllowedOrigins: [],
      chatEmbedOrigins: ['*'],
      apiRateLimit: 50,
      apiBurstLimit: 100,
    });
  });

  it.each([
    [
      { corsAllowedOrigins: 'https://dichvucong.khanhhoa.gov.vn, https://khanhhoa.gov.vn' },
      { corsAllowedOrigins: ['https://dichvucong.khanhhoa.gov.vn', 'https://khanhhoa.gov.vn'] },
    ],
    [{ corsAllowedOrigins: ['https://a.gov.vn'] }, { corsAllowedOrigins: ['https://a.gov.vn'] }],
    [{ corsAllowedOrigins: ' , ' }, { corsAllowedOrigins: [] }],
    [
      { chatEmbedOrigins: 'https://khanhhoa.gov.vn, https://*.khanhhoa.gov.vn' },
      { chatEmbedOrigins: ['https://khanhhoa.gov.vn', 'https://*.khanhhoa.gov.vn'] },
    ],
    [
      { apiRateLimit: '20', apiBurstLimit: '40' },
      { apiRateLimit: 20, apiBurstLimit: 40 },
    ],
    [{ alarmEmail: 'ops@khanhhoa.gov.vn' }, { alarmEmail: 'ops@khanhhoa.gov.vn' }],
    [{ alarmEmail: '' }, { alarmEmail: undefined }],
    [{ staffSignInDomainPrefix: 'dvc-khanhhoa-staff' }, { staffSignInDomainPrefix: 'dvc-khanhhoa-staff' }],
    [
      { dossierCodePattern: '^H\\d{2}\\.\\d+-\\d{6}-\\d{4}$' },
      { dossierCodePattern: '^H\\d{2}\\.\\d+-\\d{6}-\\d{4}$' },
    ],
    [{ zaloSignatureVariant: 'oa_secret_hmac' }, { zaloSignatureVariant: 'oa_secret_hmac' }],
    [{ stackName: 'TroLyAoDvcStaging' }, { stackName: 'TroLyAoDvcStaging' }],
  ])('reads %j', (context, expected) => {
    expect(settingsFrom(context)).toMatchObject(expected);
  });

  it.each([
    [{ alarmEmail: 'not-an-address' }, 'alarmEmail'],
    [{ logLevel: 'verbose' }, 'logLevel'],
    [{ staffSignInDomainPrefix: 'my-cognito-pool' }, 'staffSignInDomainPrefix'],
    [{ staffSignInDomainPrefix: 'Upper_Case' }, 'staffSignInDomainPrefix'],
    [{ dossierCodePattern: '([' }, 'dossierCodePattern'],
    [{ apiRateLimit: '0' }, 'apiRateLimit'],
    [{ corsAllowedOrigins: '*' }, 'corsAllowedOrigins'],
    [{ corsAllowedOrigins: 'https://a.gov.vn/path' }, 'corsAllowedOrigins'],
    [{ chatEmbedOrigins: "'none'; script-src *" }, 'chatEmbedOrigins'],
    [{ chatEmbedOrigins: ' , ' }, 'chatEmbedOrigins'],
    [{ stackName: '1-starts-with-digit' }, 'stackName'],
  ])('refuses %j, naming %s', (context, key) => {
    expect(() => settingsFrom(context)).toThrow(DeploySettingsError);
    expect(() => settingsFrom(context)).toThrow(new RegExp(`Invalid deployment context: .*${key}`));
  });
});

describe('context flags for runs without the CDK CLI', () => {
  it('reads -c and --context pairs like the CLI, keeping = inside values', () => {
    expect(
      parseContextArgs(['-c', 'alarmEmail=ops@x.vn', '--context', 'dossierCodePattern=^A=B$', 'ignored']),
    ).toEqual({
      alarmEmail: 'ops@x.vn',
      dossierCodePattern: '^A=B$',
    });
  });

  it.each([[['-c']], [['-c', 'novalue']], [['--context', '=x']]])('refuses %j', (argv) => {
    expect(() => parseContextArgs(argv)).toThrow(/key=value/);
  });
});
