import type PgNativeClient from 'pg-native';
import type { RegulaError } from '../../core/errors.js';

type LibpqHandle = PgNativeClient['pq'];

/** A value sent as a query parameter (libpq sends them as text). */
export type SqlValue = string | number | boolean | null;

/** The rows of the result libpq read last, as pg-native makes them (the same values `querySync` gives). */
type RowsOfResult = () => unknown[];

/** PostgreSQL's "current transaction is aborted, commands ignored until end of transaction block". */
const IN_FAILED_TRANSACTION = '25P02';

/** A query as sent: its text and values. */
export interface SentQuery {
  sql: string;
  params?: readonly SqlValue[];
}

/** What one query sent ahead answered: its rows, or the error the connection would have thrown. */
type Answer = { rows: unknown[] } | { error: RegulaError };

/** The key of a query: the same text with the same values is the same question (inside one snapshot). */
export function keyOf(sql: string, params: readonly SqlValue[] | undefined): string {
  return params && params.length ? `${sql}\u0000${JSON.stringify(params)}` : sql;
}

/**
 * At most this much query text and values waits in a pipeline. The connection blocks: with more, the server
 * could fill the socket with an answer the program does not read yet while the program is still sending,
 * and both would wait for ever. Below the kernel's buffers (and libpq's 64 KiB output threshold), sending
 * never waits; what does not fit is asked when it is wanted. A team month sends ~35 KB.
 */
const PIPELINE_BYTES = 64 * 1024;

/**
 * Reads sent ahead on one connection in libpq's pipeline mode (PostgreSQL 14+): the server works through
 * them one after another while the program goes on, and each answer is read when it is asked for, those
 * sent before it first (a pipeline answers in order). Each query is its own sync point. Only reads inside
 * one READ ONLY snapshot are sent ahead (the connection sees to it), so an answer read early is the one
 * asking later would give; a failed one aborts the snapshot, and every later query reports that failure.
 */
export class Pipeline {
  /** Keys of the queries sent whose answers were not read yet, in order, with their sizes. */
  private readonly unread: string[] = [];
  private readonly unreadSizes: number[] = [];
  private unreadBytes = 0;
  /** Whether this libpq has pipeline mode (14 and later); without it nothing is sent ahead. */
  private readonly supported: boolean;
  /** Answers read, not asked for yet, by key. */
  private readonly answered = new Map<string, Answer>();
  /**
   * How many times each query sent may still be asked for: the same query named twice is sent once (one
   * snapshot, one answer) and answered twice.
   */
  private readonly asks = new Map<string, number>();
  /**
   * The error of the first query sent ahead that failed since the last `forget`: it aborted the transaction,
   * so every query after it is refused as "current transaction is aborted" - and that error is its cause.
   */
  private abortedBy: RegulaError | undefined;

  constructor(
    private readonly pq: LibpqHandle,
    private readonly rowsOfResult: RowsOfResult,
    /** The error the connection would throw: for the failed result just read, or (false) for the connection. */
    private readonly errorOf: (ofResult: boolean) => RegulaError,
  ) {
    this.supported = typeof pq.pipelineModeSupported === 'function' && pq.pipelineModeSupported();
  }

  /** Whether anything was sent and not yet asked for. */
  get busy(): boolean {
    return this.asks.size > 0;
  }

  /** Whether this query was sent and its answer not yet taken. */
  has(sql: string, params: readonly SqlValue[] | undefined): boolean {
    return this.asks.has(keyOf(sql, params));
  }

