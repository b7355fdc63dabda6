import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { STAFF_ROLES, type StaffRole } from '../../functions/config/staff-accounts';

export interface StaffAuthProps {
  /** The staff console's address (`https://<cloudfront>/staff/`): where sign-in returns. */
  readonly consoleUrl: string;
  /** Prefix of the hosted sign-in domain; defaults to one derived from the account id. */
  readonly domainPrefix?: string;
}

/**
 * Staff sign in through a Cognito user pool; API Gateway checks their JWT before the staff Lambda
 * runs (the Lambda reads the claims). Accounts are created by an administrator only, with a strong
 * password and a TOTP second factor, on the Plus plan for threat protection (compromised
 * credentials, risky sign-ins): the console sees citizens' conversations.
 */
const STAFF_ROLE_DESCRIPTIONS: Record<StaffRole, string> = {
  agent: 'Queue, conversations, feedback reports, reports',
  editor: 'Drafts knowledge entries',
  reviewer: 'Approves or rejects knowledge drafts, rolls entries back',
  admin: 'All of the above',
};

export class StaffAuth extends Construct {
  readonly userPool: cognito.UserPool;
  readonly consoleClient: cognito.UserPoolClient;
  readonly domain: cognito.UserPoolDomain;

  constructor(scope: Construct, id: string, props: StaffAuthProps) {
    super(scope, id);

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // TOTP only: an authenticator app costs nothing and needs no SMS sending role.
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      // Staff accounts are not rebuilt by a redeploy.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // The roles of the contract are Cognito groups: the ID token carries them as `cognito:groups`
    // (functions/staff/staff-identity.ts). A user in no group keeps the queue only.
    for (const role of STAFF_ROLES)
      new cognito.CfnUserPoolGroup(this, `Group${role[0]?.toUpperCase()}${role.slice(1)}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: role,
        description: STAFF_ROLE_DESCRIPTIONS[role],
      });

    this.domain = this.userPool.addDomain('SignInDomain', {
      cognitoDomain: { domainPrefix: props.domainPrefix ?? `dvc-staff-${Aws.ACCOUNT_ID}` },
    });

    // A public client (no secret: the console is static files) using the authorisation code flow
    // with PKCE (web/staff/js/cognito-auth.js). The console sends the ID token as
    // `Authorization: Bearer …`: its `aud` is this client, which the API's JWT authorizer checks, and
    // its `name`/`email` claims give the staff Lambda the person's name. The callback and sign-out URL
    // is the console's address, the same string /config.json gives the console as `redirectUri`.
    this.consoleClient = this.userPool.addClient('ConsoleClient', {
      generateSecret: false,
      preventUserExistenceErrors: true,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [props.consoleUrl],
        logoutUrls: [props.consoleUrl],
      },
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      enableTokenRevocation: true,
    });
  }
}
