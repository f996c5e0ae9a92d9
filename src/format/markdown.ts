/** A character that mdText removes, joins or escapes, or a start it escapes (\t too: simpler, and kept). */
const NEEDS_ESCAPING = /[\u0000-\u001f\u007f-\u009f\\`*_[\]|<>~]|^[#+\-=>\d]/;

/** Markdown text safe inside a table cell or a line: no raw HTML, no accidental formatting, one line. */
export function mdText(text: string): string {
  // Most cells (names, numbers, plain titles) need nothing: one test instead of four replacements over
  // every cell of a team's month (issue 22).
  if (!NEEDS_ESCAPING.test(text)) return text;
  return text
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '')
    .replace(/\r?\n/g, ' ')
    .replace(/([\\`*_[\]|<>~])/g, '\\$1')
    .replace(/^([#+\-=>]|\d+\.)/, '\\$1');
}

export function mdTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
