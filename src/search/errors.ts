/**
 * Failures of the search engine as the API must treat them. Named for the caller's next move:
 * unreachable -> answer 503 and let the client retry; http error -> a 4xx is our bug or bad
 * input, a 5xx is the engine's trouble (503 too).
 */

/** Meilisearch could not be reached in time: connection refused or reset, DNS, timeout. */
export class MeilisearchUnreachableError extends Error {
  override name = 'MeilisearchUnreachableError';
  constructor(
    message: string,
    readonly url: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Meilisearch answered with a non-2xx status and (usually) its JSON error body. */
export class MeilisearchHttpError extends Error {
  override name = 'MeilisearchHttpError';
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | null,
    readonly type: string | null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** True for failures that mean "the engine is not available now" rather than "the request was wrong". */
export function isEngineUnavailable(error: unknown): boolean {
  if (error instanceof MeilisearchUnreachableError) return true;
  if (error instanceof MeilisearchHttpError) return error.status >= 500;
  return false;
}
