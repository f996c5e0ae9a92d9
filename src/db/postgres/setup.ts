import type { ServerSetup } from '../../core/server.js';
import { connectPostgres } from './connection.js';
import { latestServerSchemaVersion, PostgresSchema } from './migrations.js';
import { PostgresPeople } from './server-people.js';

/** Connects as the server's administrator, hands `work` the set-up ports, and closes the connection after. */
export async function withServerSetup<T>(conninfo: string, work: (setup: ServerSetup) => T): Promise<T> {
  const db = await connectPostgres(conninfo);
  try {
    return work({
      where: db.where,
      schema: new PostgresSchema(db),
      people: new PostgresPeople(db),
      latestVersion: latestServerSchemaVersion(),
    });
  } finally {
    db.close();
  }
}
