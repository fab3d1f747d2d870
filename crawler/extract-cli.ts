/**
 * `npm run extract`: prints one page's document as JSON, exactly as the crawler would index it. For the
 * people who maintain an outlet's rules. Node-only (reads files, writes to stdout).
 *
 *   npm run extract -- https://www.bantennews.co.id/some-article/          # fetch live (polite fetcher)
 *   npm run extract -- --file page.html --url https://beritain.co.id/...    # a saved copy and its address
 *   options: --source <id> (default: the source whose origin matches the URL), --fetched-at <ISO date>
 */
import { decodeBody } from './decode-body.ts';
import { extractArticle } from './extract/index.ts';
import { CONFIG_VARIABLES } from '../src/config.ts';
import { createFetcher } from './fetch-page.ts';
import { SOURCES } from './sources/index.ts';
import type { SourceDefinition } from './sources/types.ts';

const USAGE = 'usage: npm run extract -- <url> | --file <page.html> --url <url> [--source <id>] [--fetched-at <ISO date>]';

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

/** The registered source for a URL, or an ad-hoc one for an outlet the registry does not know yet. */
export function sourceForUrl(url: string, id?: string): SourceDefinition {
  if (id) {
    const named = SOURCES.find((s) => s.id === id);
    if (!named) throw new Error(`Unknown source "${id}"; expected one of: ${SOURCES.map((s) => s.id).join(', ')}`);
    return named;
  }
  const host = new URL(url).hostname.replace(/^www\./, '');
  const known = SOURCES.find((s) => new URL(s.origin).hostname.replace(/^www\./, '') === host);
  if (known) return known;
  return { id: host, name: host, origin: new URL(url).origin, homeCity: null, sitemaps: [], feeds: [], listings: [], articlePathPattern: /.*/, datelineNames: [] };
}

async function main(args: string[]): Promise<number> {
  const file = option(args, '--file');
  const url = file ? option(args, '--url') : args.find((a) => /^https?:\/\//.test(a));
  if (!url) {
    console.error(USAGE);
    return 2;
  }
  const source = sourceForUrl(url, option(args, '--source'));
  const fetchedAtText = option(args, '--fetched-at');
  let fetchedAt = fetchedAtText ? new Date(fetchedAtText) : new Date();
  if (Number.isNaN(fetchedAt.getTime())) throw new Error(`expected --fetched-at to be an ISO date, received "${fetchedAtText}"`);
  let html: string;
  if (file) {
    // A saved page is read as a browser would: BOM, then <meta charset>, else UTF-8.
    // Loaded here only: this command is Node-only, the rest of crawler/ is runtime-neutral.
    const { readFile } = await import('node:fs/promises');
    html = decodeBody(new Uint8Array(await readFile(file)), null).text;
  } else {
    // The crawler's own fetcher: same User-Agent, timeouts, size cap, redirects and charset handling.
    const fetcher = createFetcher({ userAgent: process.env.ARSIP_USER_AGENT || CONFIG_VARIABLES.ARSIP_USER_AGENT });
    const page = await fetcher.fetchPage(url);
    if (page.status !== 200) throw new Error(`expected HTTP 200 from ${url}, received ${page.status}`);
    html = page.text;
    fetchedAt = fetchedAtText ? fetchedAt : page.fetchedAt;
  }
  const result = await extractArticle({ html, url, source, fetchedAt });
  if (!result.ok) {
    console.error(result.reason);
    return 1;
  }
  console.log(JSON.stringify(result.article, null, 2));
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
