import type { Command, Option } from 'commander';
import { UsageError } from '../../core/errors.js';
import type { App } from '../app.js';
import { isTaskIdList, TASKWARRIOR_REPORTS } from '../argv.js';

const TAG_FLAGS = new Set(['--tag', '--untag', '--exclude-tag']);
const USER_FLAGS = new Set([
  '--user',
  '--director',
  '--responsible',
  '--as',
  '--observer',
  '--manager',
  '--coexecutor',
]);
const ID_ARGUMENTS = new Set(['id', 'ids']);

/** Shell completion: scripts for bash, zsh and fish that ask `task __complete` for candidates. */
export function registerCompletionCommands(program: Command, app: App): void {
  program
    .command('completion')
    .description('print a shell completion script: task completion bash >> ~/.bashrc')
    .argument('<shell>', 'bash, zsh or fish')
    .option('--name <name>', 'the command name to complete (task or regula)', 'task')
    .action((shell: string, options: { name: string }) => {
      const script = SCRIPTS[shell as keyof typeof SCRIPTS];
      if (!script) throw new UsageError(`"${shell}" is not a shell we complete for; use bash, zsh or fish`);
      app.write(script(options.name.replace(/[^A-Za-z0-9_-]/g, '')));
    });

  program
    .command('__complete', { hidden: true })
    .description('candidates for shell completion (used by the completion scripts)')
    .argument('[words...]', 'the words typed after the command name; the last is the one being completed')
    .allowUnknownOption()
    .helpOption(false)
    .action(async (words: string[], _options: object, command: Command) => {
      const candidates = await completionCandidates(program, app, command, words);
      if (candidates.length) app.write(`${candidates.join('\n')}\n`);
    });
}

/** `rc.w<TAB>` -> `rc.workdayMinutes=`; `rc.context=<TAB>` -> the contexts and none; switches -> their values. */
async function settingWords(app: App, current: string): Promise<string[]> {
  const { OVERRIDE_KEYS, overrideChoices } = await import('../../core/config.js');
  const setting = /^rc\.([^=:]*)([=:])/.exec(current);
  if (!setting) return OVERRIDE_KEYS.map((key) => `rc.${key}=`).filter((word) => word.startsWith(current));
  const [, key, sign] = setting;
  return overrideChoices(key!, app.loadConfig())
    .map((value) => `rc.${key}${sign}${value}`)
    .filter((word) => word.startsWith(current));
}

/** The command a Taskwarrior report name stands for (`task overdue +<TAB>` completes as the list). */
function reportCommand(program: Command, word: string): Command | undefined {
  const words = Object.hasOwn(TASKWARRIOR_REPORTS, word) ? TASKWARRIOR_REPORTS[word]! : undefined;
  return words?.[0] === 'list' ? program.commands.find((c) => c.name() === 'list') : undefined;
}

