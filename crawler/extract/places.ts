/**
 * Kabupaten/kota named in an article, as official names (`Kota Cilegon`), from the idn-area-data gazetteer.
 *
 * Ambiguities handled: `Serang` / `Tangerang` / `Bandung` are both a kota and a kabupaten (bare = the kota
 * unless the text makes it the kabupaten); `Tangsel`; `Lebak` the regency vs `Lebak Denok` the kelurahan.
 */
import { BANTEN_DISTRICTS, BANTEN_VILLAGES, PROVINCES, REGENCIES } from './gazetteer-data.ts';
import { escapeRegExp, foldCase, normaliseSpace, uniqueSorted } from './text.ts';

const BANTEN_CODE = '36';

/** Names printed instead of the official one. */
const ALIASES: Record<string, string> = {
  tangsel: 'Kota Tangerang Selatan',
  'tangerang selatan': 'Kota Tangerang Selatan',
  'kota tangsel': 'Kota Tangerang Selatan',
  'serang kota': 'Kota Serang',
  'tangerang kota': 'Kota Tangerang',
  jakarta: '',
};

/**
 * Outside Banten only these big places are recognised without a `Kota`/`Kabupaten` prefix: most regency
 * names are also ordinary words or people's names (`Batu`, `Malang`, `Agam`, `Bone`).
 */
const BARE_NAMES_OUTSIDE_BANTEN = [
  'Bandung', 'Bogor', 'Bekasi', 'Depok', 'Sukabumi', 'Cirebon', 'Tasikmalaya', 'Karawang', 'Purwakarta', 'Cianjur',
  'Garut', 'Subang', 'Indramayu', 'Surabaya', 'Semarang', 'Yogyakarta', 'Medan', 'Makassar', 'Palembang',
  'Bandar Lampung', 'Denpasar', 'Surakarta', 'Batam', 'Pekanbaru', 'Balikpapan', 'Samarinda', 'Pontianak',
  'Jakarta Pusat', 'Jakarta Utara', 'Jakarta Barat', 'Jakarta Selatan', 'Jakarta Timur',
];

/** Kecamatan names that do not point to one Banten regency (shared, or equal to a regency name). */
const AMBIGUOUS_DISTRICTS = new Set(['cibeber', 'curug', 'sobang', 'serang', 'tangerang', 'cilegon', 'pandeglang', 'bandung', 'lebak']);

interface Gazetteer {
  /** folded official name (`kota cilegon`) -> official name */
  regencyByName: Map<string, string>;
  /** folded short name (`cilegon`) -> official names (a kota and a kabupaten may share it) */
  regenciesByShort: Map<string, string[]>;
  /** official name -> province code */
  provinceOf: Map<string, string>;
  /** folded Banten kecamatan name -> official regency name (only unambiguous kecamatan) */
  districtRegency: Map<string, string>;
  /** folded Banten kecamatan and desa/kelurahan names, spaces removed (`lebakdenok`) */
  localAreas: Set<string>;
  /** folded words of regency, Banten kecamatan and province names */
  placeWords: Set<string>;
  /** Folded short names that count after `Kota`/`Kabupaten`/`Kab.` (every regency in Indonesia), whitespace collapsed. */
  prefixedShorts: Set<string>;
  /** Folded names that count on their own: Banten's, the big cities elsewhere, `Tangsel`. */
  bareShorts: Set<string>;
  /** Most words in any of those names. */
  maxNameWords: number;
}

let cached: Gazetteer | null = null;

