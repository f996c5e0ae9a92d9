import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Sandbox } from './helpers.js';

/** Splits a README command line into words: double and single quotes, a trailing "# comment". */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let current = '';
  let quote: '"' | "'" | null = null;
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote) {
      if (ch === quote) quote = null;
      else current += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (ch === '#' && !inWord) {
      break;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return words;
}

function walkthroughCommands(): string[][] {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const block = /<!-- walkthrough:start -->([\s\S]*?)<!-- walkthrough:end -->/.exec(readme);
  if (!block) throw new Error('README has no walkthrough block');
  return block[1]!
    .split('\n')
    .filter((line) => line.startsWith('task '))
    .map((line) => shellWords(line).slice(1));
}

let sb: Sandbox;
beforeEach(() => {
  sb = new Sandbox();
});
afterEach(() => sb.remove());

describe('README: a day by the regulations', () => {
  it('every command of the walkthrough runs, three minutes apart', async () => {
    const commands = walkthroughCommands();
    expect(commands.length).toBeGreaterThan(10);
    for (const [i, args] of commands.entries()) {
      const minutes = 9 * 60 + i * 3;
      const now = `2026-11-27T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
      const result = await sb.run(args, {
        now,
        user: undefined as unknown as string,
        env: { REGULA_USER: undefined },
      });
      expect(result.exitCode, `task ${args.join(' ')}\n${result.stderr}`).toBe(0);
    }
    const tasks = await sb.json<any[]>(['list', '--all'], { user: 'anna' });
    const byId = Object.fromEntries(tasks.map((t) => [t.id, t]));
    expect(byId[1]).toMatchObject({ status: 'pending', deadline: '2026-11-30T23:59:59.999Z' });
    expect(byId[2]).toMatchObject({
      status: 'completed',
      mark: 'positive',
      director: 'boss',
      responsible: 'anna',
    });
    expect(byId[3]).toMatchObject({ kind: 'stec' });
    expect(byId[4]).toMatchObject({
      title: "Sales: Answer Petr's call about prices",
      status: 'completed',
      spentMinutes: 10,
    });
    expect(byId[5]).toMatchObject({
      title: 'General (Sales): Conclude the agreement with Client X',
      kind: 'general',
      timeTracking: false,
    });
    expect(byId[6]).toMatchObject({ title: 'Sales: Prepare the agreement', parentId: 5 });
  });

  it('shellWords reads quotes and drops comments', () => {
    expect(shellWords(`task add "Sales: Call Ivan" --plan 15m   # a comment`)).toEqual([
      'task',
      'add',
      'Sales: Call Ivan',
      '--plan',
      '15m',
    ]);
    expect(shellWords(`task comment 1 'it''s #1'`)).toEqual(['task', 'comment', '1', 'its #1']);
  });
});