async function completionCandidates(
  program: Command,
  app: App,
  command: Command,
  words: string[],
): Promise<string[]> {
  const current = words.at(-1) ?? '';
  // Taskwarrior's one-off settings (`task rc.context=none list ...`) stand anywhere and name no command.
  const before = words.slice(0, -1).filter((word) => !/^rc\./.test(word));
  if (/^rc\./.test(current)) return settingWords(app, current);
  let target = program;
  let positionals = 0;
  // `task 12 modify due:<TAB>` completes as `task modify 12 due:<TAB>` (Taskwarrior's order).
  const idFirst = before.length >= 2 && isTaskIdList(before[0]!) && !before[1]!.startsWith('-');
  for (const word of idFirst ? [before[1]!, before[0]!, ...before.slice(2)] : before) {
    const sub =
      target.commands.find((c) => c.name() === word || c.aliases().includes(word)) ??
      (target === program ? reportCommand(program, word) : undefined);
    if (sub && positionals === 0) target = sub;
    else if (!word.startsWith('-')) positionals += 1;
  }
  // `task 12 <TAB>`, `task 12-14 <TAB>`: Taskwarrior's order - the commands that take a task id.
  if (target === program && before.length > 0 && before.every(isTaskIdList)) {
    return program.commands
      .filter((c) => ['id', 'ids'].includes(c.registeredArguments[0]?.name() ?? ''))
      .flatMap((c) =>
        [c.name(), ...c.aliases()]
          .filter((name) => name.startsWith(current))
          .map((name) => `${name}\t${c.description()}`),
      );
  }
  // `task list +<TAB>`, `task list project:<TAB>`: Taskwarrior's filter words.
  if (target.name() === 'list' && (current.startsWith('+') || current.toLowerCase().startsWith('project:'))) {
    const ctx = await app.context(command);
    const { VIRTUAL_TAG_NAMES } = await import('../taskwarrior-words.js');
    const { visibleTo } = await import('../../core/rules/visibility.js');
    // R4: the names on tasks the person may see, not everyone's.
    const tags = () => [...ctx.store.tagNames(visibleTo(ctx)), ...VIRTUAL_TAG_NAMES].map((t) => `+${t}`);
    const words = ctx.store.read(() =>
      current.startsWith('+') ? tags() : ctx.store.projectNames(visibleTo(ctx)).map((p) => `project:${p}`),
    );
    const lower = current.toLocaleLowerCase();
    return words.filter((w) => w.toLocaleLowerCase().startsWith(lower));
  }
  // `task add Call Ivan pro<TAB>`, `task 12 modify due:<TAB>`: Taskwarrior's attribute words.
  if (
    ['add', 'edit', 'log'].includes(target.name()) &&
    /^[a-z]+(:.*)?$/i.test(current) &&
    (current.includes(':') || current.length >= 2)
  ) {
    const words = await attributeWords(app, command, current);
    if (words.length) return words;
  }
  const previous = before.at(-1);
  const options = [...target.options, ...program.options];
  const valueOption = previous?.startsWith('--')
    ? options.find((o) => o.long === previous && (o.required || o.optional))
    : undefined;
  if (valueOption) return valuesFor(valueOption, app, command, current);
  if (current.startsWith('-'))
    return options.map((o) => `${o.long}\t${o.description}`).filter((c) => c.startsWith(current));
  const subcommands = target.commands.filter(
    (c) => c.name() !== '__complete' && c.name().startsWith(current),
  );
  // `task context <TAB>`, `task context delete <TAB>`: the contexts defined (kept in the config).
  const contextNames = () =>
    Object.keys(app.loadConfig().contexts).filter((name) => name.startsWith(current));
  if (target.name() === 'context' && positionals === 0)
    return [...subcommands.map((c) => `${c.name()}\t${c.description()}`), ...contextNames()];
  if (target.name() === 'delete' && target.parent?.name() === 'context' && positionals === 0)
    return contextNames();
  if (target === program && positionals === 0) {
    // Taskwarrior's helpers for scripts (_ids, _projects) are offered only once a _ is typed.
    const reports = Object.entries(TASKWARRIOR_REPORTS).filter(
      ([name]) => name.startsWith(current) && (current.startsWith('_') || !name.startsWith('_')),
    );
    return [
      ...subcommands.map((c) => `${c.name()}\t${c.description()}`),
      ...reports.map(([name, words]) => `${name}\tTaskwarrior's report: task ${words.join(' ')}`),
    ];
  }
  if (subcommands.length && positionals === 0)
    return subcommands.map((c) => `${c.name()}\t${c.description()}`);
  const last = target.registeredArguments.at(-1);
  const argument = target.registeredArguments[positionals] ?? (last?.variadic ? last : undefined);
  // `task policy set <TAB>`, `task policy set allowCoExecutors <TAB>`, `task policy history <TAB>` (R39).
  if (target.parent?.name() === 'policy' && (argument?.name() === 'key' || argument?.name() === 'value')) {
    const { POLICY_KEYS, policyChoices } = await import('../../core/policy.js');
    const words = argument.name() === 'key' ? POLICY_KEYS : policyChoices(before.at(-1) ?? '');
    return words.filter((word) => word.startsWith(current));
  }
  if (argument?.name() === 'entry') {
    const ctx = await app.context(command);
    const since = new Date(ctx.now.getTime() - 14 * 86_400_000);
    const entries = ctx.store.read(() => ctx.store.entriesOfUserBetween(ctx.actor.id, since, ctx.now));
    const { formatLocalDateTime } = await import('../../core/local-time.js');
    return entries
      .sort((a, b) => b.startAt.getTime() - a.startAt.getTime())
      .map((e) => `${e.id}\ttask ${e.taskId}, ${formatLocalDateTime(e.startAt)}`)
      .filter((c) => c.startsWith(current));
  }
  if (argument && ID_ARGUMENTS.has(argument.name())) {
    const ctx = await app.context(command);
    const tasks = ctx.store.read(() =>
      ctx.store.findTasks({
        responsibleId: ctx.actor.id,
        statuses: ['new', 'pending', 'in_progress', 'awaiting_control'],
        limit: 200,
      }),
    );
    return tasks.map((t) => `${t.id}\t${t.title.replace(/\s+/g, ' ')}`).filter((c) => c.startsWith(current));
  }
  return [];
}

