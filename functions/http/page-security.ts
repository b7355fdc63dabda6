/**
 * The Content-Security-Policy of the pages, in one place for the local server and the CDK stack
 * (CloudFront response headers policies), so both serve the same. Scripts, styles and connections
 * come from the pages' own origin only: an injected `<script>` or inline handler does not run, and
 * a page cannot be made to send its data elsewhere even if its code were tricked into trying.
 */
export type PageKind = 'citizen' | 'console';

export interface PagePolicyOptions {
  /**
   * Who may frame the page. The citizen chat is framed by the sites that embed the widget (`*` when
   * any may); the staff console by no one (`'none'`, which the console always gets).
   */
  readonly frameAncestors?: readonly string[];
  /** Extra origins the page's code calls: the console's Cognito sign-in domain (token exchange). */
  readonly connectTo?: readonly string[];
}

export function contentSecurityPolicy(page: PageKind, options: PagePolicyOptions = {}): string {
  const frameAncestors = page === 'console' ? ["'none'"] : (options.frameAncestors ?? ["'self'"]);
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'"],
    ['style-src', "'self'"],
    ['img-src', "'self'", 'data:'],
    ['connect-src', "'self'", ...(options.connectTo ?? [])],
    ['object-src', "'none'"],
    ['base-uri', "'self'"],
    ['form-action', "'self'"],
    ['frame-ancestors', ...frameAncestors],
  ];
  return directives.map((d) => d.join(' ')).join('; ');
}

/**
 * Where the console exchanges and revokes its Cognito tokens: the hosted UI's domain,
 * `<prefix>.auth.<region>.amazoncognito.com` (any region when it is not known, as on this machine).
 */
export function cognitoSignInOrigins(region?: string): string[] {
  return [region ? `https://*.auth.${region}.amazoncognito.com` : 'https://*.amazoncognito.com'];
}

/**
 * The header CloudFront adds (an origin custom header holding a generated secret) to every request
 * it forwards to the API: the proof that a request came through CloudFront (functions/handlers/chat.ts).
 */
export const ORIGIN_VERIFY_HEADER = 'x-origin-verify';
