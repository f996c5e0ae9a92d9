import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';

/** The Chromium the tests drive (.ci/run installs it); tests that need it skip, with a message, without it. */
export const CHROMIUM = process.env.REGULA_CHROMIUM ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

/** What a page did while it loaded in headless Chromium. Every list is empty for a clean, self-contained page. */
export interface PageCheck {
  /** console.error / console.assert calls, and the browser's own error log (a failed load, a blocked resource). */
  consoleErrors: string[];
  /** Uncaught exceptions: a broken script, a throw, a rejected promise nobody handled. */
  pageErrors: string[];
  /** Requests that failed (with the reason Chromium gives). */
  failedRequests: string[];
  /** Every request the page made besides loading the file itself - network or not. */
  requests: string[];
  /** A PNG of the viewport once the page had loaded and gone quiet. */
  screenshot: Buffer;
}

type Message = {
  id?: number;
  method?: string;
  params?: Record<string, any>;
  result?: Record<string, any>;
  error?: { message: string };
  sessionId?: string;
};

/**
 * The DevTools protocol over `--remote-debugging-pipe` (requests on fd 3, answers on fd 4, each message
 * JSON ending in a NUL byte): no port, no WebSocket, no extra dependency.
 */
class DevTools {
  private next = 1;
  private buffer = '';
  private pending = new Map<
    number,
    { resolve: (result: Record<string, any>) => void; reject: (error: Error) => void }
  >();
  private listeners: ((message: Message) => void)[] = [];
  /** Every event so far, so a wait can start after the event came. */
  private readonly events: Message[] = [];

