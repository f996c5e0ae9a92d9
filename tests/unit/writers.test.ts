import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvCell, csvTable } from '../../src/format/csv.js';
import { barChartSvg, htmlText } from '../../src/format/html.js';
import { fold, renderIcs } from '../../src/format/ics.js';
import { mdText } from '../../src/format/markdown.js';
import { bidiSafe, terminalSafe } from '../../src/format/safe-text.js';
import { idRanges } from '../../src/format/text.js';

describe('CSV', () => {
  it('guards against formula injection and quotes what needs quoting', () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
  });

  it('issue 21: ESC, BEL, NUL, a lone CR, C1 and bidi controls are written as visible \\u escapes', () => {
    expect(csvCell('red \u001b[31mX\u0007 \u0000end')).toBe('red \\u001b[31mX\\u0007 \\u0000end');
    expect(csvCell('a\u009bb \u202eevil \u2066x\u2069')).toBe('a\\u009bb \\u202eevil \\u2066x\\u2069');
    expect(csvCell('over\rwrite')).toBe('over\\u000dwrite');
    expect(csvCell('kept\r\nlines\tand tabs')).toBe('"kept\nlines\tand tabs"');
    const table = csvTable(
      ['title', 'project', 'tags'],
      [['\u001b]8;;http://evil\u0007link', 'P\u202eroj', 'a\u0007 b']],
    );
    expect(table).not.toMatch(/[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e]/);
  });

  it('parses back to the same text (apart from the formula guard)', () => {
    const text = csvTable(
      ['a', 'b'],
      [
        ['Продажи: "quoted", comma', 'multi\nline'],
        ['=1+1', 3],
      ],
    );
    expect(parseCsv(text)).toEqual([
      ['a', 'b'],
      ['Продажи: "quoted", comma', 'multi\nline'],
      ["'=1+1", '3'],
    ]);
  });
});

describe('HTML, Markdown and terminal text', () => {
  it('escapes markup', () => {
    expect(htmlText(`<script>alert("x")</script> & 'q'`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;',
    );
    expect(mdText('a | b *c* <b>\nnext')).toBe('a \\| b \\*c\\* \\<b\\> next');
    expect(mdText('# not a heading')).toBe('\\# not a heading');
  });

  it('Markdown: the quick path for plain text gives what the full escaping gives (issue 22)', () => {
    // The escaping spelled out, as mdText did it for every text before the quick path.
    const full = (text: string) =>
      text
        .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '')
        .replace(/\r?\n/g, ' ')
        .replace(/([\\`*_[\]|<>~])/g, '\\$1')
        .replace(/^([#+\-=>]|\d+\.)/, '\\$1');
    const texts = [
      'Sales: Send the offer',
      'plain words, commas; and (brackets) {braces} "quotes" \'apostrophes\' ?!@$%^&',
      '12. not a list',
      '12 apples',
      '1.5 hours',
      '-3 degrees',
      '+ plus',
      '= equals',
      '> quote',
      'a\tb',
      'a\r\nb',
      '\u0001# hidden heading',
      'tail \u0085 next line',
      'Ünïcödé ταχύ кириллица 日本語 😀',
      'a_b',
      '',
      ' # spaced',
    ];
    for (const text of texts) expect([text, mdText(text)]).toEqual([text, full(text)]);
  });

  it('issue 21: a right-to-left override never reaches the terminal raw', () => {
    expect(terminalSafe('invoice \u202efdp.exe')).toBe('invoice \\u202efdp.exe');
    expect(terminalSafe('\u2067x\u2069 \u200f')).toBe('\\u2067x\\u2069 \\u200f');
    expect(bidiSafe('\u001b[1mbold\u001b[0m \u202e')).toBe('\u001b[1mbold\u001b[0m \\u202e');
    expect(JSON.parse(bidiSafe(JSON.stringify({ t: 'a\u202eb' })))).toEqual({ t: 'a\u202eb' });
  });

  it('never lets an ANSI escape sequence reach the terminal raw', () => {
    expect(terminalSafe('red \u001b[31mtext\u001b[0m')).toBe('red \\u001b[31mtext\\u001b[0m');
    expect(terminalSafe('two\nlines')).toBe('two lines');
    expect(terminalSafe('two\nlines', { multiline: true })).toBe('two\nlines');
  });

  it('draws one planned and one tracked bar per row, scaled to the largest value', () => {
    const svg = barChartSvg(
      [
        { label: 'anna', planned: 240, tracked: 120 },
        { label: '<b>', planned: 0, tracked: 480 },
      ],
      'chart',
    );
    expect(svg).toContain('width="230" height="12" class="planned"');
    expect(svg).toContain('width="460" height="12" class="tracked"');
    expect(svg).toContain('&lt;b&gt;');
  });

  it('cuts a long label to the label column and keeps the full text as its tooltip', () => {
    const label = '4897 Реклама: Позвонить the client about the new price list';
    const svg = barChartSvg([{ label, planned: 60, tracked: 30 }], 'chart');
    const shown = /<\/title>([^<]*)<\/text>/.exec(svg)![1]!;
    expect(shown.endsWith('…')).toBe(true);
    expect([...shown].length).toBe(29);
    expect(label.startsWith(shown.slice(0, -1))).toBe(true);
    expect(svg).toContain(`<title>${label}</title>`);
  });
});

describe('iCalendar text', () => {
  it('issue 21: a bare CR cannot start a line of its own (no injected VEVENT)', () => {
    const injected = 'Meeting\rEND:VTODO\rBEGIN:VEVENT\rSUMMARY:evil\rEND:VEVENT\rBEGIN:VTODO';
    const task = {
      id: 1,
      title: injected,
      description: 'a\rb\r\nc\u202e',
      tags: [],
      deadline: new Date('2026-12-01T10:00:00Z'),
      deadlineAllDay: false,
      status: 'new',
      priority: 'medium',
      createdAt: new Date(0),
      updatedAt: new Date(0),
      closedAt: null,
    };
    const ics = renderIcs({ instanceId: 'x', now: new Date(0), tasks: [task as never], plans: [] });
    for (const line of ics.split(/\r\n|\r|\n/)) expect(line).not.toMatch(/^(BEGIN|END):VEVENT/);
    expect(ics.split(/\r\n|\r|\n/).filter((l) => l.startsWith('BEGIN:'))).toEqual([
      'BEGIN:VCALENDAR',
      'BEGIN:VTODO',
    ]);
    expect(ics).toContain('DESCRIPTION:a\\nb\\nc\r\n');
  });
});

describe('iCalendar line folding', () => {
  it('folds at 75 octets without splitting a UTF-8 character', () => {
    const line = `SUMMARY:${'Ж'.repeat(60)}`;
    const folded = fold(line);
    for (const part of folded.split('\r\n')) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
    expect(
      folded
        .split('\r\n')
        .map((p, i) => (i === 0 ? p : p.slice(1)))
        .join(''),
    ).toBe(line);
  });
});

describe('id ranges', () => {
  it("writes runs of ids as Taskwarrior's ids does", () => {
    expect(idRanges([])).toBe('');
    expect(idRanges([7])).toBe('7');
    expect(idRanges([1, 2])).toBe('1-2');
    expect(idRanges([1, 2, 3, 5, 7, 8, 10])).toBe('1-3 5 7-8 10');
  });
});