function gazetteer(): Gazetteer {
  if (cached) return cached;
  const regencyByName = new Map<string, string>();
  const regenciesByShort = new Map<string, string[]>();
  const provinceOf = new Map<string, string>();
  const nameByCode = new Map<string, string>();
  for (const [code, name] of REGENCIES) {
    regencyByName.set(foldCase(name), name);
    provinceOf.set(name, code.slice(0, 2));
    nameByCode.set(code, name);
    const short = shortName(name);
    regenciesByShort.set(foldCase(short), [...(regenciesByShort.get(foldCase(short)) ?? []), name]);
    // `Kota Administrasi Jakarta Pusat` is printed `Kota Jakarta Pusat`.
    if (/ Administrasi /.test(name)) regencyByName.set(foldCase(name.replace(' Administrasi', '')), name);
  }
  const districtCount = new Map<string, number>();
  for (const [, name] of BANTEN_DISTRICTS) districtCount.set(foldCase(name), (districtCount.get(foldCase(name)) ?? 0) + 1);
  const districtRegency = new Map<string, string>();
  const localAreas = new Set<string>();
  for (const [code, name] of BANTEN_DISTRICTS) {
    const folded = foldCase(name);
    localAreas.add(folded.replace(/\s+/g, ''));
    if (districtCount.get(folded) === 1 && !AMBIGUOUS_DISTRICTS.has(folded)) districtRegency.set(folded, nameByCode.get(code.slice(0, 5))!);
  }
  for (const [, name] of BANTEN_VILLAGES) localAreas.add(foldCase(name).replace(/\s+/g, ''));

  const shorts = REGENCIES.map(([, name]) => shortName(name));
  const bantenShorts = REGENCIES.filter(([code]) => code.startsWith(`${BANTEN_CODE}.`)).map(([, name]) => shortName(name));
  // Sets, not one alternation of 500 names: V8 drops compiled regexp code at major GCs, and recompiling a
  // regexp that size costs tens of milliseconds each time.
  const prefixedShorts = new Set(shorts.map(foldSpan));
  const bareShorts = new Set([...bantenShorts, ...BARE_NAMES_OUTSIDE_BANTEN, 'Tangsel'].map(foldSpan));
  const maxNameWords = Math.max(...[...prefixedShorts, ...bareShorts].map((n) => n.split(/[^\p{L}\p{N}]+/u).length));
  const placeWords = new Set<string>(['kota', 'kabupaten', 'metro', 'jaya', 'raya']);
  const addWords = (name: string): void => {
    for (const word of foldCase(name).split(/\s+/)) placeWords.add(word);
  };
  for (const short of shorts) addWords(short);
  for (const [, name] of BANTEN_DISTRICTS) addWords(name);
  for (const [, name] of PROVINCES) addWords(name);
  cached = { regencyByName, regenciesByShort, provinceOf, districtRegency, localAreas, placeWords, prefixedShorts, bareShorts, maxNameWords };
  return cached;
}

function shortName(official: string): string {
  return official.replace(/^(?:Kota|Kabupaten)(?: Administrasi)? /, '');
}

/** A printed span folded for lookup: lowercase, accents off, whitespace runs as one space. */
function foldSpan(text: string): string {
  return foldCase(text).replace(/\s+/g, ' ');
}

const WORD_RE = /[\p{L}\p{N}]+/gu;
const PREFIX_WORDS = new Set(['kota', 'kabupaten', 'kab']);

interface RawMention {
  printed: string;
  index: number;
}

/**
 * Regency names in reading order, longest first at each word: `Kota`/`Kabupaten`/`Kab.` + any regency's
 * short name, or a bare name from the short list. Matching is case-insensitive, as printed text varies.
 */
function scanMentions(text: string, g: Gazetteer): RawMention[] {
  const words = [...text.matchAll(WORD_RE)];
  const found: RawMention[] = [];
  const spanEnd = (k: number): number => words[k]!.index + words[k]![0].length;
  const longest = (from: number, names: Set<string>): number => {
    for (let n = Math.min(g.maxNameWords, words.length - from); n >= 1; n--) {
      const last = from + n - 1;
      if (names.has(foldSpan(text.slice(words[from]!.index, spanEnd(last))))) return last;
    }
    return -1;
  };
  for (let i = 0; i < words.length; i++) {
    const start = words[i]!.index;
    const first = foldCase(words[i]![0]);
    if (PREFIX_WORDS.has(first) && i + 1 < words.length) {
      let j = i + 1;
      const gap = text.slice(spanEnd(i), words[j]!.index);
      if (first === 'kab' ? /^\.?\s+$/.test(gap) : /^\s+$/.test(gap)) {
        if (foldCase(words[j]![0]) === 'administrasi' && j + 1 < words.length && /^\s+$/.test(text.slice(spanEnd(j), words[j + 1]!.index))) j++;
        const last = longest(j, g.prefixedShorts);
        if (last >= 0) {
          found.push({ printed: text.slice(start, spanEnd(last)), index: start });
          i = last;
          continue;
        }
      }
    }
    const last = longest(i, g.bareShorts);
    if (last >= 0) {
      found.push({ printed: text.slice(start, spanEnd(last)), index: start });
      i = last;
    }
  }
  return found;
}

