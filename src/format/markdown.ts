/** Markdown text safe inside a table cell or a line: no raw HTML, no accidental formatting, one line. */
export function mdText(text: string): string {
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
