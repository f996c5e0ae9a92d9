import type { Command } from 'commander';
import type { App } from '../app.js';
import { POLICY_KEYS } from '../../core/policy.js';

/** R39: company policy - what the regulations allow here - kept in the shared database. */
export function registerPolicyCommands(program: Command, app: App): void {
  const policy = program
    .command('policy')
    .description(
      'company policy: what the rules allow here, the same for everyone (R39); administrators change it',
    )
    .action((_options: object, command: Command) => listPolicy(app, command));

  policy
    .command('list')
    .description('every policy key: value, default or who changed it when')
    .action((_options: object, command: Command) => listPolicy(app, command));

  policy
    .command('set')
    .description('change company policy (administrators only; the reason goes into its history)')
    .argument('<key>', POLICY_KEYS.join(', '))
    .argument('<value>', 'new value, as task policy shows it (8h, mon,tue,wed,thu,fri, true ...)')
    .option('--reason <text>', 'why it changes (required; kept in task policy history)')
    .action(async (key: string, value: string, options: { reason?: string }, command: Command) => {
      const ctx = await app.context(command);
      const { setPolicy, showPolicyValue } = await import('../../core/policy.js');
      const outcome = setPolicy(ctx, key, value, options.reason);
      if (app.json(command))
        return app.printJson({
          key: outcome.key,
          previous: outcome.previous,
          value: outcome.value,
          changed: outcome.changed,
        });
      const shown = showPolicyValue(outcome.key, outcome.value as never);
      app.print(
        outcome.changed
          ? `${outcome.key} = ${shown} (was ${showPolicyValue(outcome.key, outcome.previous as never)}), for everyone.`
          : `${outcome.key} is already ${shown}; nothing changed.`,
      );
    });

  policy
    .command('history')
    .description('every change of company policy: when, by whom, from what to what, why')
    .argument('[key]', 'only this key')
    .action(async (key: string | undefined, _options: object, command: Command) => {
      const ctx = await app.context(command);
      const { policyHistory } = await import('../../core/policy.js');
      const view = await import('../../format/policy-view.js');
      const entries = policyHistory(ctx.store, key);
      if (app.json(command)) app.printJson(view.policyHistoryJson(entries));
      else app.print(view.renderPolicyHistory(entries));
    });
}

async function listPolicy(app: App, command: Command): Promise<void> {
  const ctx = await app.context(command);
  const { policyEntries } = await import('../../core/policy.js');
  const view = await import('../../format/policy-view.js');
  const entries = policyEntries(ctx.store);
  if (app.json(command)) app.printJson(view.policyJson(entries));
  else app.print(view.renderPolicy(entries));
}
