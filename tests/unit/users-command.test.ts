import { afterEach, describe, expect, it } from 'vitest';
import { userAddCommand, userEditCommand, userListCommand } from '../../src/cli/commands/users.js';
import { NotFoundError, RuleError, UsageError } from '../../src/core/errors.js';
import type { TextView } from '../../src/format/renderers.js';
import { peopleRenderers, personRenderers } from '../../src/format/users-view.js';
import { commandContext, inputFromArgv, noTerminal } from '../support/commands.js';
import { CoreWorld } from '../support/core.js';

const view: TextView = { color: false, width: 80, now: new Date('2026-11-27T09:00:00'), terminal: false };

let world: CoreWorld | undefined;
afterEach(() => world?.close());

function setUp(): CoreWorld {
  const w = new CoreWorld('2026-11-27T09:00:00');
  world = w;
  w.admin('anna');
  w.person('max', 'manager');
  w.person('eve', 'employee', 'max');
  return w;
}

describe('user commands: argv -> input', () => {
  it.each([
    [['bob'], { name: 'bob', fullName: null, role: undefined, manager: null }],
    [
      ['bob', '--role', ' Manager ', '--full-name', 'Bob B', '--manager', 'anna'],
      { name: 'bob', fullName: 'Bob B', role: 'manager', manager: 'anna' },
    ],
  ])('user add %j', (words, input) => {
    expect(inputFromArgv(userAddCommand, words)).toEqual(input);
  });

  it('a role that is not one names --role; an edit without a change says what to pass', () => {
    expect(() => inputFromArgv(userAddCommand, ['bob', '--role', 'boss'])).toThrow(
      /--role: "boss" is not one of/,
    );
    expect(() => inputFromArgv(userEditCommand, ['eve'])).toThrow(UsageError);
    expect(inputFromArgv(userEditCommand, ['eve', '--manager', 'None'])).toEqual({
      name: 'eve',
      changes: { fullName: undefined, role: undefined, manager: null },
    });
  });
});

describe('user commands: run on the core', () => {
  it('an administrator adds a person under a manager; the list (by name) marks the actor and names managers (R4)', async () => {
    const w = setUp();
    const added = await userAddCommand.run(
      commandContext(w, 'anna'),
      { name: 'bob', fullName: null, role: undefined, manager: 'max' },
      noTerminal,
    );
    expect([added.user.name, added.user.role, added.manager]).toEqual(['bob', 'employee', 'max']);
    const people = await userListCommand.run(commandContext(w, 'max'), {}, noTerminal);
    expect(people.map((p) => [p.user.name, p.manager, p.isActor])).toEqual([
      ['anna', null, false],
      ['bob', 'max', false],
      ['eve', 'max', false],
      ['max', null, true],
    ]);
  });

  it('only an admin changes roles (R4); an unknown person is not found', async () => {
    const w = setUp();
    const edit = (as: string, name: string) =>
      userEditCommand.run(commandContext(w, as), { name, changes: { role: 'admin' } }, noTerminal);
    await expect(edit('max', 'eve')).rejects.toThrow(RuleError);
    await expect(edit('anna', 'nobody')).rejects.toThrow(NotFoundError);
    expect((await edit('anna', 'eve')).user.role).toBe('admin');
  });
});

describe('user commands: renderers', () => {
  it('says who was added and to whom they report; lists nobody as nothing', async () => {
    const w = setUp();
    const people = await userListCommand.run(commandContext(w, 'anna'), {}, noTerminal);
    const eve = people.find((p) => p.user.name === 'eve')!;
    expect(personRenderers('Added').text(eve, view)).toBe('Added user eve (employee, reports to max).');
    expect(personRenderers('Updated').json(eve)).toMatchObject({ name: 'eve', manager: 'max' });
    expect((peopleRenderers.text(people, view) as string).split('\n')[0]).toBe('* anna             admin');
    expect(peopleRenderers.text([], view)).toBeNull();
  });
});
