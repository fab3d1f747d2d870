/**
 * Organisations named in an article, as canonical names with their region:
 * `Disperindag Kota Cilegon` -> `Dinas Perindustrian dan Perdagangan Kota Cilegon`, `Kapolres Cilegon` ->
 * `Polres Cilegon`, `Wali Kota Cilegon` -> `Pemerintah Kota Cilegon`, `PT Krakatau Steel (Persero) Tbk` ->
 * `PT Krakatau Steel`, and acronyms the text defines (`Cilegon Metal Manufaktur (CMM)`, later `CMM`).
 * Programmes and concepts (`Industri Kecil Menengah (IKM)`, `PAD`, `RPJMD`) are not organisations.
 */
import {
  CONCEPT_HEADS,
  CONCEPT_NAMES,
  NAME_STOP_WORDS,
  NAMED_HEADS,
  NATIONAL_NAMES,
  REGIONAL_ACRONYMS,
  REGIONAL_HEADS,
  SUBUNIT_HEADS,
} from './organisation-lexicon.ts';
import { expandPlaceAlias, isPlaceWord, resolveProvinceName, resolveRegencyName } from './places.ts';
import { foldCase, titleCase, uniqueSorted } from './text.ts';

export interface Organisations {
  /** Canonical names, sorted, unique. */
  organisations: string[];
  /** Acronyms and short forms seen for them (`CMM`, `Disperindag`), sorted, unique. */
  organisationAliases: string[];
}

export interface OrganisationOptions {
  /**
   * The story's kabupaten/kota (`Kota Cilegon`): the region of a body printed without one (`Dinkes`)
   * when the article names that body nowhere with a region.
   */
  city?: string | null;
}

interface Token {
  text: string;
  fold: string;
  word: boolean;
  cap: boolean;
}

interface Definition {
  /** The name the acronym stands for, as printed. */
  name: string;
  kind: 'regional' | 'named' | 'proper' | 'subunit' | 'concept' | 'pemerintah';
}

type RegionMode = 'any' | 'kota' | 'kabupaten' | 'province';

