import type { Config } from './config.js';
import type { Policy } from './policy.js';
import type { ProgressSink } from './progress.js';
import type { Store } from './store.js';
import type { User } from './types.js';

/** Everything a core use case needs: where data lives, who acts, when, the company's rules and the person's preferences. */
export interface CoreContext {
  store: Store;
  actor: User;
  now: Date;
  /** R39: what the regulations allow here, from the shared database. */
  policy: Policy;
  /** The acting person's preferences (config file and rc. words). */
  config: Config;
  /** Where long work reports how far it got (set only when a person watches a terminal). */
  progress?: ProgressSink;
}
