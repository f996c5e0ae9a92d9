import type measureWidth from 'string-width';

/**
 * string-width, loaded on the first text that needs it: its module builds an Intl.Segmenter and compiles
 * \p{RGI_Emoji} when it loads (~45 ms of CPU), which a list of Latin, Greek or Cyrillic titles never
 * needs (issue 22). `require` keeps it synchronous; the bundle inlines it.
 */
let measure: typeof measureWidth | undefined;
function stringWidth(text: string): number {
  measure ??= (require('string-width') as { default: typeof measureWidth }).default;
  return measure(text);
}

/** Text of one column per character: Latin, Greek and Cyrillic. */
const NARROW = /^[\x20-\x7e\u00a0-\u02ff\u0370-\u052f]*$/;

/** Text of one column per character that fits `width` columns: nothing to measure or wrap. */
export function fitsNarrow(text: string, width: number): boolean {
  return text.length <= width && NARROW.test(text);
}

/**
 * Terminal column width of text, as the terminal shows it: wide (CJK) characters and emoji (✅ ☕, and ⚠️
 * with its emoji selector) take two columns, combining marks and joiners none - measured by
 * `string-width` per grapheme, so tables stay aligned.
 */
export function displayWidth(text: string): number {
  // Latin, Greek and Cyrillic text (most titles) is one column per character: no measuring needed.
  if (NARROW.test(text)) return text.length;
  // Narrow runs count their length; the rest (emoji, CJK) is measured chunk by chunk, once each.
  let width = 0;
  const parts = text.split(WIDE_CHUNKS);
  for (let i = 0; i < parts.length; i++) width += i % 2 === 0 ? parts[i]!.length : chunkWidth(parts[i]!);
  return width;
}

const WIDE_CHUNKS = /([^\x20-\x7e\u00a0-\u02ff\u0370-\u052f]+)/;
const chunkWidths = new Map<string, number>();

function chunkWidth(chunk: string): number {
  let width = chunkWidths.get(chunk);
  if (width === undefined) {
    width = stringWidth(chunk);
    if (chunkWidths.size < 10_000) chunkWidths.set(chunk, width);
  }
  return width;
}

let segmenter: Intl.Segmenter | undefined;
/** string-width costs ~0.3 ms a call: each distinct grapheme is measured once per process. */
const graphemeWidths = new Map<string, number>();

function graphemeWidth(grapheme: string): number {
  if (grapheme.length === 1 && NARROW.test(grapheme)) return 1;
  let width = graphemeWidths.get(grapheme);
  if (width === undefined) {
    width = stringWidth(grapheme);
    graphemeWidths.set(grapheme, width);
  }
  return width;
}

/** The text's graphemes (what the terminal draws as one character) with their widths. */
function graphemes(text: string): { text: string; width: number }[] {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return Array.from(segmenter.segment(text), ({ segment }) => ({
    text: segment,
    width: graphemeWidth(segment),
  }));
}

/** Cuts text to `width` columns, ending in an ellipsis when cut; never wraps. */
export function fitWidth(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  if (NARROW.test(text)) return `${text.slice(0, Math.max(0, width - 1))}…`;
  let out = '';
  let used = 0;
  for (const g of graphemes(text)) {
    if (used + g.width > width - 1) break;
    out += g.text;
    used += g.width;
  }
  return `${out}…`;
}

export function padToWidth(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/**
 * Text broken into lines of at most `width` columns at spaces, never inside a word; a word longer than a
 * whole line is broken where the line ends (a URL), grapheme by grapheme.
 */
export function wrapToWidth(text: string, width: number): string[] {
  const limit = Math.max(1, width);
  if (NARROW.test(text)) return text.length <= limit ? [text] : wrapNarrow(text, limit);
  if (displayWidth(text) <= limit) return [text];
  const lines: string[] = [];
  let line = '';
  let used = 0;
  let started = false;
  for (const word of text.split(' ')) {
    const wordWidth = displayWidth(word);
    if (started && used + 1 + wordWidth <= limit) {
      line += ` ${word}`;
      used += 1 + wordWidth;
      continue;
    }
    if (started) lines.push(line);
    started = true;
    if (wordWidth <= limit) {
      line = word;
      used = wordWidth;
      continue;
    }
    // A word wider than the line: as much as fits on each line.
    line = '';
    used = 0;
    for (const g of graphemes(word)) {
      if (used + g.width > limit) {
        lines.push(line);
        line = '';
        used = 0;
      }
      line += g.text;
      used += g.width;
    }
  }
  lines.push(line);
  return lines;
}

/** wrapToWidth for text of one column per character (most titles): slicing, no measuring. */
function wrapNarrow(text: string, limit: number): string[] {
  const lines: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const space = rest.lastIndexOf(' ', limit);
    if (space <= 0) {
      lines.push(rest.slice(0, limit));
      rest = rest.slice(limit);
    } else {
      lines.push(rest.slice(0, space));
      rest = rest.slice(space + 1);
    }
  }
  lines.push(rest);
  return lines;
}
