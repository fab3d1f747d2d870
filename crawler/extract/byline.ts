/**
 * Who wrote the article: end bylines with initials (`(Sari/Red)`, `(LUK/DZH)`, `(*)`), labelled lines
 * (`Penulis: X`, `Reporter: X | Editor: Y`, `Oleh X`) and, failing those, the page's declared authors.
 * The desk (`Red`, `Redaksi`, `Admin`, `Tim Redaksi`) and the outlet are never authors.
 */
import { foldCase, normaliseSpace } from './text.ts';

export interface BylineOptions {
  /** The outlet's display name and dateline names: never authors. */
  outletNames: string[];
  /** Reporter/editor codes the outlet prints, mapped to names (`{ LUK: 'Lukman' }`). */
  initials?: Record<string, string>;
  /** Labelled byline text printed outside the body, near the title (`Reporter: X | Editor: Y`). */
  zoneTexts?: string[];
  /** Authors the page declares (JSON-LD, `<meta name=author>`, `rel=author`): used when the text names none. */
  declaredAuthors?: string[];
}

export interface Byline {
  authors: string[];
  editor: string | null;
  /** The byline as printed, for audit: `(Sari/Red)`, `Reporter: X | Editor: Y`. */
  bylineRaw: string | null;
  /** The paragraphs without byline lines and without the end code. */
  paragraphs: string[];
}