/** Whether an official kabupaten/kota name is in Banten. */
export function isInBanten(official: string): boolean {
  return gazetteer().provinceOf.get(official) === BANTEN_CODE;
}

/**
 * Maps a printed place (a dateline, `Kab. Serang`, `TANGSEL`, a Banten kecamatan such as `Ciruas`) to the
 * official kabupaten/kota name; null when it is not one.
 *
 * @param context the article text, which decides whether a bare `Serang` is the kota or the kabupaten.
 */
export function resolvePlaceName(printed: string, context = ''): string | null {
  return resolveRegencyName(printed, context) ?? gazetteer().districtRegency.get(foldPlace(printed)) ?? null;
}

/** Like {@link resolvePlaceName}, but only kabupaten/kota names and their aliases (no kecamatan). */
export function resolveRegencyName(printed: string, context = ''): string | null {
  const g = gazetteer();
  const folded = foldPlace(printed);
  if (Object.hasOwn(ALIASES, folded)) return ALIASES[folded] || null;
  const direct = g.regencyByName.get(folded);
  if (direct) return direct;
  const candidates = g.regenciesByShort.get(folded);
  if (candidates && candidates.length > 0) return chooseAmong(candidates, context);
  return null;
}

/** `Tangsel` -> `Tangerang Selatan`: the official short name behind a printed alias, else null. */
export function expandPlaceAlias(printed: string): string | null {
  const folded = foldPlace(printed);
  if (!Object.hasOwn(ALIASES, folded) || !ALIASES[folded]) return null;
  return shortName(ALIASES[folded]);
}

function foldPlace(printed: string): string {
  return foldCase(normaliseSpace(printed))
    .replace(/^kab\.?\s+/, 'kabupaten ')
    .replace(/[.,]+$/, '')
    .replace(/\s+/g, ' ');
}

/**
 * Whether a single word can be part of a place name (`Cilegon`, `Serang`, `Metro`, `Jaya`, `Ciruas`):
 * police units are named after places (`Polres Serang Kota`, `Polda Metro Jaya`, `Polsek Ciruas`).
 */
export function isPlaceWord(word: string): boolean {
  const g = gazetteer();
  return g.placeWords.has(foldCase(word));
}

// The same article text is asked about many times in a row (every bare `Serang` in it): remember the
// answers for the last text only.
let memoContext = '';
const memo = new Map<string, string>();

/** Picks the kota or the kabupaten for a bare shared name, from what the article says. */
function chooseAmong(candidates: string[], context: string): string {
  if (candidates.length === 1) return candidates[0]!;
  if (context !== memoContext) {
    memoContext = context;
    memo.clear();
  }
  const key = candidates.join('|');
  const known = memo.get(key);
  if (known) return known;
  const chosen = chooseAmongUncached(candidates, context);
  memo.set(key, chosen);
  return chosen;
}

function chooseAmongUncached(candidates: string[], context: string): string {
  const kota = candidates.find((c) => c.startsWith('Kota')) ?? candidates[0]!;
  const kabupaten = candidates.find((c) => c.startsWith('Kabupaten'));
  if (!kabupaten || !context) return kota;
  const short = escapeRegExp(shortName(kota)).replace(/ /g, '\\s+');
  const after = `\\s+${short}(?![\\p{L}])(?!\\s+(?:Selatan|Barat|Utara|Timur))`;
  const kabRe = new RegExp(`(?<![\\p{L}])(?:kabupaten|kab\\.?|pemkab|bupati)${after}`, 'iu');
  const kotaRe = new RegExp(`(?<![\\p{L}])(?:kota|pemkot|walikota)${after}`, 'iu');
  const kab = kabRe.exec(context);
  const kot = kotaRe.exec(context);
  if (kab && !kot) return kabupaten;
  if (kot && !kab) return kota;
  if (kab && kot) return kab.index < kot.index ? kabupaten : kota;
  // Nothing explicit: a kecamatan of one of them settles it (`Ciruas` is in Kabupaten Serang).
  const hinted = districtHint(context);
  if (hinted === kabupaten || hinted === kota) return hinted;
  return kota;
}

function districtHint(context: string): string | null {
  const g = gazetteer();
  for (const m of context.matchAll(/(?<![\p{L}])(\p{Lu}[\p{L}]+)(?=(\s+\p{Lu}[\p{L}]+)?)/gu)) {
    // Two-word kecamatan first (`Pasar Kemis`), then the word alone (`Ciruas`).
    for (const candidate of [`${m[1]}${m[2] ?? ''}`, m[1]!]) {
      const regency = g.districtRegency.get(foldCase(candidate));
      if (regency) return regency;
    }
  }
  return null;
}

