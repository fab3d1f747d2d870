/** Small text helpers shared by the extractor's modules. */

/** Collapses every run of whitespace (including no-break and zero-width spaces) into one space. */
export function normaliseSpace(text: string): string {
  return text
    .replace(/[\u200b-\u200d\ufeff]/g, '')
    .replace(/[\s\u00a0\u2007\u202f]+/g, ' ')
    .trim();
}

// eslint-disable-next-line no-control-regex -- the ASCII range includes control characters
const ASCII = /^[\u0000-\u007f]*$/;

/** Lowercase and without accents, for comparing names printed in different cases. */
export function foldCase(text: string): string {
  // Almost all text is ASCII: skip the (slow) Unicode normalisation then.
  if (ASCII.test(text)) return text.toLowerCase();
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}


export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `TANGERANG SELATAN` and `tangerang selatan` -> `Tangerang Selatan`. */
export function titleCase(text: string): string {
  return text.toLowerCase().replace(/(^|[\s(/-])(\p{L})/gu, (_, before: string, letter: string) => before + letter.toUpperCase());
}

/** Unique, in plain code-unit order (`BMKG` before `Badan ...`), the order the gold files and facets use. */
export function uniqueSorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}
