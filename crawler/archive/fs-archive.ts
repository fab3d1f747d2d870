/**
 * ArchiveStore on the local filesystem: gzipped WARC 1.1 files in one folder (`${ARSIP_DATA_DIR}/archive/`).
 * Node-only. Each process opens a new file on its first write, and a file is rotated once it passes
 * `maxFileBytes`, so a crawler killed mid-write can only leave a torn record at the end of its own file,
 * which readers skip.
 */
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { WARCParser } from 'warcio';
import { ArchiveReadError, type ArchivedResponse, type ArchiveStore, type HttpExchange, type WarcLocation } from './archive-store.ts';
import { parseResponseRecord, serializeExchangeWithDigests, serializeWarcInfo, toArchivedResponse } from './warc-records.ts';

export interface FsArchiveOptions {
  /** Folder of the WARC files, e.g. `data/archive`. */
  dir: string;
  /** Start a new file once the current one is this large. Default 100 MiB (WARC guidance is ~1 GB). */
  maxFileBytes?: number;
  /** Written into each file's warcinfo record. */
  software?: string;
}

const FILE_PATTERN = /^arsip-\d{14}-\d{5}-[a-z0-9]+\.warc\.gz$/;

export class FsArchiveStore implements ArchiveStore {
  readonly #dir: string;
  readonly #maxFileBytes: number;
  readonly #software: string;
  #current: { name: string; handle: FileHandle; size: number } | null = null;
  #sequence = 0;
  /** Appends run one at a time: offsets are only right if nothing else writes in between. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: FsArchiveOptions) {
    this.#dir = path.resolve(options.dir);
    this.#maxFileBytes = options.maxFileBytes ?? 100 * 1024 * 1024;
    if (!Number.isInteger(this.#maxFileBytes) || this.#maxFileBytes < 1) {
      throw new RangeError(`Expected \`maxFileBytes\` to be an integer from 1 and up, received ${String(options.maxFileBytes)}`);
    }
    this.#software = options.software ?? 'Arsip Banten crawler';
  }

  append(exchange: HttpExchange): Promise<WarcLocation> {
    const next = this.#queue.then(async () => {
      const { response, request } = await serializeExchangeWithDigests(exchange);
      const file = await this.#writableFile();
      const location: WarcLocation = { file: file.name, offset: file.size, length: response.length };
      const both = new Uint8Array(response.length + request.length);
      both.set(response);
      both.set(request, response.length);
      await file.handle.write(both, 0, both.length, file.size);
      file.size += both.length;
      return location;
    });
    this.#queue = next.catch(() => {});
    return next;
  }

  async read(location: WarcLocation): Promise<ArchivedResponse> {
    if (!FILE_PATTERN.test(location.file)) {
      throw new ArchiveReadError(`Expected an archive file name like arsip-<time>-<seq>-<id>.warc.gz, received "${location.file}"`);
    }
    let handle: FileHandle;
    try {
      handle = await open(path.join(this.#dir, location.file), 'r');
    } catch (error) {
      throw new ArchiveReadError(`Expected archive file ${location.file} in ${this.#dir}, received ${(error as Error).message}`, { cause: error });
    }
    try {
      const bytes = new Uint8Array(location.length);
      const { bytesRead } = await handle.read(bytes, 0, location.length, location.offset);
      if (bytesRead !== location.length) {
        throw new ArchiveReadError(`Expected ${location.length} bytes at offset ${location.offset} of ${location.file}, received ${bytesRead}`);
      }
      return await parseResponseRecord(bytes, location);
    } finally {
      await handle.close();
    }
  }

  async *responses(): AsyncIterable<ArchivedResponse> {
    let names: string[];
    try {
      names = (await readdir(this.#dir)).filter((name) => FILE_PATTERN.test(name)).sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const name of names) {
      const parser = new WARCParser(createReadStream(path.join(this.#dir, name)));
      for (;;) {
        let record;
        try {
          record = await parser.parse();
        } catch {
          break; // a torn record at the end of a file whose writer was killed
        }
        if (!record) break;
        const offset = parser.offset;
        let response: ArchivedResponse | null;
        try {
          response = await toArchivedResponse(record, { file: name, offset, length: 0 });
        } catch {
          break;
        }
        // The member's length is only known once the record has been read to its end.
        if (response) yield { ...response, location: { ...response.location, length: parser.recordLength } };
      }
    }
  }

  async close(): Promise<void> {
    await this.#queue;
    const current = this.#current;
    this.#current = null;
    await current?.handle.close();
  }

  async #writableFile(): Promise<{ name: string; handle: FileHandle; size: number }> {
    if (this.#current && this.#current.size < this.#maxFileBytes) return this.#current;
    await this.#current?.handle.close();
    await mkdir(this.#dir, { recursive: true });
    const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
    const name = `arsip-${stamp}-${String(this.#sequence++).padStart(5, '0')}-${Math.random().toString(36).slice(2, 8)}.warc.gz`;
    const handle = await open(path.join(this.#dir, name), 'wx');
    const info = await serializeWarcInfo(name, { software: this.#software, format: 'WARC File Format 1.1' });
    await handle.write(info, 0, info.length, 0);
    this.#current = { name, handle, size: info.length };
    return this.#current;
  }
}
