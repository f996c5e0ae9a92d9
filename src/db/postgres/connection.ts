import type PgNativeClient from 'pg-native';
import { RegulaError, RuleError, StorageError } from '../../core/errors.js';
import { Pipeline, type SentQuery, type SqlValue } from './pipeline.js';

export type { SqlValue };

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
  /**
   * Inside a read (one READ ONLY snapshot): sends these queries to the server at once and returns, so the
   * server works on them while the program goes on; a later `query` with the same text and values takes
   * its answer. Elsewhere it sends nothing (a write could change what they would answer).
   */
  sendAhead(queries: readonly SentQuery[]): void;
  /**
   * Queries that do not depend on each other's answers (a read of two tables), sent together and answered
   * in order: one wait for all of them.
   */
  queryAll(queries: readonly SentQuery[]): unknown[][];
  /** The first queries `work` would make (its first `query`, or its first `queryAll`), found by running it up to them; nothing is sent. */
  firstQueriesOf(work: () => unknown): SentQuery[];
  quoteIdentifier(name: string): string;
  close(): void;
}

/** Thrown by `query` while a first query is being found: it stops the work there. */
const FOUND = Symbol('the first query was found');

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

/**
 * pg-types' parsers, but a bigint (int8: ids, epoch-millisecond instants, totals) as a number: pg-types
 * keeps its text, and every row read then turned it into a number again (a team month reads ~40,000 of
 * them). regula's bigints stay far below 2^53 (ids; instants are ~1.8e12; totals of milliseconds).
 */
function int8AsNumbers(defaults: PgNativeClient.TypeParsers): PgNativeClient.TypeParsers {
  return {
    getTypeParser: (oid, format) =>
      oid === INT8_OID && format !== 'binary' ? Number : defaults.getTypeParser(oid, format),
  };
}

/** The OID of PostgreSQL's bigint. */
const INT8_OID = 20;

/** The server named by a URL or libpq connection string ('' = the libpq environment: PGHOST, PGUSER, ...). */
export async function connectPostgres(conninfo: string): Promise<PgConnection> {
  return connectWith(await loadDriver(), conninfo);
}

/** The same, with the driver already loaded (the store and its tests open many connections synchronously). */
export function connectWith(Client: ClientClass, conninfo: string): PgConnection {
  const client = new Client();
  client._types = int8AsNumbers(client._types);
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
  private readonly pipeline: Pipeline;
  /** While first queries are being found: empty until `query` or `queryAll` is called. */
  private finding: SentQuery[] | undefined;

  constructor(
    private readonly client: InstanceType<ClientClass>,
    readonly where: string,
  ) {
    this.pipeline = new Pipeline(
      client.pq,
      () => client._consumeQueryResults(client.pq).rows,
      (ofResult) =>
        this.translated(new Error(ofResult ? client.pq.resultErrorMessage() : client.pq.errorMessage())),
    );
  }

  query<Row>(sql: string, params?: readonly SqlValue[]): Row[] {
    if (this.finding) {
      this.finding.push({ sql, params });
      throw FOUND;
    }
    if (this.pipeline.busy) {
      const answer = this.pipeline.take(sql, params);
      if (answer) return answer as Row[];
      this.pipeline.settle();
    }
    try {
      return this.client.querySync(sql, params) as Row[];
    } catch (error) {
      throw this.pipeline.causeOf(this.translated(error), this.client.pq.resultErrorFields()?.sqlState);
    }
  }

  private translated(error: unknown): RegulaError {
    return translatePostgresError(
      error,
      this.client.pq.resultErrorFields()?.sqlState,
      this.client.pq.transactionStatus() === PQTRANS_UNKNOWN,
      this.where,
    );
  }

  sendAhead(queries: readonly SentQuery[]): void {
    // Inside the finding of another read's first queries (a readAhead within a read named ahead): these
    // are all that read's first queries.
    if (this.finding) {
      this.finding.push(...queries);
      throw FOUND;
    }
    if (this.inReadOnly) this.pipeline.send(queries);
  }

  queryAll(queries: readonly SentQuery[]): unknown[][] {
    if (this.finding) {
      this.finding.push(...queries);
      throw FOUND;
    }
    const first = queries[0];
    if (queries.length > 1 && first && !this.pipeline.has(first.sql, first.params))
      this.pipeline.send(queries);
    // Every answer is taken, a failed one too, so none is left for a later query to find.
    const answers = queries.map((query) => {
      try {
        return { rows: this.query(query.sql, query.params) };
      } catch (error) {
        return { error };
      }
    });
    const failed = answers.find((answer) => 'error' in answer);
    if (failed) throw failed.error;
    return answers.map((answer) => (answer as { rows: unknown[] }).rows);
  }

  firstQueriesOf(work: () => unknown): SentQuery[] {
    const outer = this.finding;
    const finding: SentQuery[] = [];
    this.finding = finding;
    try {
      work();
    } catch {
      // FOUND is the expected end; any other error is met again when the work runs for real.
    } finally {
      this.finding = outer;
    }
    return finding;
  }

  /**
   * While a read's first queries are being found: a read that would end, begin or nest a transaction first
   * (a write inside it) has none to send ahead - a COMMIT or SAVEPOINT sent ahead would end or change the
   * snapshot the answers after it are read in, unknown to this connection.
   */
  private stopFindingAtTransactionControl(): void {
    if (this.finding) throw FOUND;
  }

  get inTransaction(): boolean {
    return this.depth > 0;
  }

  get inReadOnly(): boolean {
    return this.depth === 1 && this.outermost === 'read';
  }

  outsideRead<T>(work: () => T): T {
    this.stopFindingAtTransactionControl();
    if (!this.inReadOnly) throw new Error('outsideRead is for a read transaction open without savepoints');
    this.pipeline.forget();
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
    this.stopFindingAtTransactionControl();
    const nested = this.depth > 0;
    const savepoint = `regula_${++this.savepoints}`;
    // A new transaction: no failure of queries sent outside one is its cause (Pipeline.causeOf).
    if (!nested) this.pipeline.forget();
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
        // Answers read ahead belong to this snapshot: none is given after it ends.
        if (!nested) this.pipeline.forget();
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
      this.pipeline.forget();
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
