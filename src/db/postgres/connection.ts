import type PgNativeClient from 'pg-native';
import { RegulaError, RuleError, StorageError } from '../../core/errors.js';

/** A value sent as a query parameter (libpq sends them as text). */
export type SqlValue = string | number | boolean | null;

/** One synchronous connection to the team server (the core is synchronous; pg-native has connectSync/querySync). */
export interface PgConnection {
  /** Where it is connected, for messages (no password). */
  readonly where: string;
  query<Row = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Row[];
  /**
   * Runs `work` in one transaction: committed when it returns, rolled back when it throws (every write is
   * one). Inside a transaction it joins it. `kind` says how it begins (default: the server's default).
   */
  transaction<T>(work: () => T, kind?: TransactionKind): T;
  /**
   * A transaction left open across calls (a savepoint when one is open already), settled later by
   * commit or rollback: an import's plan and its apply (store.ts scratchCopy).
   */
  begin(kind?: TransactionKind): OpenTransaction;
  /** Whether a transaction is open on this connection. */
  readonly inTransaction: boolean;
  /** Whether the transaction open is a read ('read': one snapshot, READ ONLY), no savepoint inside it. */
  readonly inReadOnly: boolean;
  /**
   * Inside a read: ends it (a read wrote nothing, so nothing is lost), runs `work` with no transaction open,
   * then begins a new read for the rest of the caller's work - its snapshot taken afresh, after `work`.
   */
  outsideRead<T>(work: () => T): T;
  quoteIdentifier(name: string): string;
  close(): void;
}

export type ClientClass = typeof PgNativeClient;

/**
 * How a transaction begins: 'read' is one consistent snapshot that writes nothing (REPEATABLE READ, READ
 * ONLY); 'write' is READ COMMITTED (the store serializes its writes itself, store.ts).
 */
export type TransactionKind = 'default' | 'read' | 'write';

const BEGIN: Record<TransactionKind, string> = {
  default: 'BEGIN',
  read: 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
  write: 'BEGIN ISOLATION LEVEL READ COMMITTED READ WRITE',
};

/** A transaction (or savepoint) still open: exactly one of commit or rollback settles it. */
export interface OpenTransaction {
  commit(): void;
  rollback(): void;
}

/**
 * Clients ended but not yet let go: libpq's Finish closes the socket's libuv watcher, which lives inside the
 * client's native object, and libuv completes that close on a later turn of the event loop. Collected
 * before then, the native object is freed under libuv (`uv__finish_close: Assertion ... UV_HANDLE_CLOSED`,
 * a crash at exit): each ended client is kept until two turns of the loop have passed.
 */
const endedClients = new Set<unknown>();

/** libpq: PQtransactionStatus of a connection that is gone. */
const PQTRANS_UNKNOWN = 4;

/**
 * pg-native is an optional dependency, loaded only by the server commands: a SQLite user never loads it
 * (start-up stays as it was). Missing, it is a storage problem with its fix.
 */
export async function loadDriver(): Promise<ClientClass> {
  try {
    return (await import('pg-native')).default;
  } catch (error) {
    throw new StorageError(
      `the PostgreSQL client is not installed (${firstLine(error)}); install it next to regula with: npm install pg-native libpq (it needs libpq-dev to build)`,
    );
  }
}

/** The server named by a URL or libpq connection string ('' = the libpq environment: PGHOST, PGUSER, ...). */
export async function connectPostgres(conninfo: string): Promise<PgConnection> {
  return connectWith(await loadDriver(), conninfo);
}

/** The same, with the driver already loaded (the store and its tests open many connections synchronously). */
export function connectWith(Client: ClientClass, conninfo: string): PgConnection {
  const client = new Client();
  const where = describeTarget(conninfo);
  try {
    client.connectSync(conninfo);
  } catch (error) {
    throw new StorageError(
      `cannot connect to the PostgreSQL server ${where}: ${firstLine(error)}; check that it runs and that the URL, user and password are right`,
    );
  }
  const connection = new NativeConnection(client, where);
  // The server's notices ("schema already exists, skipping") are not for the person at the keyboard.
  connection.query('SET client_min_messages = error');
  return connection;
}

class NativeConnection implements PgConnection {
  private depth = 0;
  /** How the outermost transaction open began. */
  private outermost: TransactionKind = 'default';
  private savepoints = 0;
  private closed = false;

