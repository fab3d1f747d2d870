/**
 * Near-duplicate detection: a 64-bit SimHash over word 3-shingles of the body. The same story filed in two
 * categories under two URLs, or syndicated by another outlet with a new dateline and byline, differs in a few
 * shingles only, so its fingerprint differs in a few bits; unrelated stories differ in about half of them.
 */

/** Fingerprints this close (differing bits out of 64) are taken for the same story. */
export const NEAR_DUPLICATE_MAX_DISTANCE = 8;
const SHINGLE_WORDS = 3;

/** The SimHash of `text` as 16 hex digits; texts too short for one shingle hash their words alone. */
export function simhash(text: string): string {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const shingles: string[] = [];
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) shingles.push(words.slice(i, i + SHINGLE_WORDS).join(' '));
  if (shingles.length === 0) shingles.push(...words);
  const weights = new Int32Array(64);
  for (const shingle of shingles) {
    // Two independent 32-bit hashes make one 64-bit feature without BigInt.
    const halves = [fnv1a(shingle, 0x811c9dc5), fnv1a(shingle, 0x01000193 ^ 0x5bd1e995)];
    for (let half = 0; half < 2; half++) {
      const h = halves[half]!;
      for (let bit = 0; bit < 32; bit++) weights[half * 32 + bit]! += (h >>> bit) & 1 ? 1 : -1;
    }
  }
  let high = 0;
  let low = 0;
  for (let bit = 0; bit < 32; bit++) {
    if (weights[bit]! > 0) high |= 1 << bit;
    if (weights[32 + bit]! > 0) low |= 1 << bit;
  }
  return hex32(high) + hex32(low);
}

/** Differing bits between two fingerprints from {@link simhash}. */
export function hammingDistance(a: string, b: string): number {
  if (!/^[0-9a-f]{16}$/.test(a) || !/^[0-9a-f]{16}$/.test(b)) {
    throw new TypeError(`Expected two 16-hex-digit SimHash fingerprints, received "${a}" and "${b}"`);
  }
  return popcount(parseInt(a.slice(0, 8), 16) ^ parseInt(b.slice(0, 8), 16)) + popcount(parseInt(a.slice(8), 16) ^ parseInt(b.slice(8), 16));
}

/** Fingerprints of documents already known; answers which one a new text is a near duplicate of. */
export class NearDuplicateFinder {
  readonly #entries: Array<{ documentId: string; fingerprint: string }> = [];
  readonly #maxDistance: number;

  constructor(maxDistance = NEAR_DUPLICATE_MAX_DISTANCE) {
    this.#maxDistance = maxDistance;
  }

  add(documentId: string, fingerprint: string): void {
    if (!this.#entries.some((entry) => entry.documentId === documentId)) this.#entries.push({ documentId, fingerprint });
  }

  /** The earliest added document within the distance, other than `documentId` itself, or null. */
  find(fingerprint: string, documentId: string): string | null {
    for (const entry of this.#entries) {
      if (entry.documentId !== documentId && hammingDistance(entry.fingerprint, fingerprint) <= this.#maxDistance) return entry.documentId;
    }
    return null;
  }
}

function fnv1a(text: string, seed: number): number {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  // FNV's low bits mix poorly for short inputs; a final avalanche (from murmur3) spreads them.
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b) >>> 0;
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35) >>> 0;
  hash ^= hash >>> 16;
  return hash >>> 0;
}

function popcount(value: number): number {
  let v = value >>> 0;
  let count = 0;
  while (v) {
    v &= v - 1;
    count++;
  }
  return count;
}

const hex32 = (value: number) => (value >>> 0).toString(16).padStart(8, '0');
