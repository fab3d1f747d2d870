import type { Context, MiddlewareHandler } from 'hono';
import { ApiError } from '../api-error.ts';

/** What a store answers when a client asks to spend tokens. */
export interface RateDecision {
  allowed: boolean;
  /** Tokens left after this request (0 when refused). */
  remaining: number;
  /** Seconds until the request would be allowed; 0 when allowed. */
  retryAfterSeconds: number;
}

/**
 * Where token buckets live. The in-memory store below fits one Node process; a shared store (a
 * Durable Object, Redis) can replace it behind this interface.
 */
export interface RateLimitStore {
  take(key: string, cost: number, nowMillis: number): RateDecision;
}

export interface TokenBucketOptions {
  /** Tokens a full bucket holds: the burst a client may spend at once. */
  capacity: number;
  /** Tokens added per second: the sustained rate. */
  refillPerSecond: number;
  /** Buckets kept at most; the least recently used go first (a dropped bucket is a full one). */
  maxKeys?: number;
}

/** Token buckets in a Map, in least-recently-used order so memory stays bounded under many clients. */
export class MemoryTokenBuckets implements RateLimitStore {
  readonly #buckets = new Map<string, { tokens: number; updatedMillis: number }>();
  readonly #capacity: number;
  readonly #refillPerMilli: number;
  readonly #maxKeys: number;

  constructor(options: TokenBucketOptions) {
    if (!(options.capacity >= 1)) throw new RangeError(`Expected capacity ≥ 1, received ${options.capacity}`);
    if (!(options.refillPerSecond > 0)) throw new RangeError(`Expected refillPerSecond > 0, received ${options.refillPerSecond}`);
    this.#capacity = options.capacity;
    this.#refillPerMilli = options.refillPerSecond / 1000;
    this.#maxKeys = options.maxKeys ?? 50_000;
  }

  take(key: string, cost: number, nowMillis: number): RateDecision {
    const previous = this.#buckets.get(key);
    const tokens = previous
      ? Math.min(this.#capacity, previous.tokens + Math.max(0, nowMillis - previous.updatedMillis) * this.#refillPerMilli)
      : this.#capacity;
    this.#buckets.delete(key);
    const spend = Math.min(cost, this.#capacity);
    if (tokens >= spend) {
      this.#remember(key, tokens - spend, nowMillis);
      return { allowed: true, remaining: Math.floor(tokens - spend), retryAfterSeconds: 0 };
    }
    this.#remember(key, tokens, nowMillis);
    return { allowed: false, remaining: 0, retryAfterSeconds: Math.max(1, Math.ceil((spend - tokens) / this.#refillPerMilli / 1000)) };
  }

  get size(): number {
    return this.#buckets.size;
  }

  #remember(key: string, tokens: number, nowMillis: number): void {
    this.#buckets.set(key, { tokens, updatedMillis: nowMillis });
    if (this.#buckets.size > this.#maxKeys) {
      const oldest = this.#buckets.keys().next().value;
      if (oldest !== undefined) this.#buckets.delete(oldest);
    }
  }
}

export interface RateLimitOptions {
  store: RateLimitStore;
  /** Who is asking: a client address, never something the client picks freely; null = unknown, not limited. */
  keyOf: (c: Context) => string | null;
  /** Tokens a request costs (exports cost more than a search); 0 = free, not counted. */
  costOf?: (c: Context) => number;
  now?: () => number;
}

/** Refuses a client that spends its tokens faster than they refill: 429 with Retry-After. */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler {
  const now = options.now ?? Date.now;
  return async (c, next) => {
    const cost = options.costOf?.(c) ?? 1;
    const key = cost > 0 ? options.keyOf(c) : null;
    if (key === null) return next();
    const decision = options.store.take(key, cost, now());
    if (!decision.allowed) {
      throw new ApiError(429, 'rate_limited', `Too many requests from this client; retry in ${decision.retryAfterSeconds} s.`, undefined, {
        'Retry-After': String(decision.retryAfterSeconds),
        'RateLimit-Remaining': '0',
      });
    }
    // Before the route, so the header is part of the response it builds (see security-headers.ts).
    c.header('RateLimit-Remaining', String(decision.remaining));
    await next();
  };
}