const ATTRIBUTE_WORDS = ['project:', 'due:', 'priority:', 'plan:', 'depends:', 'scheduled:'];
const DAY_WORDS = [
  'today',
  'tomorrow',
  'mon',
  'tue',
  'wed',
  'thu',
  'fri',
  'sat',
  'sun',
  'eow',
  'eom',
  'none',
];

/** Attribute names, then their values: projects, days, priorities. */
async function attributeWords(app: App, command: Command, current: string): Promise<string[]> {
  const lower = current.toLocaleLowerCase();
  const colon = current.indexOf(':');
  if (colon < 0) return ATTRIBUTE_WORDS.filter((w) => w.startsWith(lower));
  const key = lower.slice(0, colon);
  let values: string[] = [];
  if (key === 'project' || key === 'pro') {
    const ctx = await app.context(command);
    const { visibleTo } = await import('../../core/rules/visibility.js');
    values = ctx.store.read(() => ctx.store.projectNames(visibleTo(ctx)));
  } else if (key === 'due' || key === 'scheduled' || key === 'sched') values = DAY_WORDS;
  else if (key === 'priority' || key === 'pri') values = ['H', 'M', 'L'];
  const prefix = current.slice(0, colon + 1);
  return values.map((v) => `${prefix}${v}`).filter((w) => w.toLocaleLowerCase().startsWith(lower));
}

async function valuesFor(option: Option, app: App, command: Command, current: string): Promise<string[]> {
  let values: string[] = option.argChoices ?? [];
  const name = option.long ?? '';
  if (name === '--priority') values = ['high', 'medium', 'low'];
  if (name === '--due') values = ['today', 'tomorrow', 'overdue', 'week', 'none'];
  if (name === '--status')
    values = ['new', 'pending', 'in_progress', 'awaiting_control', 'completed', 'deferred', 'declined'];
  if (name === '--mark') values = ['positive', 'negative'];
  if (name === '--project' || TAG_FLAGS.has(name) || USER_FLAGS.has(name)) {
    const ctx = await app.context(command);
    const { visibleTo } = await import('../../core/rules/visibility.js');
    values = ctx.store.read(() =>
      name === '--project'
        ? ctx.store.projectNames(visibleTo(ctx))
        : TAG_FLAGS.has(name)
          ? ctx.store.tagNames(visibleTo(ctx))
          : ctx.store.listUsers().map((u) => u.name),
    );
  }
  const lower = current.toLocaleLowerCase();
  return values.filter((v) => v.toLocaleLowerCase().startsWith(lower));
}

const SCRIPTS = {
  bash: (name: string) => `# ${name} completion for bash: add to ~/.bashrc
#   source <(${name} completion bash)
# Words are split at blanks only: bash also splits at : and = (project:Sales, rc.context=none), so each
# candidate is given back without what bash already holds before its own current word.
_${name}_regula_complete() {
  local line=\${COMP_LINE:0:COMP_POINT} cur=\${COMP_WORDS[COMP_CWORD]} candidate
  local -a words
  IFS=$' \\t' read -r -a words <<< "$line"
  [[ -z $line || $line == *[[:blank:]] ]] && words+=("")
  local current=\${words[\${#words[@]}-1]}
  local prefix=\${current%"$cur"}
  COMPREPLY=()
  while IFS= read -r candidate; do
    [[ -n $candidate && $candidate == "$current"* ]] && COMPREPLY+=("\${candidate#"$prefix"}")
  done < <(${name} __complete -- "\${words[@]:1}" 2>/dev/null | cut -f1)
}
complete -o default -F _${name}_regula_complete ${name}
`,
  zsh: (name: string) => `#compdef ${name}
# ${name} completion for zsh: put in a folder on $fpath as _${name}, or: source <(${name} completion zsh)
_${name}_regula() {
  local -a candidates
  candidates=("\${(@f)$(${name} __complete -- "\${(@)words[2,CURRENT]}" 2>/dev/null | sed -e 's/:/\\\\:/g' -e 's/\\t/:/')}")
  _describe '${name}' candidates
}
compdef _${name}_regula ${name}
`,
  fish: (
    name: string,
  ) => `# ${name} completion for fish: ${name} completion fish > ~/.config/fish/completions/${name}.fish
function __${name}_regula_complete
    set -l tokens (commandline -opc) (commandline -ct)
    ${name} __complete -- $tokens[2..-1] 2>/dev/null
end
complete -c ${name} -f -a '(__${name}_regula_complete)'
`,
};
