import { DEFAULT_CONFIG, type Config } from '../../src/core/config.js';
import { DEFAULT_POLICY, type Policy } from '../../src/core/policy.js';
import type { CoreContext } from '../../src/core/context.js';
import { gateStore, type GateContext } from '../../src/core/gate.js';
import { resolveActor } from '../../src/core/identity.js';
import type { OpenedStore, Store, StoreMaintenance } from '../../src/core/store.js';
import type { Role, User } from '../../src/core/types.js';
import { openStore } from '../../src/db/index.js';

/**
 * The core on an in-memory SQLite store with a fixed clock: the layer most rule tests run in (no
 * process per test). Every context goes through the gate, as the command line's does.
 */
export class CoreWorld {
  private readonly opened: OpenedStore;
  /** The store without the gate: what a test sets up directly. */
  readonly raw: Store;
  /** The engine's upkeep (task doctor's storage checks, backup). */
  readonly maintenance: StoreMaintenance;
  now: Date;
  config: Config = { ...DEFAULT_CONFIG };
  /** R39: the company policy every context of this world runs under. */
  policy: Policy = { ...DEFAULT_POLICY, workingDays: [...DEFAULT_POLICY.workingDays] };

  constructor(now = '2026-11-27T09:00:00') {
    this.opened = openStore(':memory:', { createParent: false });
    this.raw = this.opened.store;
    this.maintenance = this.opened.maintenance;
    this.now = new Date(now);
  }

  /** The first person of the database: its administrator. */
  admin(name = 'root'): User {
    return resolveActor(gateStore(this.raw, this.gate(null)), name, this.now);
  }

  /** Adds a person as an administrator would (or the given actor). */
  person(name: string, role: Role = 'employee', manager: string | null = null): User {
    const managerId = manager === null ? null : this.user(manager).id;
    return this.raw.write(() =>
      this.raw.insertUser({ name, fullName: null, role, managerId, createdAt: this.now }),
    );
  }

  user(name: string): User {
    const user = this.raw.findUserByName(name);
    if (!user) throw new Error(`no user ${name} in the test world`);
    return user;
  }

  gate(actor: User | null, extra: Partial<GateContext> = {}): GateContext {
    return { actor, now: this.now, via: null, reason: null, importing: false, ...extra };
  }

  /** The context a command run by this person gets. */
  as(name: string, extra: Partial<GateContext> = {}): CoreContext {
    const actor = this.user(name);
    const store: Store = gateStore(this.raw, this.gate(actor, extra));
    return { store, actor, now: this.now, config: this.config, policy: this.policy };
  }

  at(iso: string): this {
    this.now = new Date(iso);
    return this;
  }

  close(): void {
    this.opened.close();
  }
}
