import { describe, expect, it } from 'vitest';
import { arrayLiteral, SqlParams } from '../../src/db/postgres/store/params.js';

// The team server's statements take their values as positional parameters; a list goes as one array.
describe('team server query parameters', () => {
  it('numbers the placeholders in the order the pieces of a query add their values', () => {
    const params = new SqlParams();
    expect(params.add(7)).toBe('$1');
    expect(params.list([1, 2], 'bigint')).toBe('$2::bigint[]');
    expect(params.add(null)).toBe('$3');
    expect(params.values).toEqual([7, '{"1","2"}', null]);
  });

  it('quotes every element of an array, so commas, braces, quotes and backslashes in a name stay in it', () => {
    expect(arrayLiteral([])).toBe('{}');
    expect(arrayLiteral(['a,b', '{c}', 'say "hi"', 'back\\slash', 'NULL', ' '])).toBe(
      '{"a,b","{c}","say \\"hi\\"","back\\\\slash","NULL"," "}',
    );
  });
});
