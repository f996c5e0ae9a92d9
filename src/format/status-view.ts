import type { TeamMemberStatus, TimerStatus } from '../core/timers.js';
import { statusJson } from './json.js';
import type { Renderers } from './renderers.js';
import { renderStatus, renderTeamStatus } from './task-view.js';

/** `task status`: your timer and day, or (R4) your team's. */
export type StatusView =
  | { readonly kind: 'own'; readonly status: TimerStatus; readonly reminders: readonly string[] }
  | { readonly kind: 'team'; readonly team: readonly TeamMemberStatus[] };

export const statusRenderers: Renderers<StatusView> = {
  text: (view) => (view.kind === 'team' ? renderTeamStatus(view.team) : renderStatus(view.status)),
  json: (view) =>
    view.kind === 'team'
      ? { team: view.team.map((member) => ({ user: member.user.name, ...statusJson(member) })) }
      : statusJson(view.status),
};