export interface PlaceMention {
  /** Official kabupaten/kota name. */
  name: string;
  /** As printed. */
  printed: string;
  index: number;
}

/** Kabupaten/kota mentions in reading order. `context` (default: `text`) settles bare `Serang`/`Tangerang`. */
export function findPlaceMentions(text: string, context = text): PlaceMention[] {
  const g = gazetteer();
  const mentions: PlaceMention[] = [];
  for (const m of scanMentions(text, g)) {
    const { printed } = m;
    const bareStart = printed.replace(/^(?:kota|kabupaten|kab\.?)\s+(?:administrasi\s+)?/i, '');
    // Names are capitalised; a lowercase match is an ordinary word.
    if (!/^\p{Lu}/u.test(bareStart)) continue;
    if (bareStart === printed && isPartOfLocalArea(text, m.index + printed.length, printed)) continue;
    // Toll roads are named after their ends (`Tol Tangerang-Merak`): a road, not a mention of the place.
    if (bareStart === printed && TOLL_BEFORE.test(text.slice(Math.max(0, m.index - 5), m.index)) && ROUTE_AFTER.test(text.slice(m.index + printed.length, m.index + printed.length + 3))) continue;
    const name = resolvePlaceName(printed, context);
    if (name) mentions.push({ name, printed, index: m.index });
  }
  return mentions;
}

const TOLL_BEFORE = /\btol\s+$/i;
const ROUTE_AFTER = /^\s?[-–]\s?\p{Lu}/u;

/** `Lebak Denok` and `Lebak Wangi` are kelurahan/kecamatan, not the Lebak regency. */
function isPartOfLocalArea(text: string, end: number, printed: string): boolean {
  const next = /^\s+(\p{Lu}[\p{L}]+)/u.exec(text.slice(end, end + 40));
  if (!next) return false;
  const joined = foldCase(`${printed}${next[1]}`).replace(/\s+/g, '');
  return gazetteer().localAreas.has(joined);
}

/** Every kabupaten/kota the text mentions: official names, sorted, unique. */
export function findPlaces(text: string): string[] {
  return uniqueSorted(findPlaceMentions(text).map((m) => m.name));
}

/**
 * The story's primary kabupaten/kota: the dateline place, else the first Banten place the lead names,
 * else the first place the lead names; null when there is none.
 */
export function primaryCity(datelinePlace: string | null, lead: string, fullText: string): string | null {
  if (datelinePlace) {
    const fromDateline = resolvePlaceName(datelinePlace, fullText);
    if (fromDateline) return fromDateline;
  }
  const inLead = findPlaceMentions(lead, fullText);
  return inLead.find((m) => isInBanten(m.name))?.name ?? inLead[0]?.name ?? null;
}

const PROVINCE_SHORT_FORMS: Record<string, string> = {
  jabar: 'Jawa Barat', jateng: 'Jawa Tengah', jatim: 'Jawa Timur', 'dki jakarta': 'Daerah Khusus Ibukota Jakarta',
  dki: 'Daerah Khusus Ibukota Jakarta', diy: 'Daerah Istimewa Yogyakarta', sumut: 'Sumatera Utara',
  sumbar: 'Sumatera Barat', sumsel: 'Sumatera Selatan', kalbar: 'Kalimantan Barat', kaltim: 'Kalimantan Timur',
  kalsel: 'Kalimantan Selatan', sulsel: 'Sulawesi Selatan', ntb: 'Nusa Tenggara Barat', ntt: 'Nusa Tenggara Timur',
};
let provinceByFold: Map<string, string> | null = null;

/** Official province names (`Banten`, `Jawa Barat`) with the short forms news prints (`Jabar`). */
export function resolveProvinceName(printed: string): string | null {
  if (!provinceByFold) {
    provinceByFold = new Map(Object.entries(PROVINCE_SHORT_FORMS));
    for (const [, name] of PROVINCES) provinceByFold.set(foldCase(name), name);
  }
  const folded = foldCase(normaliseSpace(printed)).replace(/^(?:provinsi|prov\.?)\s+/, '');
  return provinceByFold.get(folded) ?? null;
}
