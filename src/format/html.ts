import { formatMinutes } from '../core/duration.js';
import { truncate } from './text.js';

/** HTML escaping for text and attribute values; control characters are dropped. */
export function htmlText(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export interface Bar {
  label: string;
  planned: number;
  tracked: number;
}

/**
 * A horizontal bar chart of planned vs tracked minutes as inline SVG: one pair of bars per person or
 * day, labelled with the numbers, no scripts, no network.
 */
export function barChartSvg(bars: readonly Bar[], title: string): string {
  const rowHeight = 34;
  const labelWidth = 220;
  // About 7 px per character of the 12 px label font: longer labels are cut, the full text is the tooltip.
  const labelChars = Math.floor((labelWidth - 12) / 7);
  const chartWidth = 460;
  const height = bars.length * rowHeight + 40;
  const max = Math.max(1, ...bars.flatMap((b) => [b.planned, b.tracked]));
  const scale = (minutes: number) => Math.round((minutes / max) * chartWidth);
  const rows = bars
    .map((bar, i) => {
      const y = 30 + i * rowHeight;
      return [
        `<text x="${labelWidth - 8}" y="${y + 14}" text-anchor="end" class="label"><title>${htmlText(bar.label)}</title>${htmlText(truncate(bar.label, labelChars))}</text>`,
        `<rect x="${labelWidth}" y="${y}" width="${scale(bar.planned)}" height="12" class="planned"><title>planned ${bar.planned} min</title></rect>`,
        `<text x="${labelWidth + scale(bar.planned) + 4}" y="${y + 10}" class="value">${formatMinutes(bar.planned)}</text>`,
        `<rect x="${labelWidth}" y="${y + 14}" width="${scale(bar.tracked)}" height="12" class="tracked"><title>tracked ${bar.tracked} min</title></rect>`,
        `<text x="${labelWidth + scale(bar.tracked) + 4}" y="${y + 24}" class="value">${formatMinutes(bar.tracked)}</text>`,
      ].join('');
    })
    .join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${htmlText(title)}" width="${labelWidth + chartWidth + 80}" height="${height}" viewBox="0 0 ${labelWidth + chartWidth + 80} ${height}">
<style>.label{font:12px sans-serif}.value{font:10px sans-serif;fill:#444}.planned{fill:#9db7d5}.tracked{fill:#2f6f3e}</style>
<rect x="${labelWidth}" y="6" width="10" height="10" class="planned"/><text x="${labelWidth + 14}" y="15" class="label">planned</text>
<rect x="${labelWidth + 80}" y="6" width="10" height="10" class="tracked"/><text x="${labelWidth + 94}" y="15" class="label">tracked</text>
${rows}
</svg>`;
}

export function htmlPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${htmlText(title)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:60em;color:#222;padding:0 1em}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%;margin:.6em 0}th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}
th{background:#f2f2f2}td.num{text-align:right;font-variant-numeric:tabular-nums}
.flag{color:#a40}.muted{color:#666}.bad{color:#b00}.good{color:#060}
@media print{body{margin:0;max-width:none}h2{page-break-after:avoid}table{page-break-inside:auto}tr{page-break-inside:avoid}}
</style>
</head>
<body>
${body}
</body>
</html>
`;
}
