// Reads sent ahead on one connection (src/db/postgres/pipeline.ts, libpq's pipeline mode): the server
// works on them before they are asked for, each answer is the one asking would give, an error answers its
// own query only when asked, and a connection lost with answers on the way is a storage error, not a hang.
import PgNative from 'pg-native';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { StorageError } from '../../src/core/errors.js';
import { connectWith, type PgConnection } from '../../src/db/postgres/connection.js';
import { noServerNotice, SERVER_URL, TestServer } from './server.js';

if (SERVER_URL === undefined) noServerNotice();
else
  describe('reads sent ahead on one connection', () => {
    const server = new TestServer(SERVER_URL!);
    const open: PgConnection[] = [];
    const connect = () => {
      const db = connectWith(PgNative, server.url());
      open.push(db);
      return db;
    };
    beforeAll(() => server.create(), 120_000);
    afterEach(() => {
      for (const db of open.splice(0)) db.close();
    });
    afterAll(() => server.drop(), 60_000);

    /** This connection's server process, as another connection sees it. */
    const backendOf = (db: PgConnection) =>
      Number(db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')[0]!.pid);

    it('inside a read, the server runs what was sent ahead before it is asked for', () => {
      const db = connect();
      const watcher = connect();
      const pid = backendOf(db);
      const marker = 'SELECT 41 + 1 AS answer /* sent ahead */';
      const answer = db.transaction(() => {
        db.sendAhead([{ sql: marker }]);
        // Nothing asked yet: the other connection sees the query done and the transaction waiting.
        const seen = () =>
          watcher.query<{ query: string; state: string }>(
            'SELECT query, state FROM pg_stat_activity WHERE pid = $1',
            [pid],
          )[0];
        const deadline = Date.now() + 30_000;
        while (!(seen()?.query === marker && seen()?.state === 'idle in transaction')) {
          if (Date.now() > deadline) throw new Error(`never ran ahead: ${JSON.stringify(seen())}`);
        }
        return db.query(marker);
      }, 'read');
      expect(answer).toEqual([{ answer: 42 }]);
    });

    it('answers in any order, a query not sent ahead in between, the same query sent twice answered twice', () => {
      const db = connect();
      const rows = db.transaction(() => {
        db.sendAhead([
          { sql: 'SELECT $1::int AS n', params: [1] },
          { sql: 'SELECT $1::int AS n', params: [2] },
          { sql: 'SELECT $1::int AS n', params: [1] },
        ]);
        return [
          db.query('SELECT $1::int AS n', [2]),
          db.query('SELECT 3 AS n'),
          db.query('SELECT $1::int AS n', [1]),
          db.query('SELECT $1::int AS n', [1]),
          db.query('SELECT $1::int AS n', [1]),
        ];
      }, 'read');
      expect(rows).toEqual([[{ n: 2 }], [{ n: 3 }], [{ n: 1 }], [{ n: 1 }], [{ n: 1 }]]);
    });

    it('a query sent again before it was asked for is the same question: answered once ahead, then by the server', () => {
      const db = connect();
      const rows = db.transaction(() => {
        db.sendAhead([{ sql: 'SELECT 7 AS n' }]);
        db.sendAhead([{ sql: 'SELECT 7 AS n' }, { sql: 'SELECT 8 AS n' }]);
        return [db.query('SELECT 7 AS n'), db.query('SELECT 8 AS n'), db.query('SELECT 7 AS n')];
      }, 'read');
      expect(rows).toEqual([[{ n: 7 }], [{ n: 8 }], [{ n: 7 }]]);
    });

    it('more than fits in the pipeline at once (64 KiB): what does not fit is asked when wanted, every answer right', () => {
      const db = connect();
      const big = (n: number) => ({ sql: 'SELECT length($1::text) AS n', params: ['x'.repeat(30_000 + n)] });
      const answers = db.transaction(() => {
        db.sendAhead([big(1), big(2), big(3), big(4)]);
        return [big(4), big(1), big(3), big(2)].map((query) => db.query(query.sql, query.params));
      }, 'read');
      expect(answers).toEqual([[{ n: 30_004 }], [{ n: 30_001 }], [{ n: 30_003 }], [{ n: 30_002 }]]);
    });

    it('an error answers its own query, when asked, as the connection would throw it', () => {
      const db = connect();
      const outcome = db.transaction(() => {
        db.sendAhead([{ sql: 'SELECT 1 AS ok' }, { sql: 'SELECT 1 / 0 AS never' }]);
        const first = db.query('SELECT 1 AS ok');
        let error: unknown;
        try {
          db.query('SELECT 1 / 0 AS never');
        } catch (thrown) {
          error = thrown;
        }
        return { first, error };
      }, 'read');
      expect(outcome.first).toEqual([{ ok: 1 }]);
      expect(outcome.error).toBeInstanceOf(StorageError);
      expect((outcome.error as Error).message).toMatch(/division by zero \(SQLSTATE 22012\)/);
      // The transaction was rolled back and the connection goes on.
      expect(db.inTransaction).toBe(false);
      expect(db.query('SELECT 2 AS next')).toEqual([{ next: 2 }]);
    });

    it('an error sent ahead aborts the read: a query asked after it says what failed, not that the transaction was aborted', () => {
      const db = connect();
      const errors = db.transaction(() => {
        db.sendAhead([{ sql: 'SELECT 1 / 0 AS never' }, { sql: 'SELECT 2 AS sent' }]);
        const thrown: unknown[] = [];
        for (const sql of ['SELECT 2 AS sent', 'SELECT 3 AS not_sent']) {
          try {
            db.query(sql);
          } catch (error) {
            thrown.push(error);
          }
        }
        return thrown;
      }, 'read');
      expect(errors).toHaveLength(2);
      for (const error of errors) {
        expect(error).toBeInstanceOf(StorageError);
        expect((error as Error).message).toMatch(/division by zero \(SQLSTATE 22012\)/);
      }
    });

    it('a failure of queries sent together before a transaction is never given as the cause of a later one', () => {
      const db = connect();
      expect(() => db.queryAll([{ sql: 'SELECT 1 / 0 AS a' }, { sql: 'SELECT 5 AS b' }])).toThrow(
        /division by zero/,
      );
      const later = db.transaction(() => {
        try {
          db.query("SELECT 'x'::int AS n");
        } catch {
          // Refused; the transaction is aborted now.
        }
        try {
          db.query('SELECT 1 AS n');
        } catch (error) {
          return error;
        }
      });
      expect((later as Error).message).toMatch(/current transaction is aborted/);
    });

    it('a read that would write first has nothing to send ahead: no COMMIT or SAVEPOINT ends the snapshot early', () => {
      const db = connect();
      const other = connect();
      db.query('CREATE TABLE IF NOT EXISTS public.seen (n int)');
      db.query('TRUNCATE public.seen');
      db.query('INSERT INTO public.seen VALUES (1)');
      const count = { sql: 'SELECT count(*)::int AS n FROM public.seen' };
      const outcome = db.transaction(() => {
        const before = db.query(count.sql);
        // Committed after this read's snapshot was taken: asking in the snapshot does not see it.
        other.query('INSERT INTO public.seen VALUES (2)');
        const found = [
          ...db.firstQueriesOf(() => db.outsideRead(() => 0)),
          ...db.firstQueriesOf(() => db.transaction(() => db.begin().commit())),
        ];
        db.sendAhead([...found, count]);
        return { before, found, after: db.query(count.sql) };
      }, 'read');
      expect(outcome.after).toEqual(outcome.before);
      expect(outcome.found).toEqual([]);
    });

    it('an answer read ahead is never given after its snapshot ended; outside a read nothing is sent ahead', () => {
      const db = connect();
      db.query('CREATE TABLE IF NOT EXISTS public.counter (n int)');
      db.query('TRUNCATE public.counter');
      db.query('INSERT INTO public.counter VALUES (1)');
      const count = { sql: 'SELECT count(*)::int AS n FROM public.counter' };
      db.transaction(() => db.sendAhead([count]), 'read');
      db.query('INSERT INTO public.counter VALUES (2)');
      expect(db.transaction(() => db.query(count.sql), 'read')).toEqual([{ n: 2 }]);
      db.sendAhead([count]);
      db.query('INSERT INTO public.counter VALUES (3)');
      expect(db.query(count.sql)).toEqual([{ n: 3 }]);
    });

    it('queries sent together outside a transaction are answered in order; one failing throws, and leaves nothing for later', () => {
      const db = connect();
      expect(db.queryAll([{ sql: 'SELECT 1 AS a' }, { sql: 'SELECT $1::text AS b', params: ['x'] }])).toEqual(
        [[{ a: 1 }], [{ b: 'x' }]],
      );
      expect(() => db.queryAll([{ sql: 'SELECT 1 / 0 AS a' }, { sql: 'SELECT 5 AS b' }])).toThrow(
        /division by zero/,
      );
      expect(db.query('SELECT 5 AS b')).toEqual([{ b: 5 }]);
    });

    it('a connection lost with answers on the way: each is a storage error naming the lost connection, and nothing hangs', () => {
      const db = connect();
      const killer = connect();
      const pid = backendOf(db);
      let error: unknown;
      try {
        db.transaction(() => {
          db.sendAhead([{ sql: 'SELECT pg_sleep(30) AS slept' }, { sql: 'SELECT 2 AS after' }]);
          killer.query('SELECT pg_terminate_backend($1)', [pid]);
          db.query('SELECT 2 AS after');
        }, 'read');
      } catch (thrown) {
        error = thrown;
      }
      expect(error).toBeInstanceOf(StorageError);
      expect((error as Error).message).toMatch(/lost the connection to the PostgreSQL server/);
      expect(() => db.query('SELECT 1')).toThrow(StorageError);
    }, 60_000);
  });
