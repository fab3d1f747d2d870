/**
 * What one Worker invocation may spend: subrequests (outlet fetches, Meilisearch calls, D1 queries, R2 and
 * Queue operations all count against the plan's limit: 50 on Free, 1000 on Paid) and wall-clock time (CPU time
 * cannot be read from inside a Worker; wall time bounds it from above). Jobs check the budget before each
 * page and hand what they did not reach to a continuation job instead of failing mid-way.
 */

export interface InvocationBudgetOptions {
  /** Subrequests this invocation may make. Default 50 (the Free plan's limit). */
  maxSubrequests?: number;
  /** Wall time after which a job stops taking new pages. Default 20 s. */
  maxWallMillis?: number;
  now?: () => number;
}

/** The invocation would go over its subrequest limit: the job stops and leaves the rest for a continuation. */
export class SubrequestBudgetError extends Error {
  override readonly name = 'SubrequestBudgetError';
}

export class InvocationBudget {
  readonly maxSubrequests: number;
  readonly maxWallMillis: number;
  readonly startedAt: number;
  #used = 0;
  readonly #now: () => number;

  constructor(options: InvocationBudgetOptions = {}) {
    this.maxSubrequests = options.maxSubrequests ?? 50;
    this.maxWallMillis = options.maxWallMillis ?? 20_000;
    if (!Number.isInteger(this.maxSubrequests) || this.maxSubrequests < 10) {
      throw new RangeError(`Expected \`maxSubrequests\` to be an integer from 10 and up, received ${String(options.maxSubrequests)}`);
    }
    if (!Number.isFinite(this.maxWallMillis) || this.maxWallMillis <= 0) {
      throw new RangeError(`Expected \`maxWallMillis\` to be a positive number, received ${String(options.maxWallMillis)}`);
    }
    this.#now = options.now ?? Date.now;
    this.startedAt = this.#now();
  }

  get used(): number {
    return this.#used;
  }

  get remaining(): number {
    return this.maxSubrequests - this.#used;
  }

  get elapsedMillis(): number {
    return this.#now() - this.startedAt;
  }

  /** True when `subrequests` more still fit and there is time left. */
  allows(subrequests: number): boolean {
    return this.remaining >= subrequests && this.elapsedMillis < this.maxWallMillis;
  }

  /** Counts one subrequest; throws SubrequestBudgetError instead of going over the limit. */
  spend(what: string): void {
    if (this.#used >= this.maxSubrequests) {
      throw new SubrequestBudgetError(`Expected at most ${this.maxSubrequests} subrequests in this invocation, received one more (${what})`);
    }
    this.#used += 1;
  }

  /** A fetch that counts every call (redirect hops and retries are separate calls, as Cloudflare counts them). */
  readonly fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    try {
      this.spend(`fetch ${typeof input === 'string' ? input : input instanceof URL ? input.href : input.url}`);
    } catch (error) {
      return Promise.reject(error);
    }
    return globalThis.fetch(input, init);
  };
}
