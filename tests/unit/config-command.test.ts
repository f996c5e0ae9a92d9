import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scratchDir } from '../support/scratch.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/cli/command-module.js';
import {
  getConfigCommand,
  listConfigCommand,
  setConfigCommand,
  unsetConfigCommand,
} from '../../src/cli/commands/config.js';
import {
  defineContextCommand,
  deleteContextCommand,
  listContextsCommand,
  noContextCommand,
  setContextCommand,
  showContextCommand,
} from '../../src/cli/commands/context.js';
import { loadConfig } from '../../src/cli/environment.js';
import { DEFAULT_CONFIG } from '../../src/core/config.js';
import { NotFoundError, RuleError, UsageError } from '../../src/core/errors.js';
import {
  configListRenderers,
  configReadRenderers,
  configUnsetRenderers,
  configWrittenRenderers,
} from '../../src/format/config-view.js';
import { contextListRenderers, contextRenderers } from '../../src/format/context-view.js';
import type { TextView } from '../../src/format/renderers.js';
import { commandContext, inputFromArgv, noTerminal } from '../support/commands.js';
import { CoreWorld } from '../support/core.js';

const NOW = new Date('2026-11-27T09:00:00');
const view: TextView = { color: false, width: 80, now: NOW, terminal: false };

let dir: string | undefined;
let world: CoreWorld | undefined;
afterEach(() => {
  world?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** anna's commands with a real config file in a temporary folder, read afresh as each command would. */
function setUp(file?: unknown): { ctx: CommandContext; file: () => Record<string, unknown> } {
  dir = scratchDir('regula-config-');
  const path = join(dir, 'config.json');
  if (file !== undefined) writeFileSync(path, JSON.stringify(file));
  world = new CoreWorld('2026-11-27T09:00:00');
  world.admin('anna');
  world.policy = { ...world.policy, continuationThresholdMinutes: 9 };
  const ctx: CommandContext = {
    ...commandContext(world, 'anna'),
    config: () => loadConfig(path).config,
    configPath: () => path,
  };
  return { ctx, file: () => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown> };
}

async function run<I, R>(
  module: { run(ctx: CommandContext, input: I, ask: typeof noTerminal): Promise<R> },
  ctx: CommandContext,
  input: I,
): Promise<R> {
  return module.run(ctx, input, noTerminal);
}

describe('config commands: argv -> input', () => {
  it('a preference key, its value parsed; a policy key said as such', () => {
    expect(inputFromArgv(getConfigCommand, ['user'])).toEqual({ preference: 'user' });
    expect(inputFromArgv(getConfigCommand, ['workdayMinutes'])).toEqual({ policy: 'workdayMinutes' });
    expect(inputFromArgv(setConfigCommand, ['autoStartDay', 'off'])).toEqual({
      key: 'autoStartDay',
      value: false,
    });
    expect(inputFromArgv(unsetConfigCommand, ['workdayMinutes'])).toEqual({
      key: 'workdayMinutes',
      policy: true,
    });
  });

  it('refuses an unknown key, and R39: a policy key is not set in the config file', () => {
    expect(() => inputFromArgv(getConfigCommand, ['nosuch'])).toThrow(UsageError);
    expect(() => inputFromArgv(unsetConfigCommand, ['nosuch'])).toThrow(/unknown config key "nosuch"/);
    expect(() => inputFromArgv(setConfigCommand, ['continuationThresholdMinutes', '9'])).toThrow(RuleError);
    expect(() => inputFromArgv(setConfigCommand, ['continuationThresholdMinutes', '9'])).toThrow(
      /^R39: task config set: continuationThresholdMinutes is company policy/,
    );
  });
});

describe('config commands: run', () => {
  it('set writes the file, get and list read it back; unset returns the default', async () => {
    const { ctx, file } = setUp();
    await run(setConfigCommand, ctx, inputFromArgv(setConfigCommand, ['user', 'boris']));
    expect(file()).toEqual({ user: 'boris' });
    const read = await run(getConfigCommand, ctx, { preference: 'user' });
    expect(configReadRenderers.text(read, view)).toBe('boris');
    expect(configReadRenderers.json(read)).toEqual({ user: 'boris' });
    expect((await run(listConfigCommand, ctx, {})).user).toBe('boris');
    await run(unsetConfigCommand, ctx, { key: 'user', policy: false });
    expect(file()).toEqual({});
  });

  it('R39: get of a policy key is the company value from the database, not the file', async () => {
    const { ctx } = setUp({ continuationThresholdMinutes: 3 });
    const read = await run(getConfigCommand, ctx, { policy: 'continuationThresholdMinutes' });
    expect(configReadRenderers.json(read)).toEqual({ continuationThresholdMinutes: 9, policy: true });
    expect(configReadRenderers.text(read, view)).toMatch(
      / \(company policy, kept in the database: task policy\)$/,
    );
  });

  it('R39: unset takes an old policy key out of the file', async () => {
    const { ctx, file } = setUp({ continuationThresholdMinutes: 3, user: 'anna' });
    await run(unsetConfigCommand, ctx, { key: 'continuationThresholdMinutes', policy: true });
    expect(file()).toEqual({ user: 'anna' });
  });
});

describe('config renderers', () => {
  it('list: aligned keys, values and what they are for, then where company policy lives', () => {
    const lines = String(configListRenderers.text({ ...DEFAULT_CONFIG, user: 'anna' }, view)).split('\n');
    expect(lines.find((line) => line.startsWith('user '))).toMatch(/^user +anna +\S/);
    expect(lines.at(-1)).toMatch(
      /^Company policy \(.*\) is kept in the database, the same for everyone: task policy \(R39\)\.$/,
    );
  });

  it('set and unset', () => {
    expect(configWrittenRenderers.text({ key: 'autoStartDay', value: false }, view)).toBe(
      'autoStartDay = false',
    );
    expect(configWrittenRenderers.json({ key: 'user', value: 'anna' })).toEqual({ user: 'anna' });
    expect(configUnsetRenderers.text({ key: 'user', policy: false }, view)).toBe(
      'user is back to its default.',
    );
    expect(configUnsetRenderers.text({ key: 'workdayMinutes', policy: true }, view)).toBe(
      'workdayMinutes is not in the config file; it is company policy, kept in the database: task policy',
    );
  });
});

describe('context commands: argv -> input', () => {
  it('define reads the filter words, -TAG among them, and what they file new tasks under', () => {
    expect(inputFromArgv(defineContextCommand, ['work', 'project:Ops', '+office', '-urgent'])).toEqual({
      name: 'work',
      words: ['project:Ops', '+office', '-urgent'],
      filing: ['project:Ops', '+office'],
    });
  });

  it.each([
    [['list', 'project:Ops'], /"list" cannot name a context; .*\(not define, delete, list, show, none\)/],
    [['bad name', 'project:Ops'], /"bad name" cannot name a context/],
    [['w', 'priority:X'], /"priority:X" is not a priority/],
  ])('define %j refuses before anything is written', (words, message) => {
    expect(() => inputFromArgv(defineContextCommand, words)).toThrow(UsageError);
    expect(() => inputFromArgv(defineContextCommand, words)).toThrow(message);
  });
});

describe('context commands: run', () => {
  it('define, set, show, list, none and delete keep the config file', async () => {
    const { ctx, file } = setUp();
    await run(defineContextCommand, ctx, inputFromArgv(defineContextCommand, ['work', 'project:Ops']));
    expect(await run(setContextCommand, ctx, { name: 'work' })).toEqual({
      kind: 'set',
      name: 'work',
      words: ['project:Ops'],
      filing: ['project:Ops'],
    });
    expect(file()).toEqual({ contexts: { work: ['project:Ops'] }, context: 'work' });
    expect(await run(showContextCommand, ctx, {})).toMatchObject({ kind: 'shown', name: 'work' });
    expect(await run(setContextCommand, ctx, { name: undefined })).toMatchObject({
      kind: 'shown',
      name: 'work',
    });
    expect(await run(listContextsCommand, ctx, {})).toEqual([
      { name: 'work', words: ['project:Ops'], filing: ['project:Ops'], active: true },
    ]);
    await run(noContextCommand, ctx, {});
    expect(file()).toEqual({ contexts: { work: ['project:Ops'] } });
    await run(setContextCommand, ctx, { name: 'work' });
    await run(deleteContextCommand, ctx, { name: 'work' });
    expect(file()).toEqual({ contexts: {} });
  });

  it('an unknown context is not found, naming the ones there are', async () => {
    const { ctx } = setUp({ contexts: { work: ['+office'], home: ['+home'] } });
    await expect(run(setContextCommand, ctx, { name: 'gym' })).rejects.toThrow(NotFoundError);
    await expect(run(setContextCommand, ctx, { name: 'gym' })).rejects.toThrow(
      'no context "gym"; the contexts are work, home; define it with: task context define gym FILTER WORDS...',
    );
    await expect(run(deleteContextCommand, ctx, { name: 'gym' })).rejects.toThrow(
      /^no context "gym"; the contexts are work, home$/,
    );
  });
});

describe('context renderers', () => {
  it('the messages, titles of contexts made safe for the terminal', () => {
    expect(
      contextRenderers.text({ kind: 'set', name: 'work', words: ['+office'], filing: ['+office'] }, view),
    ).toBe(
      'Context "work" set: task list shows +office only; task add files new tasks under +office. Leave it with: task context none',
    );
    expect(contextRenderers.text({ kind: 'shown', name: null, words: [], filing: [] }, view)).toBe(
      'No context is set.',
    );
    expect(contextRenderers.json({ kind: 'shown', name: null, words: [], filing: [] })).toEqual({
      context: null,
      filter: [],
      newTasks: [],
    });
    expect(contextRenderers.text({ kind: 'deleted', name: 'work' }, view)).toBe('Context "work" deleted.');
    expect(
      contextRenderers.text({ kind: 'defined', name: 'w', words: ['+a\u001b[31m'], filing: [] }, view),
    ).not.toContain('\u001b');
  });

  it('the list marks the context set, or says how to define one', () => {
    expect(
      contextListRenderers.text(
        [
          { name: 'work', words: ['+office'], filing: ['+office'], active: true },
          { name: 'h', words: ['+home'], filing: ['+home'], active: false },
        ],
        view,
      ),
    ).toBe('* work  +office\n  h     +home');
    expect(contextListRenderers.text([], view)).toBe(
      'No contexts yet: task context define NAME FILTER WORDS...',
    );
  });
});
