import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, checkPageInChromium, hasChromium } from './chromium.js';

/**
 * The headless-Chromium check the team page passes (tests/e2e/team-page.test.ts) must be able to fail:
 * fed pages that log an error, throw, load an image by URL or fail a request, it reports each.
 */
if (!hasChromium) console.warn(`SKIPPED: the Chromium page checks need ${CHROMIUM} (.ci/run installs it)`);

let dir = '';
const page = (name: string, body: string) => {
  const file = join(dir, `${name}.html`);
  writeFileSync(
    file,
    `<!doctype html><html><head><meta charset="utf-8"><title>${name}</title></head><body><h1>${name}</h1>${body}</body></html>`,
  );
  return file;
};
// A local server stands for "somewhere on the network": a request that succeeds is still a request.
let server: Server;
let origin = '';
const quiet = (check: Awaited<ReturnType<typeof checkPageInChromium>>) => ({
  consoleErrors: check.consoleErrors,
  pageErrors: check.pageErrors,
  failedRequests: check.failedRequests,
  requests: check.requests,
});

describe.skipIf(!hasChromium)(
  `the headless-Chromium page check${hasChromium ? '' : ` - SKIPPED: no Chromium at ${CHROMIUM}`}`,
  () => {
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'regula-page-check-'));
      server = createServer((_, res) => res.writeHead(204).end());
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      await new Promise((resolve) => server.close(resolve));
      rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    });

    it('passes a plain page, and sees an error logged to the console and a script that breaks', async () => {
      expect(
        quiet(
          await checkPageInChromium(
            page('clean', '<p>Nothing to see.</p><script>console.log("fine")</script>'),
          ),
        ),
      ).toEqual({ consoleErrors: [], pageErrors: [], failedRequests: [], requests: [] });
      const seen = await checkPageInChromium(
        page(
          'errors',
          '<script>console.error("deliberate", 42)</script><script>notDefinedAnywhere()</script><script>if (</script>',
        ),
      );
      expect(seen.consoleErrors).toEqual(['console.error: deliberate 42']);
      expect(seen.pageErrors).toHaveLength(2);
      expect(seen.pageErrors[0]).toMatch(/^ReferenceError: notDefinedAnywhere is not defined/);
      expect(seen.pageErrors[1]).toMatch(/^SyntaxError/);
    }, 60_000);

    it('sees an image loaded by URL even when it loads, and a request that fails', async () => {
      const image = await checkPageInChromium(page('image', `<img src="${origin}/pixel.png" alt="">`));
      expect(image.requests).toEqual([`${origin}/pixel.png`]);
      // Port 9 (discard) is one Chromium refuses to connect to: the request fails without leaving the machine.
      const failing = await checkPageInChromium(
        page('failing', '<img src="http://127.0.0.1:9/gone.png" alt="">'),
      );
      expect(failing.requests).toEqual(['http://127.0.0.1:9/gone.png']);
      expect(failing.failedRequests).toEqual([
        expect.stringMatching(/^http:\/\/127\.0\.0\.1:9\/gone\.png: net::ERR_/),
      ]);
      expect(failing.consoleErrors).toEqual([expect.stringContaining('Failed to load resource')]);
    }, 60_000);
  },
);
