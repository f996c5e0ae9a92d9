import { describe, expect, it } from 'vitest';
import type { ListedEntry } from '../../src/core/time-corrections.js';
import { renderEntries } from '../../src/format/entries.js';
import { displayWidth, fitWidth, wrapToWidth } from '../../src/format/width.js';

describe('text width as the terminal shows it (issue 20)', () => {
  it.each([
    ['abc', 3],
    ['Привет', 6],
    ['✅', 2],
    ['☕', 2],
    ['⚠️', 2],
    ['会議', 4],
    ['👨‍👩‍👧', 2],
    ['e\u0301', 1],
  ])('%s takes %i columns', (text, width) => {
    expect(displayWidth(text)).toBe(width);
  });

  it('cuts by whole characters, an emoji never halved', () => {
    expect(fitWidth('ab✅cd', 4)).toBe('ab…');
    expect(displayWidth(fitWidth('⚠️⚠️⚠️', 5))).toBeLessThanOrEqual(5);
  });

  it('wraps at spaces, never inside a word; a word longer than the line is broken where the line ends', () => {
    expect(wrapToWidth('Send the signed contract to the notary', 16)).toEqual([
      'Send the signed',
      'contract to the',
      'notary',
    ]);
    expect(wrapToWidth('see https://example.org/a/very/long/path', 12)).toEqual([
      'see',
      'https://exam',
      'ple.org/a/ve',
      'ry/long/path',
    ]);
    expect(wrapToWidth('    1  2026-11-27 09:00', 14)).toEqual(['    1 ', '2026-11-27', '09:00']);
    for (const line of wrapToWidth('Coffee ☕ ⚠️ broken again ✅ fixed', 9))
      expect(displayWidth(line)).toBeLessThanOrEqual(9);
  });
});

describe('task time list at 80 columns (issue 20)', () => {
  const entry = {
    entry: {
      id: 12,
      taskId: 3,
      userId: 1,
      startAt: new Date(2026, 10, 27, 9, 0),
      endAt: new Date(2026, 10, 27, 9, 45),
      source: 'manual' as const,
      comment: 'the notary called about the certified copies of the signed contract',
      retroactive: false,
      reason: null,
      createdAt: new Date(2026, 10, 27, 10, 0),
    },
    task: { id: 3, title: 'Legal: Send the signed contract to the notary' },
    seconds: 2700,
    wholeSeconds: 2700,
    corrected: false,
  } as unknown as ListedEntry;

  it('wraps a long entry at spaces under its date on a terminal, never mid-word; piped it stays one line', () => {
    const wrapped = renderEntries([entry], { width: 80 }).split('\n');
    const lines = wrapped.slice(0, -1);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(80);
    for (const line of lines.slice(1)) expect(line.startsWith('       ') && line[7] !== ' ').toBe(true);
    const piped = renderEntries([entry]).split('\n');
    expect(piped).toHaveLength(2);
    const words = (text: string) => text.trim().split(/\s+/);
    expect(words(lines.join(' '))).toEqual(words(piped[0]!));
  });
});
