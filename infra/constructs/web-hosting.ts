import { Duration, Fn, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import {
  cognitoSignInOrigins,
  contentSecurityPolicy,
  ORIGIN_VERIFY_HEADER,
} from '../../functions/http/page-security';
import { acknowledgeNagFinding } from '../nag';

export interface WebHostingProps {
  /** Sites allowed to frame the citizen chat page (the widget's panel); `*` for any. */
  readonly chatEmbedOrigins: readonly string[];
}

export interface PublishOptions {
  /** Folder of static files (`web/`): the chat page at `/`, the staff console at `/staff/`. */
  readonly webDir: string;
  /** Written to `/config.json` at deploy time (may hold deploy-time values such as the client id). */
  readonly runtimeConfig: Record<string, unknown>;
}

/**
 * Files Zalo asks for to verify the domain (`zalo_verifier….html`), uploaded by hand: never part of
 * `web/`, and kept by each deployment's pruning.
 */
export const HAND_UPLOADED_FILES = ['zalo_verifier*'];

/**
 * Rewrites `/staff/` to `/staff/index.html` and redirects `/staff` to `/staff/`, so relative links in
 * the pages resolve; the S3 origin (private, behind OAC) has no index documents of its own.
 */
const DIRECTORY_INDEX_CODE = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.endsWith('/')) {
    request.uri = uri + 'index.html';
    return request;
  }
  var last = uri.substring(uri.lastIndexOf('/') + 1);
  if (last.indexOf('.') === -1) {
    return { statusCode: 301, statusDescription: 'Moved Permanently', headers: { location: { value: uri + '/' } } };
  }
  return request;
}`;

/**
 * The citizen chat page and the staff console, from a private S3 bucket behind CloudFront (origin
 * access control), on the same origin as the API once `routeApi()` has run: CloudFront forwards the
 * API paths to API Gateway, so the pages call `/api/...` on their own origin, as against `npm start`.
 */
export class WebHosting extends Construct {
  readonly siteBucket: s3.Bucket;
  readonly logBucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;

  /** The paths CloudFront forwards to the HTTP API; everything else is a static file. */
  static readonly API_PATHS = ['/api/*', '/zalo/*', '/healthz'] as const;
  private readonly publicHeaders: cloudfront.ResponseHeadersPolicy;

  constructor(scope: Construct, id: string, props: WebHostingProps) {
    super(scope, id);

    this.logBucket = new s3.Bucket(this, 'AccessLogs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      // CloudFront standard logging writes with ACLs; the bucket owner still owns every object.
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(365), noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.siteBucket = new s3.Bucket(this, 'Site', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 'site/',
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const directoryIndex = new cloudfront.Function(this, 'DirectoryIndex', {
      comment: 'Serve index.html for directory paths',
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      code: cloudfront.FunctionCode.fromInline(DIRECTORY_INDEX_CODE),
    });

    const baseSecurityHeaders: cloudfront.ResponseSecurityHeadersBehavior = {
      strictTransportSecurity: {
        accessControlMaxAge: Duration.days(730),
        includeSubdomains: true,
        override: true,
      },
      contentTypeOptions: { override: true },
      referrerPolicy: {
        referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
        override: true,
      },
    };
    // The chat page may be framed by the province's sites (the widget embeds it); the console never.
    // Both allow scripts, styles and connections from this origin only (functions/http/page-security.ts,
    // the same policy `npm start` sends); the console may also reach its Cognito sign-in domain.
    this.publicHeaders = new cloudfront.ResponseHeadersPolicy(this, 'PublicHeaders', {
      comment: 'HSTS, nosniff, referrer policy, CSP; framable chat page',
      securityHeadersBehavior: {
        ...baseSecurityHeaders,
        contentSecurityPolicy: {
          contentSecurityPolicy: contentSecurityPolicy('citizen', { frameAncestors: props.chatEmbedOrigins }),
          override: true,
        },
      },
    });
    const consoleHeaders = new cloudfront.ResponseHeadersPolicy(this, 'ConsoleHeaders', {
      comment: 'HSTS, nosniff, referrer policy, CSP; the staff console cannot be framed',
      securityHeadersBehavior: {
        ...baseSecurityHeaders,
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        contentSecurityPolicy: {
          contentSecurityPolicy: contentSecurityPolicy('console', {
            connectTo: cognitoSignInOrigins(Stack.of(this).region),
          }),
          override: true,
        },
      },
    });

    const siteOrigin = origins.S3BucketOrigin.withOriginAccessControl(this.siteBucket);
    const staticBehavior = (
      responseHeadersPolicy: cloudfront.IResponseHeadersPolicy,
    ): cloudfront.BehaviorOptions => ({
      origin: siteOrigin,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
      responseHeadersPolicy,
      functionAssociations: [
        { function: directoryIndex, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST },
      ],
    });

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Trợ lý ảo Dịch vụ công: chat page, staff console and API',
      defaultRootObject: 'index.html',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      defaultBehavior: staticBehavior(this.publicHeaders),
      additionalBehaviors: { '/staff/*': staticBehavior(consoleHeaders) },
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: 'cloudfront/',
    });
    acknowledgeNagFinding(
      this.distribution,
      'AwsSolutions-CFR4',
      'The distribution uses the default *.cloudfront.net certificate, whose viewer TLS policy CloudFront fixes; HTTPS is enforced on every behaviour. A province domain with its own ACM certificate (us-east-1) can then pin TLSv1.2_2021.',
    );
    acknowledgeNagFinding(
      this.distribution,
      'AwsSolutions-CFR1',
      'No geo restriction: Vietnamese citizens abroad (workers, students) must reach public-service guidance too.',
    );
    acknowledgeNagFinding(
      this.distribution,
      'AwsSolutions-CFR2',
      'No WAF web ACL: a CloudFront web ACL must live in us-east-1, outside this region-agnostic stack, and costs more than the whole idle stack. API Gateway throttling, per-session and per-address limits in the Lambdas, and Zalo signatures guard the API; a WAF can be attached later without changing the stack.',
    );
  }

  /** `https://<id>.cloudfront.net` */
  get url(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }

  /**
   * Forwards the API paths to the HTTP API, so the pages and the API share one origin. Each forwarded
   * request carries `originSecret` in ORIGIN_VERIFY_HEADER: only then does the chat Lambda trust
   * CloudFront-Viewer-Address for per-address limits (a direct call to the API cannot forge it).
   */
  routeApi(api: apigwv2.IHttpApi, originSecret: string): void {
    // `https://<id>.execute-api.<region>.amazonaws.com` → its host name.
    const apiHost = Fn.select(2, Fn.split('/', api.apiEndpoint));
    const origin = new origins.HttpOrigin(apiHost, {
      protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
      customHeaders: { [ORIGIN_VERIFY_HEADER]: originSecret },
    });
    for (const path of WebHosting.API_PATHS) {
      this.distribution.addBehavior(path, origin, {
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
        cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
        // Every viewer header but Host (API Gateway routes on its own host name), with CloudFront's
        // headers such as CloudFront-Viewer-Address, the citizen's address for per-address limits.
        originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        responseHeadersPolicy: this.publicHeaders,
      });
    }
  }

  /** Uploads `web/` plus `/config.json`, then invalidates the distribution's cache. */
  publish(options: PublishOptions): s3deploy.BucketDeployment {
    const deployment = new s3deploy.BucketDeployment(this, 'Publish', {
      sources: [
        s3deploy.Source.asset(options.webDir),
        s3deploy.Source.jsonData('config.json', options.runtimeConfig),
      ],
      destinationBucket: this.siteBucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      exclude: HAND_UPLOADED_FILES,
      memoryLimit: 512,
      logGroup: new logs.LogGroup(this, 'PublishLogs', {
        retention: logs.RetentionDays.ONE_MONTH,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
    });
    acknowledgeBucketDeploymentHandler(Stack.of(this));
    return deployment;
  }
}

/**
 * BucketDeployment runs a CDK-provided singleton Lambda (Python with the AWS CLI layer) whose role
 * and runtime this stack does not choose. Each of its findings is acknowledged on that singleton
 * only, one by one, so a new permission in a future aws-cdk-lib fails the checks until reviewed.
 */
const BUCKET_DEPLOYMENT_FINDINGS: readonly { id: string; reason: string }[] = [
  {
    id: 'AwsSolutions-L1',
    reason:
      'CDK-provided BucketDeployment handler: its runtime is chosen and upgraded by aws-cdk-lib; it runs only during deployments.',
  },
  {
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    reason: 'CDK-provided BucketDeployment handler: the managed policy only lets it write its own logs.',
  },
  ...['s3:GetBucket*', 's3:GetObject*', 's3:List*'].map((action) => ({
    id: `AwsSolutions-IAM5[Action::${action}]`,
    reason: `CDK-provided BucketDeployment handler: ${action} is CDK's read grant, used to fetch the web asset zip and list the site bucket.`,
  })),
  ...['s3:Abort*', 's3:DeleteObject*'].map((action) => ({
    id: `AwsSolutions-IAM5[Action::${action}]`,
    reason: `CDK-provided BucketDeployment handler: ${action} is part of CDK's write grant on the site bucket (multipart uploads, pruning stale files).`,
  })),
  {
    id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]',
    reason:
      'CDK-provided BucketDeployment handler: it reads the web asset from the bootstrap asset bucket, whose object keys are content hashes.',
  },
  {
    id: 'AwsSolutions-IAM5[Resource::<WebSiteD504717C.Arn>/*]',
    reason:
      'CDK-provided BucketDeployment handler: it writes every file of web/ into the site bucket, so it needs all its object keys.',
  },
  {
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'CDK-provided BucketDeployment handler: cloudfront:CreateInvalidation/GetInvalidation, which CDK grants on "*", to refresh the cache after publishing.',
  },
];

function acknowledgeBucketDeploymentHandler(stack: Stack): void {
  for (const child of stack.node.children) {
    if (!child.node.id.startsWith('Custom::CDKBucketDeployment')) continue;
    for (const { id, reason } of BUCKET_DEPLOYMENT_FINDINGS) acknowledgeNagFinding(child, id, reason);
  }
}
