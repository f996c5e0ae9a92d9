// What dist/main.js exports (the bundle's single entry): the program and the App it runs in.
export { App } from './app.js';
export { main } from './main.js';
import { TASKWARRIOR_REPORTS } from './argv.js';
import { commandFileOf } from './command-index.js';

/** bin/task.js keeps a V8 code cache per command word and asks this first: a mistyped word gets none. */
export function isCommandWord(word: string): boolean {
  return commandFileOf(word) !== undefined || word === 'help' || Object.hasOwn(TASKWARRIOR_REPORTS, word);
}
