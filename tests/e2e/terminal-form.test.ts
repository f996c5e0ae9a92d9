import { execa, type ResultPromise } from 'execa';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, Sandbox } from './helpers.js';

// R0/R5: `task add -i` on a real terminal. util-linux `script` gives the program a pseudo-terminal (so
// stdin and stdout are TTYs, as for a person typing); the test types into it and reads the screen.
// The steps around the terminal (making tasks, reading them back) run in process (issue 19: a process
// per step was most of this file's time); what a command does without a terminal is checked on the
// real binary with a pipe (`sb.spawn`).

let sb: Sandbox;
beforeEach(() => {
  sb = new Sandbox({ inProcess: true });
});
afterEach(() => sb.remove());

/** Starts `task ARGS` on a pseudo-terminal; `type` sends keys once the screen shows `waitFor`. */
function onTerminal(args: string[], env: Record<string, string | undefined> = {}) {
  const command = ['node', BIN, ...args].map((word) => `'${word.replace(/'/g, "'\\''")}'`).join(' ');
  const child: ResultPromise = execa('script', ['-qfec', command, '/dev/null'], {
    env: { ...sb.env(), TERM: 'xterm', COLUMNS: '100', ...env },
    reject: false,
  });
  let screen = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    screen += chunk.toString();
  });
  const shown = async (text: string) => {
    const started = Date.now();
    while (!screen.includes(text)) {
      if (Date.now() - started > 15_000)
        throw new Error(`the terminal never showed "${text}"; it shows:\n${screen}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  return {
    child,
    screen: () => screen,
    async type(waitFor: string, keys: string) {
      await shown(waitFor);
      child.stdin!.write(keys);
    },
    shown,
  };
}

const ENTER = '\r';
const DOWN = '\u001b[B';
const BACKSPACE = '\u007f';
const CTRL_C = '\u0003';

describe('task add -i on a terminal', () => {
  it('asks title, project (picked from the existing ones), plan, deadline, priority and tags, then creates the task', async () => {
    await sb.ok(['add', 'Ops: Check backups', '--plan', '10m']);
    await sb.ok(['add', 'Sales: Call Ivan', '--plan', '15m']);
    const form = onTerminal(['add', '-i']);
    await form.type('Title', `Prepare the offer${ENTER}`);
    await form.type('Project:', DOWN); // Ops is first, Sales second
    await form.shown('❯ Sales');
    form.child.stdin!.write(ENTER);
    await form.type('Planned time', `abc${ENTER}`);
    await form.type('use ', `${BACKSPACE.repeat(3)}1h30m${ENTER}`);
    await form.type('Deadline', ENTER); // the default: today
    await form.type('Priority', `${DOWN}${ENTER}`);
    await form.type('Tags', `client, offer${ENTER}`);
    const result = await form.child;
    expect(result.exitCode).toBe(0);
    expect(form.screen()).toContain('Created task 3: Sales: Prepare the offer');
    const task = await sb.json<any>(['show', '3']);
    expect(task).toMatchObject({
      title: 'Sales: Prepare the offer',
      project: 'Sales',
      plannedMinutes: 90,
      priority: 'high',
      tags: ['client', 'offer'],
      deadline: expect.stringMatching(/^2026-11-27T/),
    });
  });

  it("offers the context's project, priority and tags as the form's defaults", async () => {
    await sb.ok(['add', 'Ops: Check backups', '--plan', '10m']);
    await sb.ok(['add', 'Sales: Call Ivan', '--plan', '10m']);
    await sb.ok(['context', 'define', 'work', 'project:Sales', '+office', 'priority:H']);
    await sb.ok(['context', 'work']);
    const form = onTerminal(['add', '-i']);
    await form.type('Title', `Buy paper${ENTER}`);
    await form.shown('❯ Sales'); // the context's project is chosen, though Ops comes first
    await form.type('Project:', ENTER);
    await form.type('Planned time', `10m${ENTER}`);
    await form.type('Deadline', ENTER);
    await form.type('Priority', ENTER);
    await form.type('Tags', ENTER);
    const result = await form.child;
    expect(result.exitCode).toBe(0);
    expect(await sb.json<any>(['show', '3'])).toMatchObject({
      title: 'Sales: Buy paper',
      project: 'Sales',
      priority: 'high',
      tags: ['office'],
    });
  });

  it('a title with its own project prefix skips the project question', async () => {
    await sb.ok(['add', 'Ops: Check backups', '--plan', '10m']);
    const form = onTerminal(['add', '-i']);
    await form.type('Title', `Legal: Read the contract${ENTER}`);
    await form.type('Planned time', `20m${ENTER}`);
    await form.type('Deadline', `2026-12-01${ENTER}`);
    await form.type('Priority', ENTER);
    await form.type('Tags', ENTER);
    const result = await form.child;
    expect(result.exitCode).toBe(0);
    expect(form.screen()).not.toContain('Project:');
    const task = await sb.json<any>(['show', '2']);
    expect(task).toMatchObject({
      title: 'Legal: Read the contract',
      project: 'Legal',
      plannedMinutes: 20,
      priority: 'medium',
      tags: [],
    });
    expect(task.deadline).toMatch(/^2026-12-01/);
  });
});

describe('task done on a terminal (R31, R32)', () => {
  it('asks for the result, and for the explanation when the time ran far over the plan', async () => {
    await sb.ok(['add', 'Ops: Restore the backup', '--plan', '10m']);
    await sb.ok(['time', 'add', '1', '1h', '--at', '07:00', '--comment', 'restore ran long']);
    const form = onTerminal(['done', '1']);
    await form.type('Result', `Backup restored, checksum verified${ENTER}`);
    await form.type('Explanation', `The archive was on the slow tier${ENTER}`);
    const result = await form.child;
    expect(result.exitCode).toBe(0);
    expect(form.screen()).toContain('Completed: task 1');
    const task = await sb.json<any>(['show', '1']);
    expect(task.status).toBe('completed');
    expect(task.result).toMatchObject({
      result: 'Backup restored, checksum verified',
      explanation: 'The archive was on the slow tier',
      author: 'alice',
    });
  });
});

describe('R31 on a real clock', () => {
  it('the time spent writing the result counts toward the task: the timer stops when the result is given', async () => {
    const live = { REGULA_NOW: undefined };
    await sb.ok(['add', 'Ops: Write the incident summary', '--plan', '15m'], { env: live });
    await sb.ok(['start', '1'], { env: live });
    const form = onTerminal(['done', '1'], live);
    await form.shown('Result');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const typedAt = Date.now();
    form.child.stdin!.write(`Summary sent to the team${ENTER}`);
    expect((await form.child).exitCode).toBe(0);
    const [entry] = sb.sql<{ start_at: number; end_at: number }>('SELECT start_at, end_at FROM time_entries');
    expect(entry!.end_at).toBeGreaterThanOrEqual(typedAt - 100);
    expect(entry!.end_at - entry!.start_at).toBeGreaterThanOrEqual(1400);
  });
});

describe('task start on a terminal (R25: find and start the right task in seconds)', () => {
  beforeEach(async () => {
    await sb.ok(['add', 'Sales: Call Ivan about the offer', '--plan', '15m']);
    await sb.ok(['add', 'Sales: Call Petr about the invoice', '--plan', '15m']);
    await sb.ok(['add', 'Ops: Подготовить отчёт', '--plan', '1h']);
  });

  it('with nothing named, offers your open tasks; typing narrows them (any language), Enter starts one', async () => {
    const picker = onTerminal(['start']);
    await picker.type('Start which task?', 'ОТЧЕТ');
    // The cursor comes to task 3 only once the list is narrowed to it.
    await picker.type('❯     3  Ops: Подготовить', ENTER);
    expect((await picker.child).exitCode).toBe(0);
    expect(picker.screen()).toContain('Started task 3 Ops: Подготовить отчёт.');
    expect((await sb.json(['status'])).running.taskId).toBe(3);
  });

  it('task done with no id offers your open tasks, the running one first, then asks for the result', async () => {
    await sb.ok(['start', '2']);
    const picker = onTerminal(['done']);
    await picker.type('❯     2  Sales: Call Petr', ENTER);
    await picker.type('Result', `Petr pays on Monday${ENTER}`);
    expect((await picker.child).exitCode).toBe(0);
    expect(picker.screen()).toContain('Completed: task 2 Sales: Call Petr about the invoice');
    expect((await sb.json(['show', '2'])).result).toMatchObject({ result: 'Petr pays on Monday' });
  });

  it('words that name several tasks offer those to pick from instead of refusing', async () => {
    const picker = onTerminal(['start', 'Call']);
    await picker.type('"Call" matches 2 tasks', DOWN);
    await picker.type('❯     2  Sales: Call Petr', ENTER);
    expect((await picker.child).exitCode).toBe(0);
    expect((await sb.json(['status'])).running.taskId).toBe(2);
    // Without a terminal the same words are refused with the ids, and nothing starts by guess.
    const piped = await sb.spawn(['start', 'Call']);
    expect(piped.exitCode).toBe(2);
    expect(piped.stderr).toMatch(
      /^task: "Call" matches 2 open tasks of yours \(1 Sales: Call Ivan about the offer; 2 Sales: Call Petr about the invoice\)/,
    );
    expect((await sb.spawn(['start'])).stderr).toBe(
      'task: missing the task id: task start ID, or words of its title (R25: task start prepar)',
    );
  });
});

describe("task edit ID alone on a terminal (Taskwarrior's editor)", () => {
  it('opens the task as a form in $EDITOR; what is changed there becomes the edit, with its history', async () => {
    await sb.ok([
      'add',
      'Sales: Call Ivan',
      '--plan',
      '15m',
      '--deadline',
      'today',
      '--tag',
      'phone',
      '--description',
      '1. Call',
    ]);
    await sb.ok(['add', 'Sales: Get the price list']);
    const editor = join(sb.dir, 'editor.sh');
    writeFileSync(
      editor,
      `#!/bin/sh\nsed -i -e 's/^plan: .*/plan: 45m/' -e 's/^tags: .*/tags: phone, urgent/' -e 's/^depends:.*/depends: 2/' -e 's/^deadline: .*/deadline: 2026-12-01 14:00/' "$1"\necho "2. Send the summary" >> "$1"\n`,
      { mode: 0o755 },
    );
    const form = onTerminal(['1', 'edit'], { EDITOR: editor, VISUAL: undefined });
    const result = await form.child;
    expect(result.exitCode, form.screen()).toBe(0);
    expect(form.screen()).toContain('Updated task 1: Sales: Call Ivan');
    expect(await sb.json(['show', '1'])).toMatchObject({
      plannedMinutes: 45,
      tags: ['phone', 'urgent'],
      dependsOn: [2],
      deadline: '2026-12-01T14:00:00.000Z',
      deadlineAllDay: false,
      description: '1. Call\n2. Send the summary',
    });
    const fields = (await sb.json<any[]>(['history', '1'])).map((h) => h.field);
    expect(fields).toEqual(
      expect.arrayContaining(['plannedMinutes', 'tags', 'depends', 'deadline', 'description']),
    );
    // Without a terminal nothing opens: the error says what to pass.
    const piped = await sb.spawn(['1', 'edit']);
    expect(piped.exitCode).toBe(2);
    expect(piped.stderr).toMatch(/^task: nothing to change; pass at least one option/);
  });

  it('an untouched form changes nothing; a broken one is refused and changes nothing', async () => {
    await sb.ok(['add', 'Sales: Call Ivan', '--plan', '15m']);
    const untouched = onTerminal(['edit', '1'], { EDITOR: 'true', VISUAL: undefined });
    expect((await untouched.child).exitCode).toBe(0);
    expect(untouched.screen()).toContain('Task 1 already reads so; nothing changed.');
    const before = sb.dump();
    const broken = join(sb.dir, 'broken.sh');
    writeFileSync(broken, `#!/bin/sh\nsed -i -e 's/^plan: .*/plan: soon/' "$1"\n`, { mode: 0o755 });
    const refused = onTerminal(['edit', '1'], { EDITOR: broken, VISUAL: undefined });
    expect((await refused.child).exitCode).toBe(2);
    expect(refused.screen()).toContain('plan: "soon" is not a duration');
    // What was typed is not lost: the message names the file that keeps the edited form.
    const kept = /your edited form is kept in (\S+task-1\.txt)\)/.exec(
      refused.screen().replace(/\r?\n/g, ''),
    );
    expect(kept, refused.screen()).not.toBeNull();
    expect(readFileSync(kept![1]!, 'utf8')).toMatch(/^plan: soon$/m);
    expect(sb.dump()).toBe(before);
  });
});