const AUTHOR_LABELS = ['penulis', 'reporter', 'pewarta', 'wartawan', 'kontributor', 'jurnalis', 'laporan', 'oleh', 'writer', 'author'];
const EDITOR_LABELS = ['editor', 'penyunting', 'redaktur', 'editing'];
const OTHER_LABELS = ['foto', 'fotografer', 'sumber', 'video', 'publisher'];
const LABEL_RE = new RegExp(`(?:^|\\s*[|•·/,]\\s*|\\s+)(${[...AUTHOR_LABELS, ...EDITOR_LABELS, ...OTHER_LABELS].join('|')})\\s*:\\s*`, 'gi');
const LABELLED_LINE_RE = new RegExp(`^(?:${[...AUTHOR_LABELS, ...EDITOR_LABELS].join('|')})\\s*:`, 'i');
/** `Oleh: X` is labelled; `Oleh X` (opinion pieces) only as a short line of its own. */
const OLEH_RE = /^[Oo]leh\s+(\p{Lu}[\p{L}.' ’-]{1,60})$/u;
// `(Sari/Red)`, `(LUK/DZH)`, `(*)`, `(Red)`, `(aik/aik)`, printed at the very end of the last paragraph.
const END_CODE_RE = /\(\s*([\p{L}*][\p{L}*.' ’-]{0,40}(?:\s*\/\s*[\p{L}*][\p{L}*.' ’-]{0,40}){0,3})\s*\)\s*[.,]?\s*$/u;

const DESK_WORDS = new Set([
  'red', 'redaksi', 'admin', 'administrator', 'tim', 'team', 'editor', 'desk', 'staff', 'staf', 'webmaster', 'humas',
  'rilis', 'rls', 'release', 'press', 'pers', 'adv', 'advertorial', 'penulis', 'reporter', 'kontributor', 'web',
  'online', 'media', 'news', 'berita', 'official', 'ist', 'istimewa', 'net', 'sumber', 'dok', 'dokumentasi',
]);

export function extractByline(paragraphs: string[], options: BylineOptions): Byline {
  const outletTokens = outletWords(options.outletNames);
  const isPerson = (name: string): boolean => isPersonName(name, outletTokens);
  const mapCode = (code: string): string => lookupInitials(code, options.initials);
  const kept = [...paragraphs];
  const labelledRaw: string[] = [];
  let labelledAuthors: string[] | null = null;
  let labelledEditor: string | null = null;

  // Labelled lines sit at the top or the bottom of the body.
  const edgeIndexes = [...new Set([0, 1, kept.length - 4, kept.length - 3, kept.length - 2, kept.length - 1])]
    .filter((i) => i >= 0 && i < kept.length)
    .sort((a, b) => b - a);
  for (const i of edgeIndexes) {
    const line = kept[i]!;
    const parsed = parseLabelledLine(line, i === 0);
    if (!parsed) continue;
    kept.splice(i, 1);
    labelledRaw.unshift(normaliseSpace(line));
    if (parsed.authors.length > 0 && labelledAuthors === null) labelledAuthors = parsed.authors;
    if (parsed.editor && !labelledEditor) labelledEditor = parsed.editor;
  }

  let codeAuthors: string[] | null = null;
  let codeRaw: string | null = null;
  let codeEditor: string | null = null;
  const lastIndex = kept.length - 1;
  if (lastIndex >= 0) {
    const last = kept[lastIndex]!;
    const m = END_CODE_RE.exec(last);
    if (m && isEndCode(last, m, kept, options.initials)) {
      const before = normaliseSpace(last.slice(0, m.index));
      if (before) kept[lastIndex] = before;
      else kept.splice(lastIndex, 1);
      codeRaw = `(${normaliseSpace(m[1]!)})`;
      const parts = m[1]!.split('/').map((p) => normaliseSpace(p)).filter(Boolean);
      // `(fdr/aas)`: reporter, editor. `(fdr/ard/aas)`: two reporters, then the editor, always last.
      const editor = parts.length >= 2 ? parts[parts.length - 1] : undefined;
      const reporters = parts.length >= 2 ? parts.slice(0, -1) : parts;
      codeAuthors = reporters.filter(isPerson).flatMap(splitNames).map(mapCode);
      if (editor && isPerson(editor)) codeEditor = mapCode(editor);
    }
  }

  let zoneAuthors: string[] | null = null;
  let zoneRaw: string | null = null;
  let zoneEditor: string | null = null;
  for (const text of options.zoneTexts ?? []) {
    const parsed = parseLabelledLine(text, true);
    if (!parsed) continue;
    if (zoneAuthors === null && parsed.authors.length > 0) {
      zoneAuthors = parsed.authors;
      zoneRaw = normaliseSpace(text);
    }
    if (!zoneEditor && parsed.editor) zoneEditor = parsed.editor;
  }

  // The first byline the page prints decides, even when it names only the desk (`(Red)`, `(*)`): the
  // account that posted the story (JSON-LD, Blogger profile) is then not its author.
  const printed = labelledAuthors ?? codeAuthors ?? zoneAuthors;
  const bylineRaw = labelledAuthors ? labelledRaw.join(' ') : codeAuthors ? codeRaw : zoneAuthors ? zoneRaw : (codeRaw ?? (labelledRaw.join(' ') || null));
  const list = printed ?? options.declaredAuthors ?? [];
  const authors = [...new Set(list.map(cleanName).filter((n) => n && isPerson(n)))];
  const editorCandidate = [labelledEditor, codeEditor, zoneEditor].find((e) => e && isPerson(e)) ?? null;
  return {
    authors,
    editor: editorCandidate ? cleanName(editorCandidate) : null,
    bylineRaw,
    paragraphs: kept,
  };
}

interface LabelledLine {
  authors: string[];
  editor: string | null;
}

/** `Reporter: X | Editor: Y`, `Penulis: A dan B`, `Oleh: X`; null when the line is prose. */
function parseLabelledLine(line: string, allowBareOleh: boolean): LabelledLine | null {
  const text = normaliseSpace(line);
  if (text.length > 160) return null;
  if (allowBareOleh) {
    const oleh = OLEH_RE.exec(text);
    if (oleh) return { authors: splitNames(oleh[1]!), editor: null };
  }
  if (!LABELLED_LINE_RE.test(text)) return null;
  const matches = [...text.matchAll(LABEL_RE)];
  if (matches.length === 0) return null;
  const result: LabelledLine = { authors: [], editor: null };
  for (const [i, m] of matches.entries()) {
    const start = m.index + m[0].length;
    const end = i + 1 < matches.length ? matches[i + 1]!.index : text.length;
    // `Penulis: Sari | 14 Oktober 2025`: what follows a separator is the date, not the name.
    const value = text.slice(start, end).split(/\s[|•·]\s|\s[-–—]\s(?=\d)/)[0]!.trim();
    const label = m[1]!.toLowerCase();
    if (!value) continue;
    if (AUTHOR_LABELS.includes(label) && result.authors.length === 0) result.authors = splitNames(value);
    else if (EDITOR_LABELS.includes(label) && !result.editor) result.editor = cleanName(value);
  }
  return result;
}

/** `A dan B`, `A, B & C` -> names. */
function splitNames(value: string): string[] {
  return value
    .split(/\s*(?:,|&|\bdan\b|\band\b|;)\s*/i)
    .map(cleanName)
    .filter(Boolean);
}

function cleanName(name: string): string {
  return normaliseSpace(name)
    .replace(/^[\s"“”'‘’([{|-]+|[\s"“”'‘’)\]}|.,:;-]+$/g, '')
    .trim();
}

/**
 * Whether the trailing `( ... )` is a byline code and not a closing acronym such as
 * `... Pendapatan Asli Daerah (PAD).`: a code has a slash, is the whole paragraph, follows the end of a
 * sentence, or is a known code.
 */
function isEndCode(paragraph: string, m: RegExpExecArray, paragraphs: string[], initials: Record<string, string> | undefined): boolean {
  const code = m[1]!.trim();
  if (code.includes('/') || code === '*') return true;
  const before = paragraph.slice(0, m.index).trimEnd();
  if (before === '') return true;
  if (initials && Object.keys(initials).some((k) => k.toLowerCase() === code.toLowerCase())) return true;
  if (!/[.!?"”’]$/.test(before)) return false;
  // After a full stop, an acronym the text has already used is still not a byline.
  const elsewhere = paragraphs.join('\n').slice(0, -m[0].length);
  return !new RegExp(`\\b${code.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(elsewhere);
}

function lookupInitials(code: string, initials: Record<string, string> | undefined): string {
  const clean = cleanName(code);
  if (!initials) return clean;
  for (const [key, name] of Object.entries(initials)) {
    if (key.toLowerCase() === clean.toLowerCase()) return name;
  }
  return clean;
}

function outletWords(names: string[]): Set<string> {
  const words = new Set<string>();
  for (const name of names) {
    const folded = foldCase(name);
    words.add(folded.replace(/[^a-z0-9]+/g, ''));
    // `Beritain.co.id` -> `beritain`; `Banten Pos` -> `bantenpos`
    words.add(folded.replace(/\.(?:co\.id|com|id|net|org|co|news|web\.id)$/, '').replace(/[^a-z0-9]+/g, ''));
  }
  words.delete('');
  return words;
}

function isPersonName(name: string, outletTokens: Set<string>): boolean {
  const clean = cleanName(name);
  if (clean === '' || clean === '*' || /\d/.test(clean) || clean.length > 60) return false;
  if (/https?:|www\.|@/.test(clean)) return false;
  const folded = foldCase(clean);
  if (outletTokens.has(folded.replace(/[^a-z0-9]+/g, ''))) return false;
  const words = folded.split(/[^a-z0-9*]+/).filter(Boolean);
  if (words.length === 0) return false;
  // `Tim Redaksi`, `Redaksi Beritain`, `Admin`: only desk words and the outlet's name.
  return !words.every((w) => DESK_WORDS.has(w) || outletTokens.has(w) || w === '*');
}