const TOKEN_RE = /[\p{L}\p{N}]+(?:['’.&-][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu;
const CONNECTORS = new Set(['dan', '&', 'serta']);
const POLICE_UNITS: Record<string, string> = {
  polda: 'Polda', polres: 'Polres', polresta: 'Polresta', polrestabes: 'Polrestabes', polsek: 'Polsek',
  kapolda: 'Polda', kapolres: 'Polres', kapolresta: 'Polresta', kapolrestabes: 'Polrestabes', kapolsek: 'Polsek',
  wakapolda: 'Polda', wakapolres: 'Polres', wakapolresta: 'Polresta', wakapolsek: 'Polsek',
  mapolda: 'Polda', mapolres: 'Polres', mapolresta: 'Polresta', mapolsek: 'Polsek',
};
const KEPOLISIAN_UNITS: Record<string, string> = { daerah: 'Polda', resor: 'Polres', sektor: 'Polsek' };
const PEMERINTAH_SHORT: Record<string, RegionMode> = { pemkot: 'kota', pemkab: 'kabupaten', pemprov: 'province', pemda: 'any' };
const PEMERINTAH_LEVEL: Record<string, RegionMode> = { kota: 'kota', kabupaten: 'kabupaten', provinsi: 'province', daerah: 'any' };
const PROVINCE_DISPLAY: Record<string, string> = {
  'Daerah Khusus Ibukota Jakarta': 'DKI Jakarta',
  'Daerah Istimewa Yogyakarta': 'DI Yogyakarta',
};

export function extractOrganisations(text: string, options: OrganisationOptions = {}): Organisations {
  return new OrganisationScanner(text, options).scan();
}

class OrganisationScanner {
  private readonly tokens: Token[];
  private readonly found = new Set<string>();
  private readonly aliases = new Set<string>();
  /** Regional bodies printed without a region (`Dinkes menggerakkan ...`). */
  private readonly regionless = new Set<string>();
  private readonly defined = new Map<string, Definition>();
  /** Token index where a defined proper name starts -> index after its `(ACR)`. */
  private readonly properNameSpans = new Map<number, { end: number; name: string; acronym: string }>();

  constructor(
    private readonly text: string,
    private readonly options: OrganisationOptions,
  ) {
    this.tokens = [...text.matchAll(TOKEN_RE)].map((m) => {
      const t = m[0];
      const word = /^[\p{L}\p{N}]/u.test(t);
      return { text: t, fold: foldCase(t), word, cap: word && /^\p{Lu}/u.test(t) };
    });
  }

  scan(): Organisations {
    this.collectDefinitions();
    let i = 0;
    while (i < this.tokens.length) {
      const next =
        this.matchProperName(i) ??
        this.matchTitle(i) ??
        this.matchPemerintah(i) ??
        this.matchPolice(i) ??
        this.matchDprd(i) ??
        this.matchCompany(i) ??
        this.matchHead(i) ??
        this.matchAcronym(i);
      i = next ?? i + 1;
    }
    this.resolveRegionless();
    const organisations = uniqueSorted(this.found);
    const aliases = [...this.aliases].filter((a) => !this.found.has(a));
    return { organisations, organisationAliases: uniqueSorted(aliases) };
  }

  // ---- pass 1: `Name Words (ACR)` definitions ----

  private collectDefinitions(): void {
    for (let k = 1; k < this.tokens.length; k++) {
      if (this.tokens[k]!.text !== '(') continue;
      const close = this.findClose(k);
      if (close === null) continue;
      const acronym = this.tokens.slice(k + 1, close).map((t) => t.text).join(' ');
      if (!/^\p{Lu}/u.test(acronym) || acronym.length > 20) continue;
      const words = this.nameBefore(k);
      if (words.length === 0) continue;
      const chosen = chooseExpansion(words, acronym);
      if (!chosen) continue;
      const name = joinName(chosen.words);
      const key = foldCase(acronym);
      // National bodies keep their usual name (`BMKG`), whatever the text spells out.
      if (NATIONAL_NAMES[foldName(name)] || NATIONAL_NAMES[key]) continue;
      const definition: Definition = { name, kind: classify(chosen.words) };
      if (!this.defined.has(key)) this.defined.set(key, definition);
      if (definition.kind === 'proper') {
        this.properNameSpans.set(chosen.start, { end: close + 1, name, acronym });
      }
    }
  }

  /** `(` at k: the index of `)` when the parentheses hold one or two words, else null. */
  private findClose(k: number): number | null {
    for (let j = k + 1; j <= k + 3 && j < this.tokens.length; j++) {
      const t = this.tokens[j]!;
      if (t.text === ')') return j > k + 1 ? j : null;
      if (!t.word) return null;
    }
    return null;
  }

  /** Capitalised words (and `dan`, `&`, commas between them) right before token k. */
  private nameBefore(k: number): Array<{ index: number; token: Token }> {
    const words: Array<{ index: number; token: Token }> = [];
    for (let j = k - 1; j >= 0 && words.length < 14; j--) {
      const t = this.tokens[j]!;
      if (t.cap && !NAME_STOP_WORDS.has(t.fold)) words.unshift({ index: j, token: t });
      else if ((CONNECTORS.has(t.fold) || t.text === ',') && j > 0 && words.length > 0 && (this.tokens[j - 1]!.cap || this.tokens[j - 1]!.text === ',')) {
        words.unshift({ index: j, token: t });
      } else break;
    }
    while (words.length > 0 && !words[0]!.token.cap) words.shift();
    return words;
  }

  // ---- pass 2 matchers: each returns the index after what it consumed, or null ----

  private matchProperName(i: number): number | null {
    const span = this.properNameSpans.get(i);
    if (!span) return null;
    this.found.add(span.name);
    this.aliases.add(span.acronym);
    return span.end;
  }

  /** `Wali Kota Cilegon`, `Bupati Lebak`, `Gubernur Banten`, `Sekda Kota Cilegon` -> the government. */
  private matchTitle(i: number): number | null {
    const t = this.tokens[i]!;
    let mode: RegionMode | null = null;
    let j = i + 1;
    if (t.fold === 'wali' && this.tokens[i + 1]?.fold === 'kota') {
      mode = 'kota';
      j = i + 2;
    } else if (t.fold === 'walikota') mode = 'kota';
    else if (t.fold === 'bupati') mode = 'kabupaten';
    else if (t.fold === 'gubernur') mode = 'province';
    else if (t.fold === 'sekda') mode = 'any';
    else if (t.fold === 'sekretaris' && this.tokens[i + 1]?.fold === 'daerah') {
      mode = 'any';
      j = i + 2;
    }
    if (!mode) return null;
    const region = this.parseRegion(j, mode);
    if (!region) return null;
    this.found.add(`Pemerintah ${region.name}`);
    return region.end;
  }

  /** `Pemerintah Kota (Pemkot) Cilegon`, `Pemkab Lebak`, `Pemprov Banten`. */
  private matchPemerintah(i: number): number | null {
    const t = this.tokens[i]!;
    if (!t.cap) return null;
    let mode: RegionMode | undefined = PEMERINTAH_SHORT[t.fold];
    let j = i + 1;
    if (mode) this.aliases.add(t.text);
    else if (t.fold === 'pemerintah') {
      mode = PEMERINTAH_LEVEL[this.tokens[i + 1]?.fold ?? ''];
      if (!mode) return null;
      j = i + 2;
      // `Pemerintah Kota` is also the start of the region (`Pemerintah Kota Cilegon`).
      if (mode !== 'any' && this.tokens[j]?.text !== '(') j = i + 1;
    } else return null;
    j = this.skipParenthesised(j);
    const region = this.parseRegion(j, mode);
    if (region) {
      this.found.add(`Pemerintah ${region.name}`);
      return region.end;
    }
    if (mode !== 'any') this.regionless.add(`Pemerintah ${mode === 'province' ? 'Provinsi' : mode === 'kota' ? 'Kota' : 'Kabupaten'}`);
    return j;
  }

  /** `Polres Cilegon`, `Kapolresta Tangerang`, `Polda Metro Jaya`, `Kepolisian Resor Serang`. */
  private matchPolice(i: number): number | null {
    const t = this.tokens[i]!;
    let unit = POLICE_UNITS[t.fold];
    let j = i + 1;
    if (!unit && t.fold === 'kepolisian') {
      unit = KEPOLISIAN_UNITS[this.tokens[i + 1]?.fold ?? ''];
      j = i + 2;
    }
    if (!unit) return null;
    j = this.skipParenthesised(j);
    const words: string[] = [];
    while (j < this.tokens.length && words.length < 4) {
      const w = this.tokens[j]!;
      if (!w.cap || NAME_STOP_WORDS.has(w.fold) || !(isPlaceWord(w.text) || expandPlaceAlias(w.text))) break;
      words.push(w.text);
      j++;
    }
    if (words.length === 0) {
      this.regionless.add(unit);
      return j;
    }
    const printed = words.join(' ');
    this.found.add(`${unit} ${expandPlaceAlias(printed) ?? titleCase(printed)}`);
    return j;
  }

  /** `DPRD Kota Serang`, `DPRD Banten` -> `DPRD Provinsi Banten`, `Dewan Perwakilan Rakyat Daerah (DPRD) Lebak`. */
  private matchDprd(i: number): number | null {
    const t = this.tokens[i]!;
    let j: number;
    if (t.text === 'DPRD') j = i + 1;
    else if (t.fold === 'dewan' && this.tokenFolds(i + 1, 3) === 'perwakilan rakyat daerah') j = i + 4;
    else return null;
    j = this.skipParenthesised(j);
    const region = this.parseRegion(j, 'any');
    if (region) {
      this.found.add(`DPRD ${region.name}`);
      return region.end;
    }
    this.regionless.add('DPRD');
    return j;
  }

  /** `PT Krakatau Steel (Persero) Tbk` -> `PT Krakatau Steel`. */
  private matchCompany(i: number): number | null {
    const t = this.tokens[i]!;
    if (t.text !== 'PT' && t.text !== 'CV' && t.text !== 'PT.') return null;
    let j = i + 1;
    if (this.tokens[j]?.text === '.') j++;
    const words: string[] = [];
    while (j < this.tokens.length && words.length < 8) {
      const w = this.tokens[j]!;
      if (w.cap && !['tbk', 'persero'].includes(w.fold)) words.push(w.text);
      else if (w.text === '&' && this.tokens[j + 1]?.cap) words.push('&');
      else break;
      j++;
    }
    if (words.length === 0) return null;
    this.found.add(`${t.text.replace('.', '')} ${words.join(' ')}`);
    return j;
  }

  /** A name starting with a head word: `Dinas Kesehatan (Dinkes) Kota Cilegon`, `Universitas Sultan Ageng Tirtayasa`. */
  private matchHead(i: number): number | null {
    const t = this.tokens[i]!;
    if (!t.cap) return null;
    const regional = REGIONAL_HEADS.has(t.fold);
    const subunit = SUBUNIT_HEADS.has(t.fold);
    const named = NAMED_HEADS.has(t.fold);
    if (!regional && !subunit && !named) return null;
    const end = this.readName(i + 1, !named);
    if (end === i + 1) return null;
    const nameTokens = this.tokens.slice(i, end);
    let name = joinName(nameTokens.map((tok, k) => ({ index: i + k, token: tok })));
    // `Dinas PUPR Banten` after `Dinas Pekerjaan Umum dan Penataan Ruang (PUPR) Provinsi Banten`: the
    // acronym the text defined stands for the words after the head.
    if (nameTokens.length === 2) {
      const expansion = this.defined.get(nameTokens[1]!.fold)?.name;
      if (expansion) name = `${t.text} ${expansion.replace(new RegExp(`^${t.text}\\s+`, 'i'), '')}`;
    }
    let j = this.skipParenthesised(end);
    const acronym = j > end ? this.tokens.slice(end + 1, j - 1).map((x) => x.text).join(' ') : null;
    const national = NATIONAL_NAMES[foldName(name)];
    if (national) {
      if (acronym) this.aliases.add(acronym);
      return this.addNational(national, j);
    }
    if (foldName(name) === 'dewan perwakilan rakyat daerah') return null;
    if (CONCEPT_NAMES.has(foldName(name))) return j;
    if (named) {
      this.found.add(name.replace(/\s+(?:RI|Republik Indonesia)$/, ''));
      if (acronym) this.aliases.add(acronym);
      return j;
    }
    if (subunit && /^[IVX]+$/.test(this.tokens[i + 1]!.text)) return end;
    const region = this.parseRegion(j, 'any');
    if (region) {
      this.found.add(`${name} ${region.name}`);
      if (acronym) this.aliases.add(acronym);
      j = region.end;
    } else if (!subunit) {
      // Several regional bodies share a name: which one is settled once the whole text is read.
      this.regionless.add(name);
      if (acronym) this.aliases.add(acronym);
    }
    return j;
  }

  /** `Disperindag Kota Cilegon`, `CMM`, `Untirta`, `Satpol PP`, `BMKG`, `Kadinkes` (the head of Dinkes). */
  private matchAcronym(i: number): number | null {
    const t = this.tokens[i]!;
    if (!t.cap) return null;
    for (const length of [3, 2, 1]) {
      const printed = this.tokens.slice(i, i + length).map((x) => x.text).join(' ');
      if (this.tokens.slice(i, i + length).some((x) => !x.word)) continue;
      const key = foldCase(printed);
      const end = i + length;
      const definition = this.defined.get(key);
      if (definition) return this.addDefined(definition, printed, end);
      const regional = REGIONAL_ACRONYMS[key];
      if (regional) return this.addRegional(regional, printed, end);
      const national = NATIONAL_NAMES[key];
      if (national && (length > 1 || t.text === t.text.toUpperCase() || /^\p{Lu}\p{Ll}+$/u.test(t.text))) {
        if (national.name !== printed) this.aliases.add(printed);
        return this.addNational(national, end);
      }
    }
    // `Kadisperindag`, `Kadinkes`: the head of a known body.
    if (isTitleOfBodyHead(t)) {
      const key = t.fold.slice(2);
      const regional = this.defined.get(key)?.kind === 'regional' ? this.defined.get(key)!.name : REGIONAL_ACRONYMS[key];
      if (regional) return this.addRegional(regional, t.text.slice(2), i + 1);
    }
    return null;
  }

  private addDefined(definition: Definition, printed: string, end: number): number {
    switch (definition.kind) {
      case 'regional':
        return this.addRegional(definition.name, printed, end);
      case 'named':
      case 'proper':
        this.found.add(definition.name);
        this.aliases.add(printed);
        return end;
      default:
        // Concepts, sub-units and governments (handled by their own matcher) are not listed from an acronym.
        return end;
    }
  }

  private addRegional(body: string, printed: string, end: number): number {
    this.aliases.add(printed);
    const region = this.parseRegion(end, 'any');
    if (region) {
      this.found.add(`${body} ${region.name}`);
      return region.end;
    }
    this.regionless.add(body);
    return end;
  }

  private addNational(national: { name: string; regional?: boolean }, end: number): number {
    if (national.regional) {
      const region = this.parseRegion(end, 'any');
      if (region) {
        this.found.add(`${national.name} ${region.name}`);
        return region.end;
      }
    }
    this.found.add(national.name);
    return end;
  }

  // ---- helpers ----

  /** Reads the capitalised words of a name from token j; stops before a region when `stopAtRegion`. */
  private readName(j: number, stopAtRegion: boolean): number {
    let k = j;
    let count = 0;
    while (k < this.tokens.length && count < 12) {
      const t = this.tokens[k]!;
      if (t.cap && !NAME_STOP_WORDS.has(t.fold)) {
        if (count > 0 && this.startsOrganisation(k)) break;
        if (stopAtRegion && this.parseRegion(k, 'any')) break;
        count++;
        k++;
        continue;
      }
      const continues = this.capitalisedWordAt(k + 1);
      if (count > 0 && CONNECTORS.has(t.fold) && continues) {
        k++;
        continue;
      }
      // `Badan Meteorologi, Klimatologi, dan Geofisika`: a comma inside a list that ends in `dan`.
      const continuesAfterConnector = CONNECTORS.has(this.tokens[k + 1]?.fold ?? '') && this.capitalisedWordAt(k + 2);
      if (count > 0 && t.text === ',' && (continues || continuesAfterConnector) && this.commaListEndsInDan(k)) {
        k++;
        continue;
      }
      break;
    }
    // A trailing connector or comma is not part of the name.
    while (k > j && !this.tokens[k - 1]!.word) k--;
    while (k > j && CONNECTORS.has(this.tokens[k - 1]!.fold)) k--;
    return k;
  }

  private capitalisedWordAt(k: number): boolean {
    const t = this.tokens[k];
    return t !== undefined && t.cap && !NAME_STOP_WORDS.has(t.fold);
  }

  private commaListEndsInDan(k: number): boolean {
    for (let j = k + 1; j < Math.min(this.tokens.length, k + 8); j++) {
      const t = this.tokens[j]!;
      if (t.fold === 'dan') return true;
      if (!(t.cap || t.text === ',')) return false;
    }
    return false;
  }

  /** Whether token k starts another organisation (so that `Direktorat Lalu Lintas Polda Banten` splits). */
  private startsOrganisation(k: number): boolean {
    const t = this.tokens[k]!;
    if (POLICE_UNITS[t.fold] || t.text === 'DPRD' || PEMERINTAH_SHORT[t.fold] || t.fold === 'pemerintah') return true;
    if (REGIONAL_HEADS.has(t.fold) || NAMED_HEADS.has(t.fold) || SUBUNIT_HEADS.has(t.fold)) return true;
    if (t.text === 'PT') return true;
    return this.defined.has(t.fold) || t.fold in REGIONAL_ACRONYMS || (t.text === t.text.toUpperCase() && t.fold in NATIONAL_NAMES);
  }

  private skipParenthesised(j: number): number {
    if (this.tokens[j]?.text !== '(') return j;
    const close = this.findClose(j);
    return close === null ? j : close + 1;
  }

  private tokenFolds(start: number, count: number): string {
    return this.tokens
      .slice(start, start + count)
      .map((t) => t.fold)
      .join(' ');
  }

  /**
   * A region printed at token j: `Kota Cilegon`, `Kab. Serang`, `Provinsi Jawa Barat`, `Banten` (the
   * province), `Jabar`, `Lebak`, `Tangsel`. Returns the canonical region (`Kota Cilegon`, `Provinsi Banten`).
   */
  private parseRegion(j: number, mode: RegionMode): { name: string; end: number } | null {
    const first = this.tokens[j];
    if (!first || !first.cap) return null;
    let k = j;
    let prefix: 'kota' | 'kabupaten' | 'provinsi' | null = null;
    if (first.fold === 'kota') prefix = 'kota';
    else if (first.fold === 'kabupaten' || first.fold === 'kab') prefix = 'kabupaten';
    else if (first.fold === 'provinsi' || first.fold === 'prov') prefix = 'provinsi';
    if (prefix) {
      k++;
      if (this.tokens[k]?.text === '.') k++;
    }
    if (mode === 'province' && prefix && prefix !== 'provinsi') return null;
    if (mode === 'kota' && prefix && prefix !== 'kota') return null;
    if (mode === 'kabupaten' && prefix && prefix !== 'kabupaten') return null;
    for (let n = 3; n >= 1; n--) {
      const words = this.tokens.slice(k, k + n);
      if (words.length < n || words.some((w) => !w.cap || NAME_STOP_WORDS.has(w.fold))) continue;
      const printed = words.map((w) => w.text).join(' ');
      const end = k + n;
      if (prefix === 'provinsi' || (!prefix && (mode === 'province' || mode === 'any'))) {
        const province = resolveProvinceName(printed);
        if (province) return { name: `Provinsi ${PROVINCE_DISPLAY[province] ?? province}`, end };
        if (prefix === 'provinsi' || mode === 'province') continue;
      }
      const level = prefix ?? (mode === 'kota' || mode === 'kabupaten' ? mode : null);
      const regency = level ? resolveRegencyName(`${level} ${printed}`) : resolveRegencyName(printed, this.text);
      if (regency) return { name: regency, end };
      if (!prefix && level) {
        // `Walikota Tangsel`: an alias carries its own level.
        const alias = resolveRegencyName(printed);
        if (alias && expandPlaceAlias(printed) && foldCase(alias).startsWith(level)) return { name: alias, end };
      }
    }
    return null;
  }

  /**
   * A body printed without a region is one the text names elsewhere with a region (then it is already
   * listed), else the body of the story's city.
   */
  private resolveRegionless(): void {
    const city = this.options.city ?? null;
    for (const body of this.regionless) {
      const withRegion = [...this.found].some((f) => /^(?:Kota|Kabupaten|Provinsi) /.test(f.startsWith(`${body} `) ? f.slice(body.length + 1) : ''));
      if (withRegion || !city) continue;
      if (body.startsWith('Pemerintah ')) {
        if (`Pemerintah ${city}`.startsWith(body)) this.found.add(`Pemerintah ${city}`);
        continue;
      }
      if (POLICE_UNITS[foldCase(body)]) continue;
      this.found.add(`${body} ${city}`);
    }
  }
}

/** `Kadisperindag`, `Kadinkes`, `Kabanpol`: `Ka` (kepala, head) glued to a body's acronym. */
function isTitleOfBodyHead(t: Token): boolean {
  return /^Ka(?:dis|din|ban|lak)/.test(t.text) && t.text.length > 5;
}

function joinName(words: Array<{ index: number; token: Token }>): string {
  let out = '';
  for (const { token } of words) {
    if (token.text === ',') out += ',';
    else out += (out ? ' ' : '') + token.text;
  }
  return out;
}

function foldName(name: string): string {
  return foldCase(name)
    .replace(/[,.]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The words of `words` the acronym stands for: initials (`CMM`) or syllables under a known head (`Disperindag`). */
function chooseExpansion(
  words: Array<{ index: number; token: Token }>,
  acronym: string,
): { words: Array<{ index: number; token: Token }>; start: number } | null {
  const letters = foldCase(acronym).replace(/[^a-z0-9]/g, '');
  for (let s = 0; s < words.length; s++) {
    if (!words[s]!.token.cap) continue;
    const suffix = words.slice(s);
    const initials = suffix
      .filter((w) => w.token.cap)
      .map((w) => w.token.fold[0])
      .join('');
    if (initials === letters) return { words: suffix, start: suffix[0]!.index };
  }
  // Syllabic acronyms (`Disperindag`, `Untirta`, `Kejurda`) only under a head word we know.
  for (let s = 0; s < words.length; s++) {
    const head = words[s]!.token.fold;
    if (!isKnownHead(head)) continue;
    const suffix = words.slice(s);
    if (letters[0] !== head[0]) continue;
    return { words: suffix, start: suffix[0]!.index };
  }
  return null;
}

function isKnownHead(fold: string): boolean {
  return (
    REGIONAL_HEADS.has(fold) || NAMED_HEADS.has(fold) || SUBUNIT_HEADS.has(fold) || CONCEPT_HEADS.has(fold) || fold === 'pemerintah'
  );
}

function classify(words: Array<{ index: number; token: Token }>): Definition['kind'] {
  const head = words[0]!.token.fold;
  if (CONCEPT_NAMES.has(foldName(joinName(words)))) return 'concept';
  if (head === 'pemerintah') return 'pemerintah';
  if (REGIONAL_HEADS.has(head)) return 'regional';
  if (SUBUNIT_HEADS.has(head)) return 'subunit';
  if (NAMED_HEADS.has(head)) return 'named';
  if (CONCEPT_HEADS.has(head)) return 'concept';
  // A proper name without a head word (`Cilegon Metal Manufaktur`) needs two words at least.
  return words.filter((w) => w.token.cap).length >= 2 ? 'proper' : 'concept';
}
