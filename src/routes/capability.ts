import { ApiError } from '../api-error.ts';

/** A search backend may lack the newer operations (timeline, export, suggest): say so with a 501. */
export function requireCapability<T>(method: T | undefined, name: string): T {
  if (method === undefined) throw new ApiError(501, 'not_implemented', `This server's search backend does not provide ${name}`);
  return method;
}
