/**
 * ArchiveStore on Cloudflare R2: one object per fetched page, holding its WARC 1.1 `response` record and the
 * matching `request` record, each its own gzip member (the same record layout as `fs-archive.ts`, so the
 * objects concatenated are a valid .warc.gz for pywb or ReplayWeb.page). Runtime-neutral: it needs only an
 * object shaped like the R2 binding.
 *
 * Why one object per page and not appended files: R2 objects cannot be appended to, and one object per page
 * makes a write idempotent. The key derives from the URL and the body's hash, so a queue message retried after
 * its page was archived overwrites the same object with the same page instead of adding a second copy (no
 * `head` first: that would cost one more subrequest per page for nothing).
 *
 * The records are `warc-records.ts`'s, with their digests computed by crypto.subtle (warcio's own hashing
 * compiles WebAssembly, which workerd forbids), as for the file archive.
 */
import { sha256Hex } from '../../src/article.ts';
import { ArchiveReadError, type ArchivedResponse, type ArchiveStore, type HttpExchange, type WarcLocation } from './archive-store.ts';
import { parseResponseRecord, serializeExchangeWithDigests } from './warc-records.ts';

export { serializeExchangeWithDigests };

/** The parts of the R2 binding this backend uses. */
export interface R2BucketLike {
  get(key: string, options?: { range?: { offset: number; length: number } }): Promise<R2ObjectBodyLike | null>;
  put(key: string, value: Uint8Array, options?: { httpMetadata?: { contentType?: string }; customMetadata?: Record<string, string> }): Promise<unknown>;
  list(options?: { prefix?: string; cursor?: string; limit?: number; include?: Array<'customMetadata'> }): Promise<{
    objects: R2ObjectLike[];
    truncated: boolean;
    cursor?: string;
  }>;
}

export interface R2ObjectLike {
  key: string;
  size: number;
  customMetadata?: Record<string, string>;
}

export interface R2ObjectBodyLike extends R2ObjectLike {
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface R2ArchiveOptions {
  /** Key prefix of the archive objects. Default `warc/`. */
  prefix?: string;
  /** Called once per R2 operation: Workers count them as subrequests. */
  onOperation?: () => void;
}

const RESPONSE_LENGTH = 'response-length';

export class R2ArchiveStore implements ArchiveStore {
  readonly #bucket: R2BucketLike;
  readonly #prefix: string;
  readonly #onOperation: () => void;

  constructor(bucket: R2BucketLike, options: R2ArchiveOptions = {}) {
    this.#bucket = bucket;
    this.#prefix = options.prefix ?? 'warc/';
    this.#onOperation = options.onOperation ?? (() => {});
  }

  async append(exchange: HttpExchange): Promise<WarcLocation> {
    const key = await this.keyFor(exchange);
    const { response, request } = await serializeExchangeWithDigests(exchange);
    const both = new Uint8Array(response.length + request.length);
    both.set(response);
    both.set(request, response.length);
    this.#onOperation();
    await this.#bucket.put(key, both, {
      httpMetadata: { contentType: 'application/warc' },
      customMetadata: { [RESPONSE_LENGTH]: String(response.length), url: exchange.url },
    });
    return { file: key, offset: 0, length: response.length };
  }

  async read(location: WarcLocation): Promise<ArchivedResponse> {
    if (!location.file.startsWith(this.#prefix)) {
      throw new ArchiveReadError(`Expected an archive object key starting with "${this.#prefix}", received "${location.file}"`);
    }
    this.#onOperation();
    const object = await this.#bucket.get(location.file, { range: { offset: location.offset, length: location.length } });
    if (!object) throw new ArchiveReadError(`Expected archive object ${location.file} in the bucket, received none`);
    const bytes = new Uint8Array(await object.arrayBuffer());
    if (bytes.length !== location.length) {
      throw new ArchiveReadError(`Expected ${location.length} bytes at offset ${location.offset} of ${location.file}, received ${bytes.length}`);
    }
    return parseResponseRecord(bytes, location);
  }

  /** Every archived response, in key order (host, then hash): R2 lists keys sorted. */
  async *responses(): AsyncIterable<ArchivedResponse> {
    let cursor: string | undefined;
    do {
      this.#onOperation();
      const page = await this.#bucket.list({ prefix: this.#prefix, include: ['customMetadata'], ...(cursor ? { cursor } : {}) });
      for (const object of page.objects) {
        const length = Number(object.customMetadata?.[RESPONSE_LENGTH]);
        if (!Number.isInteger(length) || length <= 0) continue; // not written by this store
        try {
          yield await this.read({ file: object.key, offset: 0, length });
        } catch (error) {
          if (!(error instanceof ArchiveReadError)) throw error;
        }
      }
      cursor = page.truncated ? page.cursor : undefined;
    } while (cursor);
  }

  async close(): Promise<void> {}

  /** `warc/<host>/<first 32 hex of the body hash>-<first 16 hex of the URL hash>.warc.gz`. */
  async keyFor(exchange: Pick<HttpExchange, 'url' | 'body'>): Promise<string> {
    const host = new URL(exchange.url).host.replace(/[^A-Za-z0-9.-]/g, '_');
    const [bodyHash, urlHash] = await Promise.all([sha256Hex(exchange.body), sha256Hex(exchange.url)]);
    return `${this.#prefix}${host}/${bodyHash.slice(0, 32)}-${urlHash.slice(0, 16)}.warc.gz`;
  }
}