  constructor(
    private readonly input: Writable,
    output: Readable,
  ) {
    output.setEncoding('utf8');
    output.on('data', (chunk: string) => this.receive(chunk));
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    for (let end = this.buffer.indexOf('\0'); end >= 0; end = this.buffer.indexOf('\0')) {
      const message = JSON.parse(this.buffer.slice(0, end)) as Message;
      this.buffer = this.buffer.slice(end + 1);
      if (message.id !== undefined) {
        const waiting = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.error) waiting?.reject(new Error(`DevTools: ${message.error.message}`));
        else waiting?.resolve(message.result ?? {});
      } else {
        this.events.push(message);
        for (const listener of this.listeners) listener(message);
      }
    }
  }

  send(
    method: string,
    params: Record<string, unknown> = {},
    sessionId?: string,
  ): Promise<Record<string, any>> {
    const id = this.next++;
    this.input.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
  }

  on(listener: (message: Message) => void): void {
    this.listeners.push(listener);
  }

  /** Resolves once an event of that name on that session is accepted (one already received counts) - or rejects after `ms`. */
  event(
    method: string,
    sessionId: string,
    ms: number,
    accept: (params: Record<string, any>) => boolean,
  ): Promise<void> {
    const matches = (m: Message) =>
      m.method === method && m.sessionId === sessionId && accept(m.params ?? {});
    if (this.events.some(matches)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Chromium sent no ${method} within ${ms} ms`)), ms);
      this.on((m) => {
        if (matches(m)) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
  }
}

function consoleText(args: { value?: unknown; description?: string; type: string }[]): string {
  return args.map((a) => (a.value !== undefined ? String(a.value) : (a.description ?? a.type))).join(' ');
}

/**
 * Opens an html file in headless Chromium and reports what it did: console errors, uncaught exceptions,
 * failed requests and every request other than the file itself; then takes a screenshot.
 */
export async function checkPageInChromium(
  file: string,
  viewport = { width: 1200, height: 1600 },
  timeoutMs = 60_000,
): Promise<PageCheck> {
  // Beside the page, in the caller's temporary folder: Chromium's network service can still write its cache
  // index there after the browser has gone, so the caller's clean-up (later) removes what this one cannot.
  const profile = mkdtempSync(join(dirname(file), 'chromium-profile-'));
  const pageUrl = pathToFileURL(file).href;
  const browser: ChildProcess = spawn(
    CHROMIUM,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--remote-debugging-pipe',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-default-apps',
      '--disable-sync',
      '--no-first-run',
      '--hide-scrollbars',
      '--mute-audio',
      `--user-data-dir=${profile}`,
      'about:blank',
    ],
    // Its own process group, so that the browser and every helper process it started end together.
    { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'], detached: true },
  );
  let stderr = '';
  browser.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<never>((_, reject) =>
    browser.on('exit', (code, signal) =>
      reject(
        new Error(`Chromium exited (${code ?? signal}) before the page was checked:\n${stderr.slice(-2000)}`),
      ),
    ),
  );
  const devtools = new DevTools(browser.stdio[3] as Writable, browser.stdio[4] as Readable);
  const check: Omit<PageCheck, 'screenshot'> = {
    consoleErrors: [],
    pageErrors: [],
    failedRequests: [],
    requests: [],
  };
  const urls = new Map<string, string>();
  const work = async (): Promise<Buffer> => {
    const { targetId } = await devtools.send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await devtools.send('Target.attachToTarget', { targetId, flatten: true });
    devtools.on((m) => {
      if (m.sessionId !== sessionId || !m.params) return;
      const p = m.params;
      switch (m.method) {
        case 'Runtime.consoleAPICalled':
          if (p.type === 'error' || p.type === 'assert')
            check.consoleErrors.push(`console.${p.type}: ${consoleText(p.args ?? [])}`);
          break;
        case 'Runtime.exceptionThrown':
          check.pageErrors.push(
            p.exceptionDetails?.exception?.description ?? p.exceptionDetails?.text ?? 'uncaught exception',
          );
          break;
        case 'Log.entryAdded':
          if (p.entry?.level === 'error')
            check.consoleErrors.push(
              `${p.entry.source}: ${p.entry.text}${p.entry.url ? ` (${p.entry.url})` : ''}`,
            );
          break;
        case 'Network.requestWillBeSent':
          urls.set(p.requestId, p.request.url);
          if (p.request.url !== pageUrl) check.requests.push(p.request.url);
          break;
        case 'Network.loadingFailed':
          check.failedRequests.push(
            `${urls.get(p.requestId) ?? p.requestId}: ${p.errorText}${p.blockedReason ? ` (${p.blockedReason})` : ''}`,
          );
          break;
      }
    });
    // Everything is listened to before the page is asked for, so nothing it does at load is missed.
    for (const domain of ['Page', 'Runtime', 'Log', 'Network'])
      await devtools.send(`${domain}.enable`, {}, sessionId);
    await devtools.send('Page.setLifecycleEventsEnabled', { enabled: true }, sessionId);
    await devtools.send(
      'Emulation.setDeviceMetricsOverride',
      { ...viewport, deviceScaleFactor: 1, mobile: false },
      sessionId,
    );
    const { loaderId, errorText } = await devtools.send('Page.navigate', { url: pageUrl }, sessionId);
    if (errorText) throw new Error(`Chromium could not open ${pageUrl}: ${errorText}`);
    // networkIdle of this page: its load event, then no request for 500 ms - late failures and errors are in by then.
    await devtools.event(
      'Page.lifecycleEvent',
      sessionId,
      timeoutMs,
      (p) => p.name === 'networkIdle' && p.loaderId === loaderId,
    );
    const { data } = await devtools.send('Page.captureScreenshot', { format: 'png' }, sessionId);
    return Buffer.from(String(data), 'base64');
  };
  try {
    const screenshot = await Promise.race([work(), exited]);
    return { ...check, screenshot };
  } finally {
    await stopBrowser(browser);
    // Chromium's helper processes can still be writing the profile for a moment after the browser ends.
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
}

/** Kills the browser's whole process group and waits (a few seconds at most) until the browser has exited. */
async function stopBrowser(browser: ChildProcess): Promise<void> {
  const gone = new Promise<void>((resolve) => {
    if (browser.exitCode !== null || browser.signalCode !== null) resolve();
    else browser.once('exit', () => resolve());
  });
  try {
    if (browser.pid !== undefined) process.kill(-browser.pid, 'SIGKILL');
  } catch {
    browser.kill('SIGKILL'); // the group is gone already, or was never made
  }
  await Promise.race([gone, new Promise<void>((resolve) => setTimeout(resolve, 5000))]);
}
