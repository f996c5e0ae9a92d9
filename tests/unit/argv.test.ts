import { describe, expect, it } from 'vitest';
import {
  commanderMessage,
  commandWord,
  filterBeforeCommand,
  splitConfigOverrides,
  taskwarriorOrder,
} from '../../src/cli/argv.js';
import {
  applyFilterTerms,
  contextWriteDefaults,
  type FilterTermOptions,
  describeDefaults,
  orGroups,
  splitAddWords,
} from '../../src/cli/taskwarrior-words.js';
import { MAX_TASKS_AT_ONCE, taskId, taskIds } from '../../src/cli/flags.js';

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

  it('gathers several ids before the command into one list: task 12 13 done, task 12-15 delete', () => {
    expect(taskwarriorOrder(['12', '13', 'done', '--result', 'ok'])).toEqual([
      'done',
      '12,13',
      '--result',
      'ok',
    ]);
    expect(taskwarriorOrder(['--as', 'anna', '12-15', 'delete'])).toEqual([
      '--as',
      'anna',
      'delete',
      '12-15',
    ]);
    expect(taskwarriorOrder(['12,14', '#15', 'modify', '+x'])).toEqual(['modify', '12,14,#15', '+x']);
    expect(taskwarriorOrder(['12', '13'])).toEqual(['show', '12,13']);
    expect(taskwarriorOrder(['12', 'comment', '3', 'apples'])).toEqual(['comment', '12', '3', 'apples']);
    expect(taskwarriorOrder(['2026-12-01'])).toEqual(['2026-12-01']);
    expect(taskwarriorOrder(['version'])).toEqual(['--version']);
  });

  it("reads a list option's value as its value, not as a command: task --limit 5", () => {
    expect(taskwarriorOrder(['--limit', '5'])).toEqual(['list', '--limit', '5']);
    expect(taskwarriorOrder(['--project', 'Sales', '--sort', 'priority'])).toEqual([
      'list',
      '--project',
      'Sales',
      '--sort',
      'priority',
    ]);
    expect(taskwarriorOrder(['--limit', '5', '12', 'done'])).toEqual(['--limit', '5', 'done', '12']);
  });

  it('reads task ids, lists and ranges in the order given, each once, and refuses the wrong ones', () => {
    expect(taskIds(['12'])).toEqual([12]);
    expect(taskIds(['12,13', '#20', '14-16', '13'])).toEqual([12, 13, 20, 14, 15, 16]);
    expect(taskIds(['3,'])).toEqual([3]);
    expect(() => taskIds(['5-1'])).toThrow('"5-1" is an empty range; write the lower id first, e.g. 1-5');
    expect(() => taskIds([`1-${MAX_TASKS_AT_ONCE + 1}`])).toThrow(
      `names more than ${MAX_TASKS_AT_ONCE} tasks`,
    );
    expect(() => taskIds(['12,x'])).toThrow('ID: "x" is not a task id');
    expect(() => taskIds(['0'])).toThrow('is not a task id');
    expect(() => taskId('12,13')).toThrow(
      'ID: "12,13" names several tasks; this command takes one at a time',
    );
    expect(taskId('#12')).toBe(12);
  });

  it('runs the list when no command is given, but not in place of --help or --version', () => {
    expect(taskwarriorOrder([])).toEqual(['list']);
    expect(taskwarriorOrder(['--json'])).toEqual(['list', '--json']);
    expect(taskwarriorOrder(['--all', '--db', 'x.db'])).toEqual(['list', '--all', '--db', 'x.db']);
    expect(taskwarriorOrder(['--help'])).toEqual(['--help']);
    expect(taskwarriorOrder(['-V'])).toEqual(['-V']);
  });

  it('moves filter words given before the command behind `list`', () => {
    expect(taskwarriorOrder(['project:Sales', '+office', 'list', '--all'])).toEqual([
      'list',
      'project:Sales',
      '+office',
      '--all',
    ]);
    expect(taskwarriorOrder(['--as', 'bob', '+office'])).toEqual(['--as', 'bob', 'list', '+office']);
    expect(taskwarriorOrder(['list', 'due:today'])).toEqual(['list', 'due:today']);
  });

  it("reads Taskwarrior's -TAG in place as a filter word of a list, and as a flag after the command of modify", () => {
    expect(taskwarriorOrder(['list', '-personal', '+office'])).toEqual([
      'list',
      'tags.hasnt:personal',
      '+office',
    ]);
    expect(taskwarriorOrder(['-personal', '+office'])).toEqual(['list', 'tags.hasnt:personal', '+office']);
    expect(taskwarriorOrder(['-personal'])).toEqual(['list', 'tags.hasnt:personal']);
    expect(taskwarriorOrder(['12', 'modify', '-urgent', '+calls'])).toEqual([
      'modify',
      '--untag',
      'urgent',
      '12',
      '+calls',
    ]);
    expect(taskwarriorOrder(['overdue', '-home'])).toEqual(['list', '+OVERDUE', 'tags.hasnt:home']);
    // In an or, the word stays in its alternative.
    expect(taskwarriorOrder(['+a', 'or', '-personal', 'count'])).toEqual([
      'list',
      '--count',
      '+a',
      'or',
      'tags.hasnt:personal',
    ]);
    expect(taskwarriorOrder(['list', '--tag', '-x', '-h'])).toEqual(['list', '--tag', '-x', '-h']); // a flag's value and -h stay
    expect(taskwarriorOrder(['add', 'Call', '-urgent'])).toEqual(['add', 'Call', '-urgent']);
    expect(applyFilterTerms<FilterTermOptions>(['tags.hasnt:personal', '-home'], {}).excludeTag).toEqual([
      'personal',
      'home',
    ]);
  });

  it("finds Taskwarrior's filter-then-command (task +urgent modify), which regula answers with ids instead", () => {
    expect(filterBeforeCommand(['+urgent', 'modify', 'pri:H'])).toEqual({
      terms: ['+urgent'],
      command: 'modify',
    });
    expect(filterBeforeCommand(['--as', 'bob', 'project:Sales', '-home', 'done', '--result', 'x'])).toEqual({
      terms: ['project:Sales', '-home'],
      command: 'done',
    });
    expect(filterBeforeCommand(['project:Sales', 'list'])).toBeUndefined();
    expect(filterBeforeCommand(['project:Sales'])).toBeUndefined();
    expect(filterBeforeCommand(['12', 'modify', '+x'])).toBeUndefined();
    expect(filterBeforeCommand(['add', 'Call', '+phone', 'done'])).toBeUndefined();
  });

  it("reads Taskwarrior's task config NAME VALUE as config set; config NAME shows it; config alone lists", () => {
    expect(taskwarriorOrder(['config', 'workdayMinutes', '420'])).toEqual([
      'config',
      'set',
      'workdayMinutes',
      '420',
    ]);
    expect(taskwarriorOrder(['config', 'workdayMinutes', '--json'])).toEqual([
      'config',
      'get',
      'workdayMinutes',
      '--json',
    ]);
    expect(taskwarriorOrder(['config'])).toEqual(['config', 'list']);
    expect(taskwarriorOrder(['config', '--json'])).toEqual(['config', '--json', 'list']);
    expect(taskwarriorOrder(['config', 'set', 'user', 'ann'])).toEqual(['config', 'set', 'user', 'ann']);
    expect(taskwarriorOrder(['config', '--help'])).toEqual(['config', '--help']);
  });

  it("reads Taskwarrior's named reports as the list with their filter, narrowed by the words around them", () => {
    expect(taskwarriorOrder(['overdue'])).toEqual(['list', '+OVERDUE']);
    expect(taskwarriorOrder(['--as', 'bob', 'active', 'project:Sales'])).toEqual([
      '--as',
      'bob',
      'list',
      '+ACTIVE',
      'project:Sales',
    ]);
    expect(taskwarriorOrder(['project:Sales', 'completed', '--json'])).toEqual([
      'list',
      '--status',
      'completed',
      'project:Sales',
      '--json',
    ]);
    expect(taskwarriorOrder(['+office', 'next'])).toEqual(['list', '+office']);
    expect(taskwarriorOrder(['all'])).toEqual(['list', '--all']);
    expect(taskwarriorOrder(['recurring'])).toEqual(['template', 'list']);
    expect(taskwarriorOrder(['add', 'overdue', 'invoices'])).toEqual(['add', 'overdue', 'invoices']); // a title word stays one
  });

  it('merges filter words into the list flags', () => {
    expect(
      applyFilterTerms(['pro:Sales', '+a', '+b,c', 'status:new', 'status:pending', 'due:today', 'limit:5'], {
        tag: ['x'],
      }),
    ).toEqual({
      project: 'Sales',
      tag: ['x', 'a', 'b', 'c'],
      status: ['new', 'pending'],
      due: 'today',
      limit: '5',
    });
    expect(applyFilterTerms(['project:Sales'], { project: 'Sales' })).toEqual({ project: 'Sales' });
    // Taskwarrior's virtual tags, in capitals; the same word in lower case is a tag of your own.
    expect(applyFilterTerms(['+OVERDUE', '+ACTIVE', '+today', '+constructor'], {})).toEqual({
      due: 'overdue',
      status: ['in_progress'],
      tag: ['today', 'constructor'],
    });
    expect(() => applyFilterTerms(['+TODAY', '+WEEK'], {})).toThrow('due is already "today"');
    expect(() => applyFilterTerms(['project:Sales'], { project: 'Ops' })).toThrow('project is already "Ops"');
    expect(() => applyFilterTerms(['colour:red'], {})).toThrow('"colour:red" is not a filter');
    expect(applyFilterTerms(['-home', '+office', '-xy'], { excludeTag: ['a'] })).toEqual({
      excludeTag: ['a', 'home', 'xy'],
      tag: ['office'],
    });
    expect(() => applyFilterTerms(['-OVERDUE'], {})).toThrow('-OVERDUE: a virtual tag cannot be left out');
    expect(() => applyFilterTerms([], { excludeTag: ['BLOCKED'] })).toThrow(
      '-BLOCKED: a virtual tag cannot be left out',
    );
    expect(() => applyFilterTerms(['due:'], {})).toThrow('"due:" is not a filter');
  });

  it("takes Taskwarrior's attribute words out of a title given as words, and leaves quoted text alone", () => {
    expect(
      splitAddWords(['Call', 'Ivan', 'project:Sales', 'due:fri', '+phone', 'pri:H', 'plan:15m'], {}),
    ).toEqual({
      title: ['Call', 'Ivan'],
      options: { project: 'Sales', deadline: 'fri', tag: ['phone'], priority: 'H', plan: '15m' },
    });
    expect(splitAddWords(['Sales: Call Ivan due:tomorrow'], {}).title).toEqual([
      'Sales: Call Ivan due:tomorrow',
    ]);
    expect(
      splitAddWords(['Sales:', 'Fix', 'ratio', '3:1', 'in', 'C++', '+1', 're:contract', 'Ops:Now'], {}).title,
    ).toEqual(['Sales:', 'Fix', 'ratio', '3:1', 'in', 'C++', '+1', 're:contract', 'Ops:Now']);
    expect(splitAddWords(['x', '+a'], { tag: ['b'] }).options.tag).toEqual(['b', 'a']);
    expect(() => splitAddWords(['x', 'due:fri'], { deadline: 'today' })).toThrow(
      'deadline is already "today"',
    );
  });

  it("refuses Taskwarrior's recur:, wait: and until: with regula's way, instead of leaving them in the title", () => {
    expect(() => splitAddWords(['Pay', 'rent', 'recur:monthly'], {})).toThrow(
      'recur:monthly: regula makes recurring tasks from templates (R19): task template add "TITLE" --every',
    );
    expect(() => splitAddWords(['Review', 'WAIT:fri'], {})).toThrow(
      'WAIT:fri: to put a task off to a later day, plan it for that day with scheduled:DATE',
    );
    expect(() => splitAddWords(['Offer', 'until:eom'], {})).toThrow(
      /until:eom: tasks do not expire in regula .*\(a title with this word: put the title in quotes\)$/,
    );
    expect(splitAddWords(['Sales: Wait for recur:monthly'], {}).title).toEqual([
      'Sales: Wait for recur:monthly',
    ]);
  });

  it("puts commander's messages on one line", () => {
    expect(commanderMessage("error: unknown command 'strat'\n(Did you mean start?)\n")).toBe(
      "unknown command 'strat' (did you mean start?)",
    );
    expect(commanderMessage("error: missing required argument 'ids'", 'done')).toBe(
      'missing the task id: task done ID (the number task list shows)',
    );
    expect(commanderMessage("error: missing required argument 'text'", 'comment')).toBe(
      "missing required argument 'text'",
    );
    expect(commanderMessage("error: missing required argument 'id'\n")).toBe(
      "missing required argument 'id'",
    );
    expect(commanderMessage("error: required option '--spent <duration>' not specified", 'log')).toBe(
      '--spent is required: task log ... --spent DURATION (task log --help shows every flag)',
    );
    expect(commanderMessage("error: required option '--at <time>' not specified", 'time split')).toBe(
      '--at is required: task time split ... --at TIME (task time split --help shows every flag)',
    );
  });
});

