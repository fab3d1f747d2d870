import type { Context } from 'hono';

/**
 * The address a request came from, read without runtime imports: a configured proxy header (first
 * entry of a list), Cloudflare's `cf-connecting-ip`, or the Node socket that @hono/node-server puts
 * in `c.env.incoming`. A client-chosen header is trusted only when the operator names it. Null when
 * nothing tells (an in-process `app.request()`): better unlimited than all clients in one bucket.
 */
export function clientAddress(c: Context, trustedHeader: string | null): string | null {
  if (trustedHeader) {
    const value = c.req.header(trustedHeader)?.split(',')[0]?.trim();
    if (value) return value;
  }
  const cloudflare = c.req.header('cf-connecting-ip');
  if (cloudflare && isWorkers(c)) return cloudflare;
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? null;
}

/** On Workers the request carries `cf` properties set by Cloudflare, not by the client. */
function isWorkers(c: Context): boolean {
  return typeof (c.req.raw as { cf?: unknown }).cf === 'object';
}
