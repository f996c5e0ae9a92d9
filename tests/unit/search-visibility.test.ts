import { afterEach, describe, expect, it } from 'vitest';
import { searchTasks } from '../../src/core/search.js';
import { completeTask, createTask, deleteTask } from '../../src/core/tasks.js';
import { CoreWorld } from '../support/core.js';

/**
 * R4, R25: search filters by what the actor may see (and by open, deleted) before it takes the best hits,
 * so a person is never shown fewer hits than they may see because others' tasks matched better.
 */
let w: CoreWorld;
afterEach(() => w.close());

function world(): CoreWorld {
  w = new CoreWorld('2026-11-27T09:00:00');
  w.admin('root');
  w.person('anna');
  w.person('ben');
  return w;
}

const add = (name: string, title: string, description: string) =>
  createTask(w.as(name), { title, description, plannedMinutes: 30 }).task.id;
const found = (name: string, text: string, options: { limit?: number; openOnly?: boolean } = {}) =>
  searchTasks(w.as(name), text, options).map((hit) => hit.task.id);

describe('R4, R25: search finds every visible hit, however many better ones others have', () => {
  it("ben's many better matches do not crowd out anna's own", () => {
    world();
    // ben's tasks say it in the title and the description (the best matches); anna's once, in a long description.
    for (let i = 0; i < 40; i += 1) add('ben', `Sales: Send invoice ${i}`, 'invoice invoice');
    const mine = [
      add(
        'anna',
        'Ops: Check the books',
        `Compare the ledger with the bank statement, then the invoice of the month, then file it ${'and more words '.repeat(10)}`,
      ),
      add(
        'anna',
        'Ops: Tidy the folders',
        `Sort the folders by year and client; the invoice goes in the last one ${'and more words '.repeat(10)}`,
      ),
    ];
    expect(found('anna', 'invoice', { limit: 3 }).sort()).toEqual(mine.sort());
    expect(found('ben', 'invoice', { limit: 3 })).toHaveLength(3);
    expect(found('root', 'invoice')).toHaveLength(42);
  });

  it('open-only and deleted tasks are filtered before the limit too', () => {
    world();
    for (let i = 0; i < 15; i += 1) {
      const id = add('anna', `Sales: Send invoice ${i}`, 'invoice invoice');
      if (i % 2) completeTask(w.as('anna'), id, { result: 'sent' });
      else deleteTask(w.as('anna'), id);
    }
    const open = add(
      'anna',
      'Ops: Check the books',
      `Compare the ledger with the invoice of the month ${'and more words '.repeat(10)}`,
    );
    expect(found('anna', 'invoice', { limit: 1, openOnly: true })).toEqual([open]);
    // Open first, then the closed ones; deleted tasks never.
    const all = found('anna', 'invoice', { limit: 10 });
    expect(all).toHaveLength(8);
    expect(all[0]).toBe(open);
  });
});
