// Issue 23: connections to the team server open and close many times in one process (the store contract
// opens one per test; a command opens one) and the process still ends cleanly.
import { execa } from 'execa';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noServerNotice, SERVER_URL, TestServer } from './server.js';

const serverUrl = SERVER_URL;
const SCRIPT = fileURLToPath(new URL('./fixtures/open-and-close.ts', import.meta.url));

if (serverUrl === undefined) noServerNotice();
else
  describe('the team server connection', () => {
    const server = new TestServer(serverUrl);
    beforeAll(() => server.create());
    afterAll(() => server.drop());

    it('a closed connection is let go only after libuv closed its socket watcher: collected early, the process aborted (uv__finish_close)', async () => {
      const run = await execa('node', ['--expose-gc', '--import', 'tsx', SCRIPT, server.url()], {
        reject: false,
      });
      expect(run.stderr).not.toContain('uv__finish_close');
      expect(run.exitCode, run.stderr).toBe(0);
      expect(run.stdout).toBe('closed');
    }, 60_000);
  });