describe('task done on a terminal with several tasks', () => {
  it('asks each task for its own result, naming the task, and closes them together', async () => {
    await sb.ok(['add', 'Sales: Call Ivan', '--plan', '15m']);
    await sb.ok(['add', 'Sales: Call Petr', '--plan', '15m']);
    const form = onTerminal(['1', '2', 'done']);
    await form.type('Task 1 - Result', `Ivan agreed${ENTER}`);
    await form.type('Task 2 - Result', `Petr declined${ENTER}`);
    expect((await form.child).exitCode).toBe(0);
    expect(form.screen()).toContain('Completed: task 2 Sales: Call Petr');
    expect(sb.sql("SELECT task_id, body FROM comments WHERE kind = 'result' ORDER BY task_id")).toEqual([
      { task_id: 1, body: 'Ivan agreed' },
      { task_id: 2, body: 'Petr declined' },
    ]);
  });
});

describe('task log on a terminal (R31)', () => {
  it('asks for the result of the work it enters', async () => {
    const form = onTerminal(['log', 'Ops: Restart the print server', '--spent', '15m', '--at', '07:00']);
    await form.type('Result', `Restarted, queue empty again${ENTER}`);
    const result = await form.child;
    expect(result.exitCode).toBe(0);
    expect(form.screen()).toContain('Logged task 1: Ops: Restart the print server (15m, completed)');
    expect((await sb.json<any>(['show', '1'])).result).toMatchObject({
      result: 'Restarted, queue empty again',
    });
  });
});

