import type { Context, Env, Hono } from 'hono';
import type { PublicAccessConfig } from '../config.ts';
import { clientAddress } from './client-address.ts';
import { MemoryTokenBuckets, rateLimit, type RateLimitStore } from './rate-limit.ts';
import { DEFAULT_REQUEST_LIMITS, requestLimits } from './request-limits.ts';
import { outletCors, securityHeaders } from './security-headers.ts';

export interface PublicAccessOptions extends PublicAccessConfig {
  /** Token buckets; default: in memory, per process (per isolate on Workers). */
  rateLimitStore?: RateLimitStore;
}

export const DEFAULT_PUBLIC_ACCESS: PublicAccessConfig = {
  corsOrigins: [],
  rateLimitPerMinute: 300,
  rateLimitBurst: 60,
  clientIpHeader: null,
  maxBodyBytes: DEFAULT_REQUEST_LIMITS.maxBodyBytes,
};

/** An export reads the whole result set: it costs as much as this many searches. */
export const EXPORT_COST = 10;

/** Static files are cached by browsers and cost nothing to serve: they never count. */
function requestCost(c: Context): number {
  const path = c.req.path;
  if (c.req.method === 'OPTIONS' || path.startsWith('/assets/') || path === '/widget.js' || path === '/favicon.ico' || path === '/health') return 0;
  if (path === '/export') return EXPORT_COST;
  return 1;
}

/** Secure headers, size limits, outlet CORS and per-client rate limits for every route. */
export function usePublicAccess<E extends Env>(app: Hono<E>, options: Partial<PublicAccessOptions> = {}): void {
  const settings = { ...DEFAULT_PUBLIC_ACCESS, ...options };
  app.use('*', securityHeaders());
  app.use('*', requestLimits({ ...DEFAULT_REQUEST_LIMITS, maxBodyBytes: settings.maxBodyBytes }));
  app.use('*', outletCors(settings.corsOrigins));
  if (settings.rateLimitPerMinute > 0) {
    const store = options.rateLimitStore ?? new MemoryTokenBuckets({ capacity: settings.rateLimitBurst, refillPerSecond: settings.rateLimitPerMinute / 60 });
    app.use('*', rateLimit({ store, keyOf: (c) => clientAddress(c, settings.clientIpHeader), costOf: requestCost }));
  }
}
