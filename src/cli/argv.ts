/** Global options that take a value: their value is never the command word. */
const GLOBAL_OPTIONS_WITH_VALUE = new Set(['--db', '--as']);

const TASK_ID = /^#?\d+$/;

/** A word that reads as a Taskwarrior filter: `project:Sales`, `+office` (see taskwarrior-words.ts). */
const FILTER_TERM = /^(\+[^\s+]|[a-z]+:.)/i;

function commandIndex(args: readonly string[]): number {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (GLOBAL_OPTIONS_WITH_VALUE.has(arg)) i++;
    else if (!arg.startsWith('-')) return i;
  }
  return -1;
}

/** The command word of an invocation: the first argument that is neither a global option nor its value. */
export function commandWord(args: readonly string[]): string | undefined {
  const index = commandIndex(args);
  return index < 0 ? undefined : args[index];
}

/** Flags that answer without a command (`task --help`, `task -V`). */
const ANSWERING_FLAGS = new Set(['-h', '--help', '-V', '--version']);

/**
 * Taskwarrior's habits, for people who switch from it: `task` (with or without global options) is
 * `task list`; `task 12 done --result ...` is `task done 12 ...`; `task 12` alone is `task show 12`;
 * filter words before the command (`task +office list`, `task project:Sales`) filter the list.
 * Anything else is left as it is.
 */
export function taskwarriorOrder(args: readonly string[]): string[] {
  const result = [...args];
  const index = commandIndex(result);
  // Global options also work after the command, so `task --all` and `task --json` are the list's.
  if (index < 0) return result.some((arg) => ANSWERING_FLAGS.has(arg)) ? result : ['list', ...result];
  if (FILTER_TERM.test(result[index]!)) return filterFirst(result, index);
  if (!TASK_ID.test(result[index]!)) return result;
  const next = result[index + 1];
  if (next !== undefined && !next.startsWith('-')) [result[index], result[index + 1]] = [next, result[index]!];
  else result.splice(index, 0, 'show');
  return result;
}

/** `task project:Sales +office list` and `task project:Sales` are `task list project:Sales +office`. */
function filterFirst(args: string[], index: number): string[] {
  let end = index;
  while (end < args.length && FILTER_TERM.test(args[end]!)) end++;
  const terms = args.slice(index, end);
  const rest = args.slice(end);
  if (rest[0] === 'list') return [...args.slice(0, index), 'list', ...terms, ...rest.slice(1)];
  return [...args.slice(0, index), 'list', ...terms, ...rest];
}

/** Commander's "error: unknown command 'strat'\n(Did you mean start?)" as one line in our form. */
export function commanderMessage(text: string): string {
  return text
    .trim()
    .replace(/^error:\s*/, '')
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\(Did you mean/g, '(did you mean');
}