describe('task doctor on a terminal', () => {
  it('offers to stop a timer left running for days at a time the person types', async () => {
    await sb.ok(['add', 'Ops: Watch the migration', '--plan', '1h']);
    await sb.ok(['start', '1'], { now: '2026-11-25T09:00' });
    const form = onTerminal(['doctor']);
    await form.type('Stop them at', `2026-11-25 18:00${ENTER}`);
    const result = await form.child;
    expect(result.exitCode).toBe(0);
    expect(form.screen()).toContain('All checks passed');
    expect(sb.sql('SELECT start_at, end_at FROM time_entries')).toEqual([
      { start_at: Date.parse('2026-11-25T09:00:00Z'), end_at: Date.parse('2026-11-25T18:00:00Z') },
    ]);
    expect(sb.sql('SELECT retroactive, reason FROM time_entry_changes')).toEqual([
      { retroactive: 1, reason: 'timer left running' },
    ]);
  });
});

describe('task add and list on a terminal', () => {
  it('task add with no title opens the same form', async () => {
    const form = onTerminal(['add']);
    await form.type('Title', `Ops: Rotate the keys${ENTER}`);
    await form.type('Planned time', `15m${ENTER}`);
    await form.type('Deadline', ENTER);
    await form.type('Priority', ENTER);
    await form.type('Tags', ENTER);
    expect((await form.child).exitCode).toBe(0);
    expect(await sb.json<any>(['show', '1'])).toMatchObject({
      title: 'Ops: Rotate the keys',
      plannedMinutes: 15,
    });
  });

  it('Ctrl-C at a prompt leaves quietly with exit 130 and changes nothing (issue 20)', async () => {
    await sb.ok(['add', 'Ops: Check backups', '--plan', '10m']);
    await sb.ok(['start', '1']);
    const before = sb.dump();
    const form = onTerminal(['add']);
    await form.type('Title', `Ops: Rotate the ke${CTRL_C}`);
    expect((await form.child).exitCode).toBe(130);
    const done = onTerminal(['done', '1']);
    await done.type('Result', `Backups chec${CTRL_C}`);
    expect((await done.child).exitCode).toBe(130);
    expect(form.screen() + done.screen()).not.toMatch(/error/i);
    expect(sb.dump()).toBe(before);
  });

  it('list is coloured by R37 on a terminal (red overdue, blue due today) and plain through a pipe', async () => {
    await sb.ok(['add', 'Ops: Overdue thing', '--plan', '10m', '--deadline', '2026-11-26']);
    await sb.ok(['add', 'Ops: Due today', '--plan', '10m', '--deadline', 'today']);
    const terminal = onTerminal(['list'], { NO_COLOR: undefined });
    await terminal.child;
    const lines = terminal.screen().split('\n');
    expect(lines.find((l) => l.includes('Overdue thing'))).toContain('\u001b[31m');
    expect(lines.find((l) => l.includes('Due today'))).toContain('\u001b[34m');
    const piped = await sb.spawn(['list'], { env: { NO_COLOR: undefined } });
    expect(String(piped.stdout)).toContain('Overdue thing');
    expect(String(piped.stdout)).not.toContain('\u001b[');
  });
});