  constructor(
    private readonly client: InstanceType<ClientClass>,
    readonly where: string,
  ) {}

  query<Row>(sql: string, params?: readonly SqlValue[]): Row[] {
    try {
      return this.client.querySync(sql, params) as Row[];
    } catch (error) {
      throw translatePostgresError(
        error,
        this.client.pq.resultErrorFields()?.sqlState,
        this.client.pq.transactionStatus() === PQTRANS_UNKNOWN,
        this.where,
      );
    }
  }

  get inTransaction(): boolean {
    return this.depth > 0;
  }

  get inReadOnly(): boolean {
    return this.depth === 1 && this.outermost === 'read';
  }

  outsideRead<T>(work: () => T): T {
    if (!this.inReadOnly) throw new Error('outsideRead is for a read transaction open without savepoints');
    this.query('COMMIT');
    this.depth = 0;
    try {
      return work();
    } finally {
      this.query(BEGIN.read);
      this.depth = 1;
      this.outermost = 'read';
    }
  }

  transaction<T>(work: () => T, kind: TransactionKind = 'default'): T {
    if (this.depth > 0) return work();
    const open = this.begin(kind);
    let result: T;
    try {
      result = work();
    } catch (error) {
      open.rollback();
      throw error;
    }
    open.commit();
    return result;
  }

  begin(kind: TransactionKind = 'default'): OpenTransaction {
    const nested = this.depth > 0;
    const savepoint = `regula_${++this.savepoints}`;
    this.query(nested ? `SAVEPOINT ${savepoint}` : BEGIN[kind]);
    if (!nested) this.outermost = kind;
    this.depth += 1;
    let settled = false;
    const settle = () => {
      if (settled) throw new Error('a transaction is settled once');
      settled = true;
      this.depth -= 1;
    };
    return {
      commit: () => {
        settle();
        this.query(nested ? `RELEASE SAVEPOINT ${savepoint}` : 'COMMIT');
      },
      rollback: () => {
        settle();
        this.rollbackQuietly(nested ? `ROLLBACK TO SAVEPOINT ${savepoint}` : 'ROLLBACK');
      },
    };
  }

  quoteIdentifier(name: string): string {
    return this.client.escapeIdentifier(name);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.client.end();
    endedClients.add(this.client);
    setImmediate(() => setImmediate(() => endedClients.delete(this.client)));
  }

  private rollbackQuietly(sql: string): void {
    try {
      this.client.querySync(sql);
    } catch {
      // The connection is gone: the server rolls the transaction back itself.
    }
  }
}

/**
 * A server error as one of ours: R-rule refusals raised by the schema's guards and policies (0002) become
 * RuleErrors; a lost connection and everything else are storage errors (exit 5) naming the server.
 */
export function translatePostgresError(
  error: unknown,
  sqlState: string | undefined,
  connectionLost: boolean,
  where: string,
): RegulaError {
  if (error instanceof RegulaError) return error;
  const message = firstLine(error).replace(/^ERROR:\s*/, '');
  if (connectionLost)
    return new StorageError(
      `lost the connection to the PostgreSQL server ${where} (${message}); the server rolled back what was not committed`,
    );
  const rule = /^(R\d+): (.*)$/.exec(message);
  if (rule) return new RuleError(rule[1]!, rule[2]!);
  if (sqlState === '42P01' && /"regula\./.test(message)) {
    return new StorageError(
      `regula is not set up on the PostgreSQL server ${where} (${message}); its database administrator runs: task server init URL`,
    );
  }
  if (sqlState === '42501') return new RuleError('R38', `the server refused it: ${message}`);
  return new StorageError(
    `the PostgreSQL server ${where} refused it: ${message}${sqlState ? ` (SQLSTATE ${sqlState})` : ''}`,
  );
}

/** host:port/database of a URL, without the password; the libpq environment when empty. */
export function describeTarget(conninfo: string): string {
  if (conninfo.trim() === '') return '(from PGHOST, PGPORT, PGDATABASE)';
  try {
    const url = new URL(conninfo);
    return `${url.hostname || 'localhost'}${url.port ? `:${url.port}` : ''}${url.pathname.length > 1 ? url.pathname : ''}`;
  } catch {
    return conninfo.replace(/password\s*=\s*\S+/gi, 'password=...');
  }
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.trim().split('\n')[0]!.trim();
}
