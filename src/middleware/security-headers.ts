import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';

/**
 * Headers for every response. The pages run only our own scripts and styles (no inline code, no
 * CDN), so the CSP can say exactly that. `overwrite: false` lets a route that must differ (the
 * embeddable widget, an archived page) set its own header.
 */
export function securityHeaders(): MiddlewareHandler {
  return secureHeaders({
    overwrite: false,
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      objectSrc: ["'none'"],
    },
    referrerPolicy: 'strict-origin-when-cross-origin',
    xFrameOptions: 'DENY',
  });
}

/**
 * Cross-origin reads only for the configured outlet origins (the search box on their pages).
 * Other origins get no CORS headers, so browsers keep their pages from reading our answers.
 */
export function outletCors(origins: readonly string[]): MiddlewareHandler {
  const allowed = new Set(origins);
  return cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    allowMethods: ['GET', 'HEAD', 'OPTIONS'],
    maxAge: 600,
  });
}
