import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from '@hono/zod-openapi';

/** The one JSON error shape of the API, documented in the OpenAPI document. */
export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'invalid_parameter' }),
      message: z.string(),
      details: z.array(z.object({ param: z.string(), message: z.string() })).optional(),
    }),
  })
  .openapi('Error');

export type ErrorBody = z.infer<typeof errorSchema>;

/** Thrown by routes and middleware; app.onError renders it. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: Array<{ param: string; message: string }>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export function errorResponse(c: Context, error: ApiError): Response {
  const body: ErrorBody = { error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } };
  return c.json(body, error.status, error.headers);
}

/** Turns zod issues into "what was expected" details, one per parameter. */
export function validationError(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): ApiError {
  const details = issues.map((issue) => ({ param: issue.path.map(String).join('.') || '(query)', message: issue.message }));
  const summary = details.map((d) => `${d.param}: ${d.message}`).join('; ');
  return new ApiError(400, 'invalid_parameter', `Invalid request: ${summary}`, details);
}
