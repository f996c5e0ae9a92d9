import type { SqlValue } from '../connection.js';

/**
 * The positional parameters ($1, $2, ...) of one statement, collected while its SQL is built: `add`
 * puts a value in and answers its placeholder, so pieces of a query built apart number them in turn.
 */
export class SqlParams {
  readonly values: SqlValue[] = [];

  add(value: SqlValue): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /** A list as one array parameter, cast to `type` (bigint[], text[]): `= ANY (${params.list(ids, 'bigint')})`. */
  list(values: readonly (string | number)[], type: 'bigint' | 'text'): string {
    return `${this.add(arrayLiteral(values))}::${type}[]`;
  }
}

/** A PostgreSQL array literal: {"a","b"}, every element quoted (backslashes and quotes escaped). */
export function arrayLiteral(values: readonly (string | number)[]): string {
  return `{${values.map((value) => `"${String(value).replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}
