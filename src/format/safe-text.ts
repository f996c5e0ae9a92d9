/**
 * Makes stored text safe to print on a terminal: control characters (ANSI escape sequences among them)
 * are shown as visible \u escapes instead of being interpreted. Line breaks and tabs survive only where
 * the caller allows multi-line text.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

export function terminalSafe(text: string, { multiline = false } = {}): string {
  // Nearly all text has no control character: a test is much cheaper than a replace with a callback.
  if (!CONTROL.test(text)) return text;
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (ch) => {
    if (multiline && (ch === '\n' || ch === '\t')) return ch;
    if (!multiline && (ch === '\n' || ch === '\t')) return ' ';
    return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
