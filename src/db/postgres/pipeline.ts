import type PgNativeClient from 'pg-native';
import type { RegulaError } from '../../core/errors.js';
import type { SqlValue } from './connection.js';

type LibpqHandle = PgNativeClient['pq'];

/** The rows of the result libpq read last, as pg-native makes them (the same values `querySync` gives). */
type RowsOfResult = () => unknown[];

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
 * Reads sent ahead on one connection in libpq's pipeline mode (PostgreSQL 14+): the server works through
 * them one after another while the program goes on, and each answer is read when it is asked for, those
 * sent before it first (a pipeline answers in order). Each query is its own sync point, so an error
 * answers that query alone. Only reads inside one READ ONLY snapshot are sent ahead (the connection sees
 * to it), so an answer read early is the one asking later would give.
 */
export class Pipeline {
  /** Keys of the queries sent whose answers were not read yet, in order. */
  private readonly unread: string[] = [];
  /** Answers read, not asked for yet, by key (the same query may be sent twice). */
  private readonly answered = new Map<string, Answer[]>();

  constructor(
    private readonly pq: LibpqHandle,
    private readonly rowsOfResult: RowsOfResult,
    /** The error the connection would throw: for the failed result just read, or (false) for the connection. */
    private readonly errorOf: (ofResult: boolean) => RegulaError,
  ) {}

  /** Whether anything was sent and not yet asked for. */
  get busy(): boolean {
    return this.unread.length > 0 || this.answered.size > 0;
  }

  /** Whether this query was sent and its answer not yet taken. */
  has(sql: string, params: readonly SqlValue[] | undefined): boolean {
    const key = keyOf(sql, params);
    return this.answered.has(key) || this.unread.includes(key);
  }

  /** Sends the queries and flushes them to the server; returns at once. */
  send(queries: readonly SentQuery[]): void {
    if (queries.length === 0) return;
    const pq = this.pq;
    if (this.unread.length === 0 && !pq.enterPipelineMode()) return;
    for (const query of queries) {
      if (!pq.sendQueryParams(query.sql, query.params ?? [])) break;
      pq.pipelineSync();
      this.unread.push(keyOf(query.sql, query.params));
    }
    pq.flush();
    if (this.unread.length === 0) pq.exitPipelineMode();
  }

  /**
   * The answer to a query sent ahead (reading those before it), or undefined when it was not sent: the
   * caller asks the server itself. An answer is given once.
   */
  take(sql: string, params: readonly SqlValue[] | undefined): unknown[] | undefined {
    const key = keyOf(sql, params);
    while (!this.answered.has(key) && this.unread.includes(key)) this.readNext();
    const answers = this.answered.get(key);
    if (!answers) return undefined;
    const answer = answers.shift()!;
    if (answers.length === 0) this.answered.delete(key);
    if ('error' in answer) throw answer.error;
    return answer.rows;
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
  }

  /** Reads the next answer in order: the query's result, the end of it, then its sync point. */
  private readNext(): void {
    const key = this.unread.shift()!;
    const pq = this.pq;
    let answer: Answer;
    if (!pq.getResult()) answer = { error: this.errorOf(false) };
    else {
      const status = pq.resultStatus();
      answer =
        status === 'PGRES_TUPLES_OK' || status === 'PGRES_COMMAND_OK'
          ? { rows: this.rowsOfResult() }
          : { error: this.errorOf(true) };
      // The end of this query's results (libpq's null), then the sync point that follows it.
      if (!pq.getResult() && pq.getResult() && pq.resultStatus() === 'PGRES_PIPELINE_SYNC') {
        this.keep(key, answer);
        if (this.unread.length === 0) pq.exitPipelineMode();
        return;
      }
    }
    // The stream broke off (the connection is gone): this answer and every one after it is that error.
    this.keep(key, answer);
    const lost = this.errorOf(false);
    for (const rest of this.unread.splice(0)) this.keep(rest, { error: lost });
  }

  private keep(key: string, answer: Answer): void {
    const answers = this.answered.get(key);
    if (answers) answers.push(answer);
    else this.answered.set(key, [answer]);
  }
}
