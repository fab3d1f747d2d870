import type { MiddlewareHandler } from 'hono';

/**
 * Headers for every response. The pages run only our own scripts and styles (no inline code, no
 * CDN), so the CSP can say exactly that.
 *
 * Set with `c.header()` before the route runs, not on `c.res` afterwards (as hono/secure-headers and
 * hono/cors do): touching a finished Response's headers makes @hono/node-server rebuild it as a full
 * streamed Response, which cost the search path about half a millisecond. A route that needs its own
 * value (an archived page's sandbox CSP) sets it later and so overrides these.
 */
const SECURITY_HEADERS: ReadonlyArray<readonly [string, string]> = [
  [
    'Content-Security-Policy',
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
  ],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Origin-Agent-Cluster', '?1'],
  ['Referrer-Policy', 'strict-origin-when-cross-origin'],
  ['Strict-Transport-Security', 'max-age=15552000; includeSubDomains'],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-DNS-Prefetch-Control', 'off'],
  ['X-Download-Options', 'noopen'],
  ['X-Frame-Options', 'DENY'],
  ['X-Permitted-Cross-Domain-Policies', 'none'],
  ['X-XSS-Protection', '0'],
];

export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    for (const [name, value] of SECURITY_HEADERS) c.header(name, value);
    await next();
  };
}

const CORS_METHODS = 'GET, HEAD, OPTIONS';
const CORS_MAX_AGE_SECONDS = '600';

/**
 * Cross-origin reads only for the configured outlet origins (the search box on their pages).
 * Other origins get no CORS headers, so browsers keep their pages from reading our answers.
 * Preflight requests from an allowed origin are answered here with 204.
 */
export function outletCors(origins: readonly string[]): MiddlewareHandler {
  const allowed = new Set(origins);
  return async (c, next) => {
    // Answers differ by Origin, so caches must keep them apart.
    c.header('Vary', 'Origin');
    const origin = c.req.header('origin');
    if (origin === undefined || !allowed.has(origin)) return next();
    c.header('Access-Control-Allow-Origin', origin);
    if (c.req.method === 'OPTIONS' && c.req.header('access-control-request-method')) {
      c.header('Access-Control-Allow-Methods', CORS_METHODS);
      c.header('Access-Control-Max-Age', CORS_MAX_AGE_SECONDS);
      const requested = c.req.header('access-control-request-headers');
      if (requested) {
        c.header('Access-Control-Allow-Headers', requested);
        c.header('Vary', 'Access-Control-Request-Headers', { append: true });
      }
      return c.body(null, 204);
    }
    await next();
  };
}
