/** Where the email agent page may be framed from and fetch from. */
export interface AgentPageOrigins {
  /**
   * The agent workspace that frames the page: `https://<instance-alias>.my.connect.aws`. The only
   * `frame-ancestors` source.
   */
  readonly agentWorkspaceOrigin: string;
  /**
   * The mail bucket's regional endpoint, `https://<bucket>.s3.<region>.amazonaws.com`: the host
   * of the presigned URLs (the SDK's presigner signs virtual-hosted-style regional URLs). The
   * only `connect-src` source.
   */
  readonly mailOrigin: string;
}

/**
 * The response security headers of the email agent page: one definition for CloudFront's response
 * headers policy and the local page server of the browser test, so the test exercises the policy
 * that is deployed.
 */
export interface AgentPageSecurityHeaders {
  /** Scripts and styles from the page's own origin only, no inline code; framed only by the workspace. */
  readonly contentSecurityPolicy: string;
  /** HSTS: two years, subdomains included (CloudFront's default domain is HTTPS only). */
  readonly strictTransportSecurity: { readonly maxAgeSeconds: number; readonly includeSubdomains: boolean };
  /** `nosniff`. */
  readonly contentTypeOptions: 'nosniff';
  /** `no-referrer`: presigned mail URLs never leak through the Referer header. */
  readonly referrerPolicy: 'no-referrer';
  /** Browser features the page never uses, switched off. */
  readonly permissionsPolicy: string;
}

/** Two years, the HSTS preload list's minimum (https://hstspreload.org/, "Submission Requirements"). */
export const AGENT_PAGE_HSTS_SECONDS = 63_072_000;

/**
 * The headers for the given origins. There is no `X-Frame-Options`: it cannot name an allowed
 * framing origin (`ALLOW-FROM` is obsolete), and CSP `frame-ancestors` supersedes it (CSP Level 2,
 * https://www.w3.org/TR/CSP2/#directive-frame-ancestors).
 */
export function agentPageSecurityHeaders(origins: AgentPageOrigins): AgentPageSecurityHeaders {
  return {
    contentSecurityPolicy: [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      `connect-src ${origins.mailOrigin}`,
      `frame-ancestors ${origins.agentWorkspaceOrigin}`,
      "base-uri 'none'",
      "form-action 'none'",
    ].join('; '),
    strictTransportSecurity: { maxAgeSeconds: AGENT_PAGE_HSTS_SECONDS, includeSubdomains: true },
    contentTypeOptions: 'nosniff',
    referrerPolicy: 'no-referrer',
    permissionsPolicy: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  };
}

/** The same headers as HTTP header fields, as a browser receives them. */
export function asHttpHeaders(h: AgentPageSecurityHeaders): Record<string, string> {
  return {
    'content-security-policy': h.contentSecurityPolicy,
    'strict-transport-security': `max-age=${h.strictTransportSecurity.maxAgeSeconds}${h.strictTransportSecurity.includeSubdomains ? '; includeSubDomains' : ''}`,
    'x-content-type-options': h.contentTypeOptions,
    'referrer-policy': h.referrerPolicy,
    'permissions-policy': h.permissionsPolicy,
  };
}
