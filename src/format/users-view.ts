import type { PersonView } from '../core/people.js';
import { userJson } from './json.js';
import type { Renderers } from './renderers.js';
import { terminalSafe } from './safe-text.js';

/** `task user add` / `edit`: what the person is now. */
export function personRenderers(verb: 'Added' | 'Updated'): Renderers<PersonView> {
  return {
    text: ({ user, manager }) =>
      `${verb} user ${user.name} (${user.role}${manager ? `, reports to ${manager}` : ''}).`,
    json: ({ user, manager }) => userJson(user, manager),
  };
}

/** `task user list`: one line a person, the actor marked with `*`. */
export function renderPeople(people: readonly PersonView[]): string | null {
  if (people.length === 0) return null;
  return people
    .map(({ user, manager, isActor }) =>
      terminalSafe(
        `${isActor ? '*' : ' '} ${user.name.padEnd(16)} ${user.role.padEnd(9)} ${manager ? `reports to ${manager}` : ''}${user.fullName ? `  (${user.fullName})` : ''}`.trimEnd(),
      ),
    )
    .join('\n');
}

export const peopleRenderers: Renderers<readonly PersonView[]> = {
  text: renderPeople,
  json: (people) => people.map(({ user, manager }) => userJson(user, manager)),
};