describe("a context's defaults for new tasks (Taskwarrior's write context)", () => {
  it('takes the project, the tags and a single priority; dates, people, statuses and virtual tags only filter', () => {
    expect(
      contextWriteDefaults(['project:Work', '+office', '+calls', 'pri:h', 'due:week', 'user:ann', '+ACTIVE']),
    ).toEqual({
      project: 'Work',
      tags: ['office', 'calls'],
      priority: 'high',
    });
    expect(contextWriteDefaults(['priority:H,M', 'status:pending', '+OVERDUE'])).toEqual({});
    expect(describeDefaults({ project: 'Work', tags: ['office'], priority: 'low' })).toEqual([
      'project:Work',
      '+office',
      'priority:low',
    ]);
    expect(describeDefaults({})).toEqual([]);
  });

  it('refuses a word that is not a filter and a priority that is not one', () => {
    expect(() => contextWriteDefaults(['soon'])).toThrow(/"soon" is not a filter/);
    expect(() => contextWriteDefaults(['priority:urgent'])).toThrow(
      '"priority:urgent" is not a priority; use priority:H, M or L',
    );
  });
});

describe("Taskwarrior's rc.KEY=VALUE words", () => {
  it('are taken out of the command line anywhere before --, with = or :', () => {
    expect(splitConfigOverrides(['rc.context=none', 'list', '+office', 'rc.workdayMinutes:6h'])).toEqual({
      args: ['list', '+office'],
      overrides: [
        { key: 'context', value: 'none' },
        { key: 'workdayMinutes', value: '6h' },
      ],
    });
    expect(splitConfigOverrides(['add', '--', 'rc.local=yes'])).toEqual({
      args: ['add', '--', 'rc.local=yes'],
      overrides: [],
    });
    expect(splitConfigOverrides(['add', 'rc.', 'rc.=x', 'src.a=b']).overrides).toEqual([]);
  });
});

