/**
 * Datelines at the start of the lead: `Cilegon, (Beritain.co.id) –`, `CILEGON, BANPOS –`, `SERANG, BX -`,
 * `TANGERANG SELATAN, KOMPAS.com –`, `SERANG –`. The place is the cheapest reliable city signal, and the
 * dateline is not part of the lead.
 */
import { escapeRegExp, foldCase, normaliseSpace } from './text.ts';

export interface Dateline {
  /** The place as printed (`Cilegon`, `TANGERANG SELATAN`), or null when the paragraph has no dateline. */
  place: string | null;
  /** The outlet name as printed in the dateline, if any. */
  outlet: string | null;
  /** The paragraph without the dateline (unchanged when there is none). */
  rest: string;
}

const DASH = '(?:-{1,2}|–|—|‒|―)';
// One to four words of letters (a place name), e.g. `Tangerang Selatan`, `Kab. Serang`.
const PLACE = "(\\p{Lu}[\\p{L}'’.]*(?:\\s+\\p{L}[\\p{L}'’.]*){0,3})";
// An outlet as datelines print it: a domain (`KOMPAS.com`, `Beritain.co.id`) or a short all-caps name (`BANPOS`, `BX`).
const GENERIC_OUTLET = '(?:[\\p{L}\\d-]+(?:\\.[\\p{L}]{2,})+|\\p{Lu}[\\p{Lu}\\d]{1,14}(?:\\s+\\p{Lu}[\\p{Lu}\\d]{1,14})?)';

/**
 * Splits a dateline off the first paragraph.
 *
 * @param datelineNames names the outlet prints in its datelines (`Beritain.co.id`, `BANPOS`); any domain
 *   or short all-caps outlet name is accepted too, so that syndicated stories are read as well.
 * @example extractDateline('CILEGON, BANPOS – Pemkot ...', ['BANPOS']) // { place: 'CILEGON', outlet: 'BANPOS', rest: 'Pemkot ...' }
 */
export function extractDateline(firstParagraph: string, datelineNames: string[]): Dateline {
  const text = normaliseSpace(firstParagraph);
  const { patterns, onlyOutletRe } = datelinePatterns(datelineNames);
  for (const [index, re] of patterns.entries()) {
    const m = re.exec(text);
    if (!m) continue;
    const [place, name] = index === 2 ? [m[2]!, m[1]!] : [m[1]!, m[2]!];
    if (!isPlausiblePlace(place)) continue;
    return { place: cleanPlace(place), outlet: name, rest: text.slice(m[0].length) };
  }
  // `BANPOS –`, `Beritain.co.id –`: an outlet without a place.
  if (onlyOutletRe) {
    const onlyOutlet = onlyOutletRe.exec(text);
    if (onlyOutlet) return { place: null, outlet: onlyOutlet[1]!, rest: text.slice(onlyOutlet[0].length) };
  }
  // `SERANG –` and `Serang -`: only a place, so be strict about what counts as one.
  const bare = BARE_RE.exec(text);
  if (bare && isPlausiblePlace(bare[1]!) && isBarePlace(bare[1]!)) {
    return { place: cleanPlace(bare[1]!), outlet: null, rest: text.slice(bare[0].length) };
  }
  return { place: null, outlet: null, rest: text };
}

const BARE_RE = new RegExp(`^${PLACE}\\s+${DASH}\\s+`, 'u');

interface DatelinePatterns {
  names: string[];
  patterns: RegExp[];
  onlyOutletRe: RegExp | null;
}

// Unicode-aware patterns are costly to compile: one set per outlet, built once.
const patternCache = new Map<string, DatelinePatterns>();

function datelinePatterns(datelineNames: string[]): DatelinePatterns {
  const key = datelineNames.join('\u0000');
  const cached = patternCache.get(key);
  if (cached) return cached;
  const names = datelineNames
    .filter((n) => n.trim() !== '')
    .sort((a, b) => b.length - a.length)
    .map((n) => escapeRegExp(n.trim()));
  const outlet = `(${[...names, GENERIC_OUTLET].join('|')})`;
  const built: DatelinePatterns = {
    names,
    patterns: [
      // `Cilegon, (Beritain.co.id) –` and `SERANG (BX) -`
      new RegExp(`^${PLACE}\\s*,?\\s*\\(\\s*${outlet}\\s*\\)\\s*${DASH}\\s*`, 'iu'),
      // `CILEGON, BANPOS –`, `TANGERANG SELATAN, KOMPAS.com –`
      new RegExp(`^${PLACE}\\s*,\\s*${outlet}\\s*${DASH}\\s*`, 'u'),
      // `BANPOS, CILEGON –` (outlet first)
      new RegExp(`^${outlet}\\s*,\\s*${PLACE}\\s*${DASH}\\s*`, 'u'),
    ],
    // `BANPOS –`, `Beritain.co.id –`: an outlet without a place; the outlet's own name may be glued to the
    // text (`TANGERANGNEWS.com-Banjir ...`).
    onlyOutletRe: names.length > 0 ? new RegExp(`^\\(?(${names.join('|')})\\)?\\s*${DASH}\\s*(?=\\S)`, 'iu') : null,
  };
  if (patternCache.size > 200) patternCache.clear();
  patternCache.set(key, built);
  return built;
}

const NOT_PLACES = new Set(['kali', 'ini', 'sementara', 'namun', 'menurut', 'adapun', 'selain', 'dalam', 'foto', 'ilustrasi']);

function isPlausiblePlace(place: string): boolean {
  const words = place.trim().split(/\s+/);
  if (words.length > 4) return false;
  return !words.some((w) => NOT_PLACES.has(foldCase(w)));
}

/** Without an outlet name, only an all-caps place or one or two capitalised words count. */
function isBarePlace(place: string): boolean {
  const words = place.trim().split(/\s+/);
  if (place === place.toUpperCase()) return words.length <= 4;
  return words.length <= 2 && words.every((w) => /^\p{Lu}/u.test(w));
}

function cleanPlace(place: string): string {
  return place.trim().replace(/[.,]+$/, '');
}
