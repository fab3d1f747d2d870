/**
 * The places of an article as a hierarchy for faceting, province > kabupaten/kota > kecamatan, with the
 * official Kemendagri codes (idn-area-data): `Banten`, `Banten > Kota Cilegon`, `Banten > Kota Cilegon >
 * Citangkil`; codes `36`, `36.72`, `36.72.08`. Kecamatan come from what the text names as one
 * (`Kecamatan Citangkil`, `Kec. Ciruas`) or through a named desa/kelurahan (`Kelurahan Lebakdenok`); a name
 * several regencies share is kept only when one of them is among the article's places.
 */
import { BANTEN_DISTRICTS, BANTEN_VILLAGES, PROVINCES, REGENCIES } from './gazetteer-data.ts';
import { foldCase } from './text.ts';

export interface District {
  /** Kemendagri code, e.g. `36.72.08`. */
  code: string;
  name: string;
  /** Official kabupaten/kota name. */
  regency: string;
}

export interface AreaHierarchy {
  districts: District[];
  /** Hierarchical facet values, ` > ` between levels (InstantSearch's hierarchical menu convention). */
  levels: { lvl0: string[]; lvl1: string[]; lvl2: string[] };
  /** Codes of every area in `levels`: province `36`, kabupaten/kota `36.72`, kecamatan `36.72.08`. */
  codes: string[];
}

export const LEVEL_SEPARATOR = ' > ';

interface AreaIndex {
  provinceByCode: Map<string, string>;
  regencyByCode: Map<string, string>;
  codeByRegency: Map<string, string>;
  districtByCode: Map<string, string>;
  /** folded kecamatan name -> codes */
  districtsByName: Map<string, string[]>;
  /** folded desa/kelurahan name -> codes of their kecamatan */
  villageDistrictsByName: Map<string, string[]>;
}

let index: AreaIndex | null = null;

function areaIndex(): AreaIndex {
  if (index) return index;
  const push = (map: Map<string, string[]>, key: string, value: string): void => {
    const list = map.get(key);
    if (!list) map.set(key, [value]);
    else if (!list.includes(value)) list.push(value);
  };
  const districtsByName = new Map<string, string[]>();
  // Keyed with and without spaces: `Lebak Denok` is also printed `Lebakdenok`, `Pasarkemis` `Pasar Kemis`.
  for (const [code, name] of BANTEN_DISTRICTS) {
    push(districtsByName, foldCase(name), code);
    push(districtsByName, foldCase(name).replace(/\s+/g, ''), code);
  }
  const villageDistrictsByName = new Map<string, string[]>();
  for (const [code, name] of BANTEN_VILLAGES) {
    push(villageDistrictsByName, foldCase(name), code.slice(0, 8));
    push(villageDistrictsByName, foldCase(name).replace(/\s+/g, ''), code.slice(0, 8));
  }
  index = {
    provinceByCode: new Map(PROVINCES.map(([code, name]) => [code, name])),
    regencyByCode: new Map(REGENCIES.map(([code, name]) => [code, name])),
    codeByRegency: new Map(REGENCIES.map(([code, name]) => [name, code])),
    districtByCode: new Map(BANTEN_DISTRICTS.map(([code, name]) => [code, name])),
    districtsByName,
    villageDistrictsByName,
  };
  return index;
}

// `Kecamatan Pasar Kemis`, `Kec. Ciruas`; `Desa Talagasari`, `Kelurahan Lebakdenok`, `Kel. Masigit`.
const DISTRICT_RE = /(?<![\p{L}])(?:Kecamatan|Kec\.)\s+(\p{Lu}[\p{L}]*(?:\s+\p{Lu}[\p{L}]*)?)/gu;
const VILLAGE_RE = /(?<![\p{L}])(?:Desa|Kelurahan|Kel\.)\s+(\p{Lu}[\p{L}]*(?:\s+\p{Lu}[\p{L}]*)?)/gu;

/** The hierarchy of `places` (official kabupaten/kota names) and of the kecamatan `text` names. */
export function areaHierarchy(text: string, places: readonly string[]): AreaHierarchy {
  const idx = areaIndex();
  const placeCodes = new Set(places.map((p) => idx.codeByRegency.get(p)).filter((c): c is string => c !== undefined));
  const choose = (codes: string[] | undefined): string | null => {
    if (!codes || codes.length === 0) return null;
    const inPlaces = codes.filter((c) => placeCodes.has(c.slice(0, 5)));
    if (inPlaces.length === 1) return inPlaces[0]!;
    return codes.length === 1 && inPlaces.length === 0 ? codes[0]! : null;
  };
  // Two words first (`Pasar Kemis`), then the first word alone (`Kecamatan Ciruas Kabupaten Serang`).
  const lookup = (printed: string, map: Map<string, string[]>): string | null => {
    const words = printed.split(/\s+/);
    if (words.length > 1) {
      const two = choose(map.get(foldCase(words.join(' '))));
      if (two) return two;
    }
    return choose(map.get(foldCase(words[0]!)));
  };
  const districtCodes = new Set<string>();
  for (const m of text.matchAll(DISTRICT_RE)) {
    const code = lookup(m[1]!, idx.districtsByName);
    if (code) districtCodes.add(code);
  }
  for (const m of text.matchAll(VILLAGE_RE)) {
    const code = lookup(m[1]!, idx.villageDistrictsByName);
    if (code) districtCodes.add(code);
  }

  const districts: District[] = [...districtCodes].sort().map((code) => ({
    code,
    name: idx.districtByCode.get(code)!,
    regency: idx.regencyByCode.get(code.slice(0, 5))!,
  }));
  const lvl0 = new Set<string>();
  const lvl1 = new Set<string>();
  const lvl2 = new Set<string>();
  const codes = new Set<string>();
  const addRegency = (regencyCode: string): string | null => {
    const regency = idx.regencyByCode.get(regencyCode);
    const province = idx.provinceByCode.get(regencyCode.slice(0, 2));
    if (!regency || !province) return null;
    lvl0.add(province);
    lvl1.add(`${province}${LEVEL_SEPARATOR}${regency}`);
    codes.add(regencyCode.slice(0, 2));
    codes.add(regencyCode);
    return `${province}${LEVEL_SEPARATOR}${regency}`;
  };
  for (const code of placeCodes) addRegency(code);
  for (const d of districts) {
    const parent = addRegency(d.code.slice(0, 5));
    if (!parent) continue;
    lvl2.add(`${parent}${LEVEL_SEPARATOR}${d.name}`);
    codes.add(d.code);
  }
  const sorted = (set: Set<string>): string[] => [...set].sort();
  return { districts, levels: { lvl0: sorted(lvl0), lvl1: sorted(lvl1), lvl2: sorted(lvl2) }, codes: sorted(codes) };
}
