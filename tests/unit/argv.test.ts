import { describe, expect, it } from 'vitest';
import { commanderMessage, commandWord, taskwarriorOrder } from '../../src/cli/argv.js';
import { applyFilterTerms, splitAddWords } from '../../src/cli/taskwarrior-words.js';

describe('command line order', () => {
  it('finds the command word after global options and their values', () => {
    expect(commandWord(['--db', 'x.db', '--as', 'anna', 'list', '--all'])).toBe('list');
    expect(commandWord(['--json'])).toBeUndefined();
  });

  it("rewrites Taskwarrior's ID-first order and leaves ours alone", () => {
    expect(taskwarriorOrder(['12', 'done', '--result', 'ok'])).toEqual(['done', '12', '--result', 'ok']);
    expect(taskwarriorOrder(['--as', 'anna', '#12', 'start'])).toEqual(['--as', 'anna', 'start', '#12']);
    expect(taskwarriorOrder(['12'])).toEqual(['show', '12']);
    expect(taskwarriorOrder(['12', '--json'])).toEqual(['show', '12', '--json']);
    expect(taskwarriorOrder(['start', '12'])).toEqual(['start', '12']);
    expect(taskwarriorOrder(['--db', '12', 'list'])).toEqual(['--db', '12', 'list']);
  });

  it('runs the list when no command is given, but not in place of --help or --version', () => {
    expect(taskwarriorOrder([])).toEqual(['list']);
    expect(taskwarriorOrder(['--json'])).toEqual(['list', '--json']);
    expect(taskwarriorOrder(['--all', '--db', 'x.db'])).toEqual(['list', '--all', '--db', 'x.db']);
    expect(taskwarriorOrder(['--help'])).toEqual(['--help']);
    expect(taskwarriorOrder(['-V'])).toEqual(['-V']);
  });

  it('moves filter words given before the command behind `list`', () => {
    expect(taskwarriorOrder(['project:Sales', '+office', 'list', '--all'])).toEqual(['list', 'project:Sales', '+office', '--all']);
    expect(taskwarriorOrder(['--as', 'bob', '+office'])).toEqual(['--as', 'bob', 'list', '+office']);
    expect(taskwarriorOrder(['list', 'due:today'])).toEqual(['list', 'due:today']);
  });

  it('merges filter words into the list flags', () => {
    expect(applyFilterTerms(['pro:Sales', '+a', '+b,c', 'status:new', 'status:pending', 'due:today', 'limit:5'], { tag: ['x'] })).toEqual({
      project: 'Sales',
      tag: ['x', 'a', 'b', 'c'],
      status: ['new', 'pending'],
      due: 'today',
      limit: '5',
    });
    expect(applyFilterTerms(['project:Sales'], { project: 'Sales' })).toEqual({ project: 'Sales' });
    expect(() => applyFilterTerms(['project:Sales'], { project: 'Ops' })).toThrow('project is already "Ops"');
    expect(() => applyFilterTerms(['colour:red'], {})).toThrow('"colour:red" is not a filter');
    expect(() => applyFilterTerms(['due:'], {})).toThrow('"due:" is not a filter');
  });

  it("takes Taskwarrior's attribute words out of a title given as words, and leaves quoted text alone", () => {
    expect(splitAddWords(['Call', 'Ivan', 'project:Sales', 'due:fri', '+phone', 'pri:H', 'plan:15m'], {})).toEqual({
      title: ['Call', 'Ivan'],
      options: { project: 'Sales', deadline: 'fri', tag: ['phone'], priority: 'H', plan: '15m' },
    });
    expect(splitAddWords(['Sales: Call Ivan due:tomorrow'], {}).title).toEqual(['Sales: Call Ivan due:tomorrow']);
    expect(splitAddWords(['Sales:', 'Fix', 'ratio', '3:1', 'in', 'C++', '+1', 're:contract', 'Ops:Now'], {}).title).toEqual(['Sales:', 'Fix', 'ratio', '3:1', 'in', 'C++', '+1', 're:contract', 'Ops:Now']);
    expect(splitAddWords(['x', '+a'], { tag: ['b'] }).options.tag).toEqual(['b', 'a']);
    expect(() => splitAddWords(['x', 'due:fri'], { deadline: 'today' })).toThrow('deadline is already "today"');
  });

  it("puts commander's messages on one line", () => {
    expect(commanderMessage("error: unknown command 'strat'\n(Did you mean start?)\n")).toBe("unknown command 'strat' (did you mean start?)");
    expect(commanderMessage("error: missing required argument 'id'\n")).toBe("missing required argument 'id'");
  });
});
