/**
 * Admin routes: start a crawl, list recent runs with per-source counts and errors. They need
 * `Authorization: Bearer <ARSIP_ADMIN_TOKEN>`; without a configured token they do not exist (404), so a
 * deployment that never set one exposes nothing.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { CrawlRunRecord } from '../../crawler/state/crawl-state.ts';
import { ApiError } from '../api-error.ts';
import type { AppEnv } from '../app.ts';

export type StartCrawlResult = { started: true; runId: string } | { started: false; runId: string | null; reason: string };

export interface AdminDeps {
  /** The bearer token (≥ 16 characters); null disables the routes. */
  token: string | null;
  /** Starts a crawl in the background unless one is running (runs never overlap). */
  startCrawl(): StartCrawlResult | Promise<StartCrawlResult>;
  /** Newest first. */
  recentRuns(limit: number): Promise<CrawlRunRecord[]>;
}

const MAX_RUNS = 100;

export function registerAdminRoutes(app: OpenAPIHono<AppEnv>): void {
  app.use('/admin/*', requireAdminToken());

  app.post('/admin/crawls', async (c) => {
    const result = await adminOf(c).startCrawl();
    if (!result.started) {
      throw new ApiError(409, 'crawl_running', `Expected no crawl to be running, but run ${result.runId ?? '(starting)'} is: ${result.reason}`);
    }
    return c.json({ runId: result.runId, status: 'running' }, 202);
  });

  app.get('/admin/crawls', async (c) => {
    const raw = c.req.query('limit') ?? '20';
    const limit = Number(raw);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_RUNS) {
      throw new ApiError(400, 'invalid_parameter', `Invalid request: limit: expected an integer from 1 to ${MAX_RUNS}, received "${raw}"`, [
        { param: 'limit', message: `expected an integer from 1 to ${MAX_RUNS}` },
      ]);
    }
    c.header('Cache-Control', 'no-store');
    return c.json({ runs: await adminOf(c).recentRuns(limit) }, 200);
  });
}

function adminOf(c: Context<AppEnv>): AdminDeps {
  return c.var.deps.admin!;
}

function requireAdminToken(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const admin = c.var.deps.admin;
    if (!admin?.token) throw new ApiError(404, 'not_found', `No route for ${c.req.method} ${new URL(c.req.url).pathname}`);
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) {
      throw new ApiError(401, 'unauthorized', 'Expected an Authorization: Bearer <token> header, received none or another scheme', undefined, {
        'WWW-Authenticate': 'Bearer realm="arsip-admin"',
      });
    }
    if (!(await constantTimeEquals(match[1]!, admin.token))) {
      throw new ApiError(403, 'forbidden', 'The bearer token is not the admin token');
    }
    await next();
  };
}

/**
 * Compares digests, not the strings: equal-length inputs whatever the token lengths, and a loop that always
 * runs to the end, so the answer time says nothing about how much of the token was right.
 */
async function constantTimeEquals(given: string, expected: string): Promise<boolean> {
  const encoder = new TextEncoder();
  const [a, b] = await Promise.all([
    crypto.subtle.digest('SHA-256', encoder.encode(given)),
    crypto.subtle.digest('SHA-256', encoder.encode(expected)),
  ]);
  const left = new Uint8Array(a);
  const right = new Uint8Array(b);
  let difference = 0;
  for (let i = 0; i < left.length; i++) difference |= left[i]! ^ right[i]!;
  return difference === 0;
}
