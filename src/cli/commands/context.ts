import type { Command } from 'commander';
import { CONTEXT_NAME, type Config } from '../../core/config.js';
import { NotFoundError, UsageError } from '../../core/errors.js';
import type { App } from '../app.js';
import { contextWriteDefaults, describeDefaults } from '../taskwarrior-words.js';
import { updateConfigFile } from './config.js';
import { terminalSafe } from '../../format/safe-text.js';

/**
 * Taskwarrior's contexts: a named filter that `task list` applies while it is set (`task context work`
 * narrows every list to, say, `project:Work +office`), kept in the config file. As in Taskwarrior 2.6,
 * the context also files new tasks: its project, tags and priority are the defaults of task add.
 */
export function registerContextCommands(program: Command, app: App): void {
  const context = program
    .command('context')
    .description(
      "named list filters, as Taskwarrior's contexts: task context NAME sets one, task context none leaves it",
    )
    .argument('[name]', 'the context to set')
    .action(async (name: string | undefined, _options: object, command: Command) => {
      if (name === undefined) return showActive(app, command);
      const config = app.loadConfig();
      const words = config.contexts[name];
      if (!words)
        throw new NotFoundError(
          `no context "${name}"; ${known(config)}define it with: task context define ${name} FILTER WORDS...`,
        );
      await updateConfigFile(app, (file) => {
        file.context = name;
      });
      const filing = describeDefaults(contextWriteDefaults(words));
      if (app.json(command)) return app.printJson({ context: name, filter: words, newTasks: filing });
      app.print(
        terminalSafe(
          `Context "${name}" set: task list shows ${words.join(' ')} only${filingClause(filing)}. Leave it with: task context none`,
        ),
      );
    });

  context
    .command('define')
    .description('name a filter: task context define work project:Work +office')
    .argument('<name>', 'a word')
    .argument(
      '<words...>',
      'list filter words: project:P +tag -tag due:week priority:H user:U ... (as for task list)',
    )
    .allowUnknownOption() // Taskwarrior's -TAG is a word of the filter, not an option
    .action(async (name: string, words: string[], _options: object, command: Command) => {
      const reserved = context.commands.map((c) => c.name());
      if (!CONTEXT_NAME.test(name) || reserved.includes(name)) {
        throw new UsageError(
          `"${name}" cannot name a context; use a word of letters, digits, - and _ (not ${reserved.join(', ')})`,
        );
      }
      // Refuses words that are not filters (naming the forms) and a priority that is not one.
      const filing = describeDefaults(contextWriteDefaults(words));
      await updateConfigFile(app, (file) => {
        file.contexts = { ...((file.contexts as Record<string, string[]> | undefined) ?? {}), [name]: words };
      });
      if (app.json(command)) return app.printJson({ context: name, filter: words, newTasks: filing });
      app.print(
        terminalSafe(
          `Context "${name}" defined: ${words.join(' ')}${filingClause(filing)}. Set it with: task context ${name}`,
        ),
      );
    });

  context
    .command('delete')
    .description('forget a context')
    .argument('<name>', 'the context')
    .action(async (name: string) => {
      const config = app.loadConfig();
      if (!config.contexts[name])
        throw new NotFoundError(`no context "${name}"; ${known(config)}`.replace(/; $/, ''));
      await updateConfigFile(app, (file) => {
        const { [name]: _gone, ...rest } = (file.contexts as Record<string, string[]>) ?? {};
        file.contexts = rest;
        if (file.context === name) delete file.context;
      });
      app.print(`Context "${name}" deleted.`);
    });

  context
    .command('list')
    .description('the contexts, the one set marked with *')
    .action((_options: object, command: Command) => {
      const config = app.loadConfig();
      if (app.json(command)) {
        return app.printJson(
          Object.entries(config.contexts).map(([name, filter]) => ({
            name,
            filter,
            newTasks: describeDefaults(contextWriteDefaults(filter)),
            active: name === config.context,
          })),
        );
      }
      const entries = Object.entries(config.contexts);
      if (entries.length === 0) return app.print('No contexts yet: task context define NAME FILTER WORDS...');
      const width = Math.max(...entries.map(([name]) => name.length));
      for (const [name, words] of entries)
        app.print(
          terminalSafe(`${name === config.context ? '*' : ' '} ${name.padEnd(width)}  ${words.join(' ')}`),
        );
    });

  context
    .command('show')
    .description('the context set now')
    .action((_options: object, command: Command) => showActive(app, command));

  context
    .command('none')
    .description('leave the context: task list shows everything again')
    .action(async () => {
      await updateConfigFile(app, (file) => {
        delete file.context;
      });
      app.print('No context: task list shows all your tasks again.');
    });
}

function showActive(app: App, command: Command): void {
  const config = app.loadConfig();
  const words = config.context ? config.contexts[config.context] : undefined;
  if (!config.context || !words)
    return app.json(command)
      ? app.printJson({ context: null, filter: [], newTasks: [] })
      : app.print('No context is set.');
  const filing = describeDefaults(contextWriteDefaults(words));
  if (app.json(command)) return app.printJson({ context: config.context, filter: words, newTasks: filing });
  app.print(terminalSafe(`Context "${config.context}": ${words.join(' ')}${filingClause(filing)}`));
}

/** What the context does to task add, for the messages: "; task add files new tasks under project:Work +office". */
function filingClause(filing: readonly string[]): string {
  return filing.length ? `; task add files new tasks under ${filing.join(' ')}` : '';
}

function known(config: Config): string {
  const names = Object.keys(config.contexts);
  return names.length ? `the contexts are ${names.join(', ')}; ` : '';
}