describe('task plan fix on a terminal (R20: the day starts by fixing its plan)', () => {
  it("ticks the plan's tasks and asks the planned time a ticked task lacks; one transaction, kept in history", async () => {
    await sb.ok(['add', 'Ops: Due today', '--plan', '30m', '--deadline', 'today']); // 1: in the plan, ticked
    await sb.ok(['add', 'Ops: Backlog item']); // 2: no plan
    await sb.ok(['add', 'Ops: Other work', '--plan', '1h']); // 3
    const form = onTerminal(['plan', 'fix']);
    await form.shown('◉     1       30m  Ops: Due today  [due]');
    form.child.stdin!.write(' '); // untick 1
    await form.shown('◯     1');
    form.child.stdin!.write(DOWN);
    await form.shown('❯◯     2');
    form.child.stdin!.write(' '); // tick 2
    await form.shown('❯◉     2');
    form.child.stdin!.write(ENTER);
    await form.type('Planned time for 2 Ops: Backlog item', `soon${ENTER}`);
    await form.type('use ', `${BACKSPACE.repeat(4)}45m${ENTER}`);
    const result = await form.child;
    expect(result.exitCode).toBe(0);
    expect(form.screen()).toContain('Plan of alice for 2026-11-27');

    const plan = await sb.json(['plan', '--format', 'json']);
    expect(plan.items.map((i: any) => [i.id, i.plannedMinutes])).toEqual([[2, 45]]);
    expect(
      (await sb.json<any[]>(['history', '2']))
        .filter((h) => h.field === 'plannedMinutes')
        .map((h) => [h.old, h.new]),
    ).toEqual([[null, '45']]);
  });

  it('without a terminal it asks nothing and names the commands to use instead', async () => {
    await sb.ok(['add', 'Ops: Due today', '--plan', '30m', '--deadline', 'today']);
    const before = sb.dump();
    const result = await sb.spawn(['plan', 'fix']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(
      'task: task plan fix asks on a terminal; without one: task plan add ID, task plan remove ID, task edit ID --plan 30m',
    );
    expect(sb.dump()).toBe(before);
  });
});