  /** Sends the queries and flushes them to the server; returns at once. */
  send(queries: readonly SentQuery[]): void {
    if (!this.supported) return;
    const pq = this.pq;
    let inPipeline = this.unread.length > 0;
    const named = new Set<string>();
    for (const query of queries) {
      const key = keyOf(query.sql, query.params);
      const asks = this.asks.get(key);
      if (asks !== undefined) {
        // Named twice here: asked twice. Sent before and not yet asked for: the same question (a read
        // within a read named ahead names its queries again) - at worst a later ask goes to the server.
        if (named.has(key)) this.asks.set(key, asks + 1);
        continue;
      }
      named.add(key);
      const size = Buffer.byteLength(key);
      if (this.unreadBytes + size > PIPELINE_BYTES) break;
      if (!inPipeline && !pq.enterPipelineMode()) return;
      inPipeline = true;
      // Not sent (the connection is gone): it is asked for as any other query, and fails there.
      if (!pq.sendQueryParams(query.sql, query.params ?? [])) break;
      pq.pipelineSync();
      this.unread.push(key);
      this.unreadSizes.push(size);
      this.unreadBytes += size;
      this.asks.set(key, 1);
    }
    if (this.unread.length) pq.flush();
    else if (inPipeline) pq.exitPipelineMode();
  }

  /**
   * The answer to a query sent ahead (reading those before it), or undefined when it was not sent: the
   * caller asks the server itself. An answer is given as many times as its query was sent.
   */
  take(sql: string, params: readonly SqlValue[] | undefined): unknown[] | undefined {
    const key = keyOf(sql, params);
    const asks = this.asks.get(key);
    if (asks === undefined) return undefined;
    while (!this.answered.has(key)) this.readNext();
    const answer = this.answered.get(key)!;
    if (asks > 1) this.asks.set(key, asks - 1);
    else {
      this.asks.delete(key);
      this.answered.delete(key);
    }
    if ('error' in answer) throw answer.error;
    return asks > 1 ? answer.rows.slice() : answer.rows;
  }

  /**
   * Reads every answer still on its way (kept for when they are asked) and leaves pipeline mode: libpq runs
   * no plain query in a pipeline, so this comes before any query not sent ahead.
   */
  settle(): void {
    while (this.unread.length) this.readNext();
  }

  /** Settles and forgets every answer not asked for: the snapshot they were read in has ended. */
  forget(): void {
    this.settle();
    this.answered.clear();
    this.asks.clear();
    this.abortedBy = undefined;
  }

  /**
   * The error to throw for a query the server refused: refused only because a query sent ahead failed
   * first (the transaction is aborted, SQLSTATE 25P02), it is that query's error - what went wrong.
   */
  causeOf(error: RegulaError, sqlState: string | undefined): RegulaError {
    return sqlState === IN_FAILED_TRANSACTION && this.abortedBy ? this.abortedBy : error;
  }

  /** The error of a failed result just read (its cause, causeOf); the first one is what aborted the transaction. */
  private failed(error: RegulaError): RegulaError {
    const cause = this.causeOf(error, this.pq.resultErrorFields()?.sqlState);
    this.abortedBy ??= cause;
    return cause;
  }

  /** Reads the next answer in order: the query's result, the end of it, then its sync point. */
  private readNext(): void {
    const key = this.unread.shift()!;
    this.unreadBytes -= this.unreadSizes.shift()!;
    const pq = this.pq;
    let answer: Answer;
    if (!pq.getResult()) answer = { error: this.errorOf(false) };
    else {
      const status = pq.resultStatus();
      answer =
        status === 'PGRES_TUPLES_OK' || status === 'PGRES_COMMAND_OK'
          ? { rows: this.rowsOfResult() }
          : { error: this.failed(this.errorOf(true)) };
      // The end of this query's results (libpq's null), then the sync point that follows it.
      if (!pq.getResult() && pq.getResult() && pq.resultStatus() === 'PGRES_PIPELINE_SYNC') {
        this.answered.set(key, answer);
        if (this.unread.length === 0) pq.exitPipelineMode();
        return;
      }
    }
    // The stream broke off (the connection is gone): this answer and every one after it is that error.
    this.answered.set(key, answer);
    const lost = this.errorOf(false);
    for (const rest of this.unread.splice(0)) this.answered.set(rest, { error: lost });
    this.unreadSizes.length = 0;
    this.unreadBytes = 0;
  }
}
