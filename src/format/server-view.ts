import type { AddedServerPerson, GivenLogin, ServerInitResult } from '../core/server.js';
import type { Renderers } from './renderers.js';

/** `task server init`: what was applied, or that the server was already up to date. */
export function serverInitText(result: ServerInitResult, where: string): string {
  if (result.applied.length === 0)
    return `The regula schema on ${where} is already at version ${result.to}; nothing changed.`;
  const done = `(applied ${result.applied.join(', ')})`;
  if (result.from > 0)
    return `The regula schema on ${where} is updated from version ${result.from} to version ${result.to} ${done}.`;
  return `The regula schema on ${where} is set up to version ${result.to} ${done}.\nNext: add people with task server user add NAME --manager M (the first one with --admin).`;
}

export function serverInitJson(result: ServerInitResult, where: string) {
  return {
    server: where,
    from: result.from,
    version: result.to,
    applied: result.applied,
    changed: result.applied.length > 0,
  };
}

/** `task server user add`: the person, and how they log in. */
export function serverPersonText(person: AddedServerPerson): string {
  const manager = person.manager === null ? '' : `, reports to ${person.manager}`;
  return `Added ${person.name} (${person.role}${manager}) with the login role ${person.login}.\nThey log in as ${person.login}: set a password with psql \\password ${person.login}, or let pg_hba.conf authenticate them.`;
}

export function serverPersonJson(person: AddedServerPerson) {
  return {
    id: person.id,
    name: person.name,
    login: person.login,
    role: person.role,
    manager: person.manager,
  };
}

/** `task server init`'s outcome and the server it was run on. */
export interface ServerInitOutcome {
  readonly where: string;
  readonly result: ServerInitResult;
}

export const serverInitRenderers: Renderers<ServerInitOutcome> = {
  text: ({ result, where }) => serverInitText(result, where),
  json: ({ result, where }) => serverInitJson(result, where),
};

export const serverPersonRenderers: Renderers<AddedServerPerson> = {
  text: serverPersonText,
  json: serverPersonJson,
};

/** `task server user login`: whom the login now maps to, or that it did already. */
export function serverLoginText(given: GivenLogin): string {
  if (!given.changed) return `${given.name} logs in as ${given.login} already; nothing changed.`;
  const role = given.roleCreated
    ? `the new login role ${given.login}`
    : `the existing login role ${given.login}`;
  return `${given.name} (${given.role}) now logs in as ${given.login} (${role}).\nSet a password with psql \\password ${given.login}, or let pg_hba.conf authenticate them.`;
}

export const serverLoginRenderers: Renderers<GivenLogin> = {
  text: serverLoginText,
  json: (given) => ({ ...given }),
};
