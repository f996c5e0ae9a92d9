import type { Config } from './config.js';
import type { Store } from './store.js';
import type { User } from './types.js';

/** Everything a core use case needs: where data lives, who acts, when, and under which settings. */
export interface CoreContext {
  store: Store;
  actor: User;
  now: Date;
  config: Config;
}
