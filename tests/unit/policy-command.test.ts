import { Command } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/cli/app.js';
import { addCommands } from '../../src/cli/command-adapter.js';
import {
  COMMANDS,
  listPolicyCommand,
  policyHistoryCommand,
  setPolicyCommand,
} from '../../src/cli/commands/policy.js';
import { RuleError, UsageError } from '../../src/core/errors.js';
import {
  policyChangeRenderers,
  policyHistoryRenderers,
  policyRenderers,
} from '../../src/format/policy-view.js';
import type { TextView } from '../../src/format/renderers.js';
import { commandContext, inputFromArgv, noTerminal } from '../support/commands.js';
import { CoreWorld } from '../support/core.js';

const NOW = new Date('2026-11-27T09:00:00');
const view: TextView = { color: false, width: 80, now: NOW, terminal: false };

let world: CoreWorld | undefined;
afterEach(() => world?.close());

function setUp(): CoreWorld {
  const w = new CoreWorld('2026-11-27T09:00:00');
  world = w;
  w.admin('anna');
  w.person('eve');
  return w;
}

describe('policy commands: argv -> input', () => {
  it('set takes the key, the value and the reason as given (core checks them)', () => {
    expect(inputFromArgv(setPolicyCommand, ['workdayMinutes', '7h', '--reason', 'new contract'])).toEqual({
      key: 'workdayMinutes',
      value: '7h',
      reason: 'new contract',
    });
    expect(inputFromArgv(setPolicyCommand, ['workdayMinutes', '7h'])).toEqual({
      key: 'workdayMinutes',
      value: '7h',
      reason: undefined,
    });
  });

  it('history takes an optional key', () => {
    expect(inputFromArgv(policyHistoryCommand, [])).toEqual({ key: undefined });
    expect(inputFromArgv(policyHistoryCommand, ['workdayMinutes'])).toEqual({ key: 'workdayMinutes' });
  });
});

describe('policy commands: run on the core', () => {
  it('an administrator changes a key with a reason; the history and the list show it (R39)', async () => {
    const w = setUp();
    const changed = await setPolicyCommand.run(
      commandContext(w, 'anna'),
      { key: 'workdayMinutes', value: '7h', reason: 'new contract' },
      noTerminal,
    );
    expect(changed).toMatchObject({ key: 'workdayMinutes', previous: 480, value: 420, changed: true });
    const history = await policyHistoryCommand.run(commandContext(w, 'eve'), { key: undefined }, noTerminal);
    expect(history.map((h) => [h.key, h.previous, h.value, h.actor, h.reason])).toEqual([
      ['workdayMinutes', null, 420, 'anna', 'new contract'],
    ]);
    const entries = await listPolicyCommand.run(commandContext(w, 'eve'), {}, noTerminal);
    expect(entries.find((e) => e.key === 'workdayMinutes')).toMatchObject({
      shown: '7h',
      isDefault: false,
      updatedBy: 'anna',
    });
  });

  it('an employee is refused (R38) and a change without a reason is refused; nothing is written', async () => {
    const w = setUp();
    const set = (as: string, reason: string | undefined) =>
      setPolicyCommand.run(commandContext(w, as), { key: 'workdayMinutes', value: '7h', reason }, noTerminal);
    await expect(set('eve', 'why not')).rejects.toThrow(RuleError);
    await expect(set('anna', undefined)).rejects.toThrow(UsageError);
    expect(await policyHistoryCommand.run(commandContext(w, 'anna'), { key: undefined }, noTerminal)).toEqual(
      [],
    );
  });
});

describe('policy commands: renderers', () => {
  it('a change says what it was; an unchanged key says nothing changed', () => {
    const outcome = { key: 'workdayMinutes' as const, previous: 480, value: 420, changed: true };
    expect(policyChangeRenderers.text(outcome, view)).toBe('workdayMinutes = 7h (was 8h), for everyone.');
    expect(policyChangeRenderers.json(outcome)).toEqual(outcome);
    expect(policyChangeRenderers.text({ ...outcome, previous: 420, changed: false }, view)).toBe(
      'workdayMinutes is already 7h; nothing changed.',
    );
  });

  it('an empty history says every key has its default', () => {
    expect(policyHistoryRenderers.text([], view)).toBe(
      'Company policy has never been changed: every key has its default (task policy).',
    );
    expect(policyHistoryRenderers.json([])).toEqual([]);
  });

  it('the list ends with how to change policy', async () => {
    const w = setUp();
    const entries = await listPolicyCommand.run(commandContext(w, 'anna'), {}, noTerminal);
    const text = policyRenderers.text(entries, view) as string;
    expect(text.split('\n').at(-1)).toContain('task policy set KEY VALUE --reason TEXT');
    expect(policyRenderers.json(entries)).toHaveLength(entries.length);
  });
});

describe('a command group (policy)', () => {
  it('registers the word with its default action and the commands under it', () => {
    const program = new Command('task');
    addCommands(program, new App({}, process.stdout, process.stderr), COMMANDS);
    const policy = program.commands.find((c) => c.name() === 'policy')!;
    expect(policy.commands.map((c) => c.name())).toEqual(['list', 'set', 'history']);
    expect(policy.description()).toContain('R39');
    expect(policy.registeredArguments).toHaveLength(0);
  });
});
