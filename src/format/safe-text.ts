/**
 * Text from the database (titles, comments, names, imported files) made safe to print. Control characters
 * (ANSI escape sequences among them: ESC, BEL, NUL, C1) and the Unicode bidi controls (U+202E
 * right-to-left override and its kin, which make a title read backwards) are shown as visible \uXXXX
 * escapes instead of being interpreted (issue 21).
 */
const BIDI = '\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069';
const CONTROL = new RegExp(`[\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029${BIDI}]`);
const CONTROL_ALL = new RegExp(CONTROL.source, 'g');
const BIDI_ONLY = new RegExp(`[${BIDI}]`);
const BIDI_ALL = new RegExp(`[${BIDI}]`, 'g');

/** "\u001b": the visible escape of one character. */
export function visibleEscape(ch: string): string {
  return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** Line breaks and tabs survive only where the caller allows multi-line text; elsewhere they are blanks. */
export function terminalSafe(text: string, { multiline = false } = {}): string {
  // Nearly all text has no control character: a test is much cheaper than a replace with a callback.
  if (!CONTROL.test(text)) return text;
  return text.replace(CONTROL_ALL, (ch) => {
    if (ch === '\n' || ch === '\t') return multiline ? ch : ' ';
    return visibleEscape(ch);
  });
}

/**
 * The bidi controls of a whole output shown as \uXXXX. regula itself never writes one, so this is safe
 * for any output, colours included; inside JSON strings the escape is the same character again.
 */
export function bidiSafe(text: string): string {
  return BIDI_ONLY.test(text) ? text.replace(BIDI_ALL, visibleEscape) : text;
}

/**
 * A CSV cell's text: line breaks and tabs stay (a quoted cell may hold them; a CR LF becomes LF), every
 * other control character and bidi control becomes a visible \uXXXX escape.
 */
export function csvSafe(text: string): string {
  if (!CONTROL.test(text)) return text;
  return text
    .replace(/\r\n/g, '\n')
    .replace(CONTROL_ALL, (ch) => (ch === '\n' || ch === '\t' ? ch : visibleEscape(ch)));
}
