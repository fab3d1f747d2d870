/**
 * `GET /articles/:id/archived`: the page as the crawler archived it (WARC), even after the outlet deleted it.
 * Served sanitised: scripts, frames, plug-ins, event handlers and `javascript:` URLs are removed, and a strict
 * Content-Security-Policy (scripts off, sandboxed) backs that up in the browser.
 */
import { load } from 'cheerio/slim';
import type { Element } from 'domhandler';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { ArchiveStore } from '../../crawler/archive/archive-store.ts';
import { decodeBody } from '../../crawler/decode-body.ts';
import { ApiError } from '../api-error.ts';
import type { AppEnv } from '../app.ts';

export interface ArchiveDeps {
  read: ArchiveStore['read'];
}

const ID_PATTERN = /^[A-Za-z0-9_-]{1,511}$/;
const REMOVED_ELEMENTS = 'script, noscript, iframe, frame, frameset, object, embed, applet, base, portal, template, meta[http-equiv]';
const URL_ATTRIBUTES = ['href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'data', 'background', 'srcset'];

export function registerArchivedRoutes(app: OpenAPIHono<AppEnv>): void {
  app.get('/articles/:id/archived', async (c) => {
    const id = c.req.param('id');
    if (!ID_PATTERN.test(id)) {
      throw new ApiError(400, 'invalid_parameter', 'Invalid request: id: expected an article id of A-Z a-z 0-9 - _ (at most 511 characters)', [
        { param: 'id', message: 'expected an article id of A-Z a-z 0-9 - _ (at most 511 characters)' },
      ]);
    }
    const archive = c.var.deps.archive;
    if (!archive) throw new ApiError(404, 'not_found', 'This server keeps no archive');
    const article = await c.var.deps.search.getArticle(id);
    if (!article) throw new ApiError(404, 'not_found', `No article with id "${id}"`);
    const location = (article as { warc?: unknown }).warc;
    if (!isLocation(location)) throw new ApiError(404, 'not_archived', `Article "${id}" has no archived copy (crawled before the archive existed)`);
    const response = await archive.read(location);
    const html = decodeBody(response.body, response.headers.get('content-type')).text;
    const goneAt = (article as { goneAt?: unknown }).goneAt;
    const page = sanitiseArchivedPage(html, {
      url: response.url,
      fetchedAt: response.fetchedAt,
      goneAt: typeof goneAt === 'number' ? new Date(goneAt * 1000) : null,
    });
    return c.body(page, 200, {
      'Content-Type': 'text/html; charset=utf-8',
      // No script of any origin; the sandbox keeps even a missed handler from running or navigating the top page.
      'Content-Security-Policy': "default-src 'none'; img-src * data:; style-src * 'unsafe-inline'; font-src * data:; sandbox",
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'public, max-age=3600',
    });
  });
}

/** The archived HTML without anything that runs, with a banner saying what it is. */
export function sanitiseArchivedPage(html: string, meta: { url: string; fetchedAt: Date; goneAt: Date | null }): string {
  const $ = load(html);
  $(REMOVED_ELEMENTS).remove();
  $('*').each((_, node) => {
    const element = node as Element;
    for (const name of Object.keys(element.attribs)) {
      const value = element.attribs[name] ?? '';
      const lower = name.toLowerCase();
      const scriptUrl = URL_ATTRIBUTES.includes(lower) && /^\s*(javascript|vbscript|data:text\/html)/i.test(value.replace(/\p{Cc}/gu, ''));
      if (lower.startsWith('on') || lower === 'srcdoc' || scriptUrl) $(element).removeAttr(name);
    }
  });
  $('link').each((_, element) => {
    const rel = ($(element).attr('rel') ?? '').toLowerCase();
    if (rel !== 'stylesheet' && rel !== 'icon') $(element).remove();
  });
  // Relative images and styles resolve against the page's own address, as they did when it was fetched.
  $('head').prepend(`<base href="${escapeAttribute(meta.url)}">`);
  const gone = meta.goneAt ? ` The outlet removed it on ${meta.goneAt.toISOString().slice(0, 10)}.` : '';
  $('body').prepend(
    `<div style="background:#fff3cd;color:#000;padding:8px;font:14px sans-serif;border-bottom:1px solid #c9a227">` +
      `Archived copy of <a href="${escapeAttribute(meta.url)}">${escapeText(meta.url)}</a>, fetched ${escapeText(meta.fetchedAt.toISOString())} ` +
      `by Arsip Banten.${escapeText(gone)}</div>`,
  );
  return $.html();
}

function isLocation(value: unknown): value is { file: string; offset: number; length: number } {
  const v = value as { file?: unknown; offset?: unknown; length?: unknown } | null;
  return typeof v === 'object' && v !== null && typeof v.file === 'string' && Number.isInteger(v.offset) && Number.isInteger(v.length);
}

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (text: string) => escapeText(text).replace(/"/g, '&quot;');
