// The PostgreSQL pass of the end-to-end tests when there is no server (vitest.config.ts): one visibly
// skipped test saying why, or a failure under REGULA_REQUIRE_PG=1 (.ci/run).
import { noServerNotice } from '../pg/server.js';

noServerNotice('the PostgreSQL pass of the end-to-end tests (vitest project "postgres")');