describe("Taskwarrior's or in filters", () => {
  it('splits the words into alternatives; and binds tighter and may be left out', () => {
    expect(orGroups([])).toEqual([[]]);
    expect(orGroups(['+a', 'project:X'])).toEqual([['+a', 'project:X']]);
    expect(orGroups(['+a', 'OR', 'project:X', 'and', '+b', 'or', '-c'])).toEqual([
      ['+a'],
      ['project:X', '+b'],
      ['-c'],
    ]);
    expect(() => orGroups(['or', '+a'])).toThrow('or joins two filters');
    expect(() => orGroups(['+a', 'or', 'or', '+b'])).toThrow('or joins two filters');
    expect(() => orGroups(['(+a', 'or', '+b)'])).toThrow(/no parentheses/);
  });
  it('filter words with or before the command are the list', () => {
    expect(taskwarriorOrder(['+a', 'or', '+b', 'list'])).toEqual(['list', '+a', 'or', '+b']);
    expect(taskwarriorOrder(['project:X', 'and', '+b', 'or', '+c'])).toEqual([
      'list',
      'project:X',
      'and',
      '+b',
      'or',
      '+c',
    ]);
    expect(filterBeforeCommand(['+a', 'or', '+b', 'modify', 'pri:H'])).toEqual({
      terms: ['+a', 'or', '+b'],
      command: 'modify',
    });
  });
  it('a context with alternatives files new tasks nowhere, but checks every alternative', () => {
    expect(contextWriteDefaults(['+work', 'or', 'project:Ops', 'pri:H'])).toEqual({});
    expect(() => contextWriteDefaults(['+work', 'or', 'pri:X'])).toThrow('"priority:X" is not a priority');
    expect(() => contextWriteDefaults(['+work', 'or', 'ivan'])).toThrow(/"ivan" is not a filter/);
  });
});
