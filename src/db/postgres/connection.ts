import type PgNativeClient from 'pg-native';
import { RegulaError, RuleError, StorageError } from '../../core/errors.js';

/** A value sent as a query parameter (libpq sends them as text). */
export type SqlValue = string | number | boolean | null;

/** One synchronous connection to the team server (the core is synchronous; pg-native has connectSync/querySync). */
export interface PgConnection {
  /** Where it is connected, for messages (no password). */
  readonly where: string;
  query<Row = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Row[];
  /** Runs `work` in one transaction: committed when it returns, rolled back when it throws (every write is one). */
  transaction<T>(work: () => T): T;
  quoteIdentifier(name: string): string;
  close(): void;
}

export type ClientClass = typeof PgNativeClient;

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
  connection.query('SET client_min_messages = warning');
  return connection;
}

class NativeConnection implements PgConnection {
  private depth = 0;

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

  transaction<T>(work: () => T): T {
    if (this.depth > 0) return work();
    this.query('BEGIN');
    this.depth += 1;
    try {
      const result = work();
      this.depth -= 1;
      this.query('COMMIT');
      return result;
    } catch (error) {
      if (this.depth > 0) this.depth -= 1;
      this.rollbackQuietly();
      throw error;
    }
  }

  quoteIdentifier(name: string): string {
    return this.client.escapeIdentifier(name);
  }

  close(): void {
    this.client.end();
  }

  private rollbackQuietly(): void {
    try {
      this.client.querySync('ROLLBACK');
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
