import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from '../api-error.ts';

export interface RequestLimitOptions {
  /** Longest path + query accepted; longer requests get 414. */
  maxUrlBytes: number;
  /** Largest request body; bigger bodies get 413 (checked while reading, not only from Content-Length). */
  maxBodyBytes: number;
}

export const DEFAULT_REQUEST_LIMITS: RequestLimitOptions = { maxUrlBytes: 8192, maxBodyBytes: 64 * 1024 };

/** Size limits for every request: URL length up front, body size while it streams in. */
export function requestLimits(options: RequestLimitOptions): MiddlewareHandler {
  const body = bodyLimit({
    maxSize: options.maxBodyBytes,
    onError: () => {
      throw new ApiError(413, 'payload_too_large', `Expected a request body of at most ${options.maxBodyBytes} bytes`);
    },
  });
  return async (c, next) => {
    // A request URL is percent-encoded ASCII, so its string length is its byte length: no URL parse
    // or encoder on the path every search takes.
    const raw = c.req.url;
    const length = raw.length - raw.indexOf('/', raw.indexOf('//') + 2);
    if (length > options.maxUrlBytes) {
      throw new ApiError(414, 'uri_too_long', `Expected a path and query of at most ${options.maxUrlBytes} bytes, received ${length}`);
    }
    // Looking at the body of a GET makes @hono/node-server build a full Request object: skip what has none.
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return next();
    return body(c, next);
  };
}
