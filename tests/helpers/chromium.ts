/**
 * Opens a local HTML file in headless Chromium and reports what the browser saw: console errors and
 * warnings, uncaught exceptions, every request the page made, the value of an expression and a
 * full-page screenshot. Speaks the Chrome DevTools Protocol (CDP) over a WebSocket, so no npm package
 * (puppeteer, playwright) and no browser download is needed, only a Chromium on PATH.
 *
 * Every wait is bounded by `timeoutMs`, and Chromium is always stopped and its temporary profile removed,
 * so a hung browser fails the test instead of hanging CI.
 */

/** Executable names tried on PATH, in order. */
const CHROMIUM_NAMES = ["chromium", "chromium-browser", "google-chrome"];

/** Cleanup waits (close, exit, kill) get their own short bounds: the main deadline may have passed. */
const CLEANUP_WAIT_MS = 2_000;

/** Chromium cannot paint taller than its maximum texture size; longer pages are cut here. */
const MAX_SCREENSHOT_HEIGHT = 16_384;

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_WIDTH = 1280;
const DEFAULT_HEIGHT = 800;

/** Where Chromium is: `$PERF_CHROMIUM` when set, else the first of chromium, chromium-browser, google-chrome on PATH. */
export function findChromium(): string | undefined {
  const override = Deno.env.get("PERF_CHROMIUM");
  if (override) return override;
  for (const dir of (Deno.env.get("PATH") ?? "").split(":")) {
    for (const name of CHROMIUM_NAMES) {
      if (dir && isExecutableFile(`${dir}/${name}`)) return `${dir}/${name}`;
    }
  }
  return undefined;
}

function isExecutableFile(path: string): boolean {
  try {
    const info = Deno.statSync(path);
    return info.isFile && ((info.mode ?? 0o111) & 0o111) !== 0;
  } catch {
    return false;
  }
}

/** Why browser tests cannot run here, or undefined when a working Chromium is available. */
export async function chromiumMissing(): Promise<string | undefined> {
  let binary: string | undefined;
  try {
    binary = findChromium();
  } catch (error) {
    if (error instanceof Deno.errors.NotCapable) return "the test needs --allow-env and --allow-read";
    throw error;
  }
  if (!binary) return "no chromium, chromium-browser or google-chrome on PATH (apt-get install chromium)";
  try {
    const out = await new Deno.Command(binary, {
      args: ["--version"],
      stdout: "null",
      stderr: "null",
      signal: AbortSignal.timeout(10_000),
    }).output();
    return out.success ? undefined : `\`${binary} --version\` failed`;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return `${binary} does not exist (PERF_CHROMIUM?)`;
    if (error instanceof Deno.errors.NotCapable) return "the test needs --allow-run";
    throw error;
  }
}

// ---- Public types -----------------------------------------------------------------------------------

export interface OpenPageOptions {
  /** Write a full-page PNG here. */
  screenshotPath?: string;
  /** Viewport size in CSS pixels (default 1280 x 800). */
  width?: number;
  height?: number;
  /** Bound on the whole visit, launch to screenshot (default 30 s). */
  timeoutMs?: number;
  /** Evaluated after load; its JSON-serialisable result (awaited when a promise) is `value`. */
  evaluate?: string;
  /** CSS media type to emulate. */
  emulateMedia?: "print" | "screen";
  /** `prefers-color-scheme` to emulate. */
  colorScheme?: "light" | "dark";
}

/** A console message, uncaught exception or browser-generated log entry. */
export interface BrowserMessage {
  /** console: console.error/warn/assert; exception: uncaught; browser: Chromium itself (failed loads, CSP). */
  source: "console" | "exception" | "browser";
  text: string;
  url?: string;
  /** 1-based. */
  line?: number;
}

/** A request the page made for something other than itself. */
export interface PageRequest {
  url: string;
  /** CDP resource type: Image, Stylesheet, Script, Font, Fetch... */
  type: string;
}

export interface PageReport {
  /** The file:// URL that was opened. */
  url: string;
  /** console.error, console.assert failures, uncaught exceptions, browser errors and dialogs (dismissed). */
  errors: BrowserMessage[];
  warnings: BrowserMessage[];
  /**
   * Requests for anything but the page itself, in order (data: and blob: URLs are not requests: they
   * stay inside the document). None of them reached the network: they are all blocked.
   */
  requests: PageRequest[];
  /** The result of `evaluate`, when given. */
  value?: unknown;
  /** The screenshot written, when `screenshotPath` was given; size in CSS pixels. */
  screenshot?: { path: string; width: number; height: number };
  /** Launch to screenshot, for the curious. */
  elapsedMs: number;
}

// ---- openPage -------------------------------------------------------------------------------------

/** Opens `htmlPath` in a fresh headless Chromium and reports what it saw. Throws on timeout or load failure. */
export async function openPage(htmlPath: string, opts: OpenPageOptions = {}): Promise<PageReport> {
  const started = performance.now();
  const binary = findChromium();
  if (!binary) throw new Error(`openPage: ${await chromiumMissing()}`);
  const deadline = new Deadline(opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const pageUrl = toFileUrl(await Deno.realPath(htmlPath));
  const profileDir = await Deno.makeTempDir({ prefix: "perf-chromium-" });
  let browser: Browser | undefined;
  let cdp: Cdp | undefined;
  try {
    browser = launchChromium(binary, profileDir, opts);
    const wsUrl = await deadline.race(browser.devToolsUrl, "Chromium to print its DevTools URL", browser);
    cdp = await Cdp.connect(wsUrl, deadline);
    const report = await visit(cdp, pageUrl, opts, deadline);
    return { ...report, elapsedMs: Math.round(performance.now() - started) };
  } finally {
    await closeBrowser(browser, cdp);
    await removeDir(profileDir);
  }
}

function toFileUrl(absolutePath: string): string {
  return new URL(`file://${absolutePath.split("/").map(encodeURIComponent).join("/")}`).href;
}

/** Opens a tab, loads the page into it with everything recorded, then evaluates and screenshots. */
async function visit(
  cdp: Cdp,
  pageUrl: string,
  opts: OpenPageOptions,
  deadline: Deadline,
): Promise<Omit<PageReport, "elapsedMs">> {
  const width = opts.width ?? DEFAULT_WIDTH;
  const height = opts.height ?? DEFAULT_HEIGHT;
  const { targetId } = await cdp.send<{ targetId: string }>("Target.createTarget", { url: "about:blank" });
  const { sessionId } = await cdp.send<{ sessionId: string }>("Target.attachToTarget", {
    targetId,
    flatten: true,
  });
  const page = <T>(method: string, params: object = {}) => cdp.send<T>(method, params, sessionId);
  const recorder = new PageRecorder(pageUrl, page);
  const stopRecording = cdp.onEvent((event) => {
    if (event.sessionId === sessionId) recorder.handle(event);
  });
  try {
    await prepareTab(page, width, height, opts);
    await load(cdp, page, pageUrl, sessionId, deadline);
    const value = opts.evaluate === undefined ? undefined : await evaluate(page, opts.evaluate);
    const screenshot = opts.screenshotPath ? await screenshotFullPage(page, opts.screenshotPath) : undefined;
    return { url: pageUrl, ...recorder.result(), value, screenshot };
  } finally {
    stopRecording();
  }
}

type PageSend = <T>(method: string, params?: object) => Promise<T>;

/** Turns recording on, blocks the network and sets the viewport and media before anything loads. */
async function prepareTab(page: PageSend, width: number, height: number, opts: OpenPageOptions) {
  await Promise.all(["Page.enable", "Runtime.enable", "Log.enable", "Network.enable"].map((m) => page(m)));
  // Every request pauses here; PageRecorder lets file: and data: through and fails the rest.
  await page("Fetch.enable", { patterns: [{ urlPattern: "*" }] });
  await page("Emulation.setDeviceMetricsOverride", { width, height, deviceScaleFactor: 1, mobile: false });
  if (opts.emulateMedia || opts.colorScheme) {
    await page("Emulation.setEmulatedMedia", {
      media: opts.emulateMedia ?? "",
      features: opts.colorScheme ? [{ name: "prefers-color-scheme", value: opts.colorScheme }] : [],
    });
  }
}

/** Navigates and waits for the load event, web fonts and one painted frame. */
async function load(cdp: Cdp, page: PageSend, pageUrl: string, sessionId: string, deadline: Deadline) {
  const loaded = cdp.nextEvent("Page.loadEventFired", sessionId);
  try {
    const nav = await page<{ errorText?: string }>("Page.navigate", { url: pageUrl });
    if (nav.errorText) throw new Error(`openPage: Chromium could not load ${pageUrl}: ${nav.errorText}`);
    await deadline.race(loaded.promise, "the page's load event");
  } finally {
    loaded.cancel();
  }
  // Late console errors (from requestAnimationFrame or a resolved promise) land before this returns.
  await evaluate(
    page,
    "document.fonts.ready.then(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r))))",
  );
}

interface RemoteObject {
  type: string;
  value?: unknown;
  unserializableValue?: string;
  description?: string;
  /** Console arguments that are objects come with a shallow preview of their properties. */
  preview?: {
    subtype?: string;
    overflow: boolean;
    properties: { name: string; type: string; value?: string }[];
  };
}

interface ExceptionDetails {
  text: string;
  url?: string;
  lineNumber?: number;
  exception?: RemoteObject;
}

/** Evaluates `expression` in the page (awaiting a promise) and returns its value as JSON would carry it. */
async function evaluate(page: PageSend, expression: string): Promise<unknown> {
  const out = await page<{ result: RemoteObject; exceptionDetails?: ExceptionDetails }>("Runtime.evaluate", {
    expression,
    returnByValue: true,
    awaitPromise: true,
  });
  if (out.exceptionDetails) {
    throw new Error(`openPage: evaluating ${expression} threw: ${describeException(out.exceptionDetails)}`);
  }
  return out.result.value;
}

function describeException(details: ExceptionDetails): string {
  return details.exception?.description ?? details.text;
}

/** Writes a PNG of the whole document, not just the viewport. */
async function screenshotFullPage(page: PageSend, path: string): Promise<PageReport["screenshot"]> {
  const metrics = await page<{ cssContentSize: { width: number; height: number } }>("Page.getLayoutMetrics");
  const width = Math.ceil(metrics.cssContentSize.width);
  const height = Math.min(Math.ceil(metrics.cssContentSize.height), MAX_SCREENSHOT_HEIGHT);
  const { data } = await page<{ data: string }>("Page.captureScreenshot", {
    format: "png",
    captureBeyondViewport: true,
    clip: { x: 0, y: 0, width, height, scale: 1 },
  });
  await Deno.writeFile(path, Uint8Array.from(atob(data), (c) => c.charCodeAt(0)));
  return { path, width, height };
}

// ---- What the page did ------------------------------------------------------------------------------

interface CdpEvent {
  method: string;
  params: Record<string, unknown>;
  sessionId?: string;
}

/** Collects messages and requests from the tab's CDP events, and answers paused requests. */
class PageRecorder {
  readonly #errors: BrowserMessage[] = [];
  readonly #warnings: BrowserMessage[] = [];
  readonly #requests: PageRequest[] = [];

  constructor(readonly pageUrl: string, readonly page: PageSend) {}

  handle({ method, params }: CdpEvent): void {
    switch (method) {
      case "Runtime.consoleAPICalled":
        return this.#onConsole(params as unknown as ConsoleApiCalled);
      case "Runtime.exceptionThrown":
        return this.#onException((params as { exceptionDetails: ExceptionDetails }).exceptionDetails);
      case "Log.entryAdded":
        return this.#onLogEntry((params as { entry: LogEntry }).entry);
      case "Network.requestWillBeSent":
        return this.#onRequest(params as unknown as RequestWillBeSent);
      case "Fetch.requestPaused":
        return this.#onPaused(params as unknown as RequestPaused);
      case "Page.javascriptDialogOpening":
        return this.#onDialog(params as { type: string; message: string });
    }
  }

  result(): Pick<PageReport, "errors" | "warnings" | "requests"> {
    return { errors: [...this.#errors], warnings: [...this.#warnings], requests: [...this.#requests] };
  }

  /** Keeps errors and warnings; info, log and debug are the page's own business. */
  #keep(level: string, found: BrowserMessage): void {
    if (level === "error") this.#errors.push(found);
    else if (level === "warning") this.#warnings.push(found);
  }

  #onConsole({ type, args, stackTrace }: ConsoleApiCalled): void {
    const frame = stackTrace?.callFrames[0];
    const text = args.map(remoteObjectText).join(" ");
    const found = message(
      "console",
      type === "assert" ? `Assertion failed: ${text}` : text,
      frame?.url,
      frame?.lineNumber,
    );
    this.#keep(type === "assert" ? "error" : type, found);
  }

  #onException(details: ExceptionDetails): void {
    this.#keep("error", message("exception", describeException(details), details.url, details.lineNumber));
  }

  #onLogEntry(entry: LogEntry): void {
    this.#keep(entry.level, message("browser", entry.text, entry.url, entry.lineNumber));
  }

  /** alert(), confirm() and prompt() would block the page until the deadline: dismiss and report them. */
  #onDialog({ type, message: text }: { type: string; message: string }): void {
    this.#keep("error", message("browser", `${type}() dialog: ${text}`));
    this.page("Page.handleJavaScriptDialog", { accept: false }).catch(() => {});
  }

  #onRequest({ request, type }: RequestWillBeSent): void {
    if (this.#isInsideDocument(request.url)) return;
    this.#requests.push({ url: request.url, type: type ?? "Other" });
  }

  /** Local files load (and are reported), so a broken relative reference shows as a request, not a blank. */
  #onPaused({ requestId, request }: RequestPaused): void {
    const allowed = request.url.startsWith("file:") || request.url.startsWith("data:");
    // Fire and forget: a failure here only means the tab is already gone.
    const answer = allowed
      ? this.page("Fetch.continueRequest", { requestId })
      : this.page("Fetch.failRequest", { requestId, errorReason: "BlockedByClient" });
    answer.catch(() => {});
  }

  #isInsideDocument(url: string): boolean {
    return withoutFragment(url) === this.pageUrl || url.startsWith("data:") || url.startsWith("blob:");
  }
}

interface ConsoleApiCalled {
  type: string;
  args: RemoteObject[];
  stackTrace?: { callFrames: { url: string; lineNumber: number }[] };
}
interface LogEntry {
  level: string;
  text: string;
  url?: string;
  lineNumber?: number;
}
interface RequestWillBeSent {
  request: { url: string };
  type?: string;
}
interface RequestPaused {
  requestId: string;
  request: { url: string };
}

/** CDP line numbers are 0-based; people count from 1. */
function message(
  source: BrowserMessage["source"],
  text: string,
  url?: string,
  line0?: number,
): BrowserMessage {
  const found: BrowserMessage = { source, text };
  if (url) found.url = url;
  if (line0 !== undefined) found.line = line0 + 1;
  return found;
}

function remoteObjectText(arg: RemoteObject): string {
  if (typeof arg.value === "string") return arg.value;
  if (arg.value !== undefined) return JSON.stringify(arg.value);
  if (arg.preview) return previewText(arg.preview);
  return arg.unserializableValue ?? arg.description ?? arg.type;
}

/** `{a: 1, b: "x"}` or `[1, 2]`, as DevTools shows an object logged to the console. */
function previewText(preview: NonNullable<RemoteObject["preview"]>): string {
  const isArray = preview.subtype === "array";
  const shown = preview.properties.map(({ name, type, value = "…" }) => {
    const text = type === "string" ? JSON.stringify(value) : value;
    return isArray ? text : `${name}: ${text}`;
  });
  if (preview.overflow) shown.push("…");
  return isArray ? `[${shown.join(", ")}]` : `{${shown.join(", ")}}`;
}

function withoutFragment(url: string): string {
  const hash = url.indexOf("#");
  return hash < 0 ? url : url.slice(0, hash);
}

// ---- The browser process ----------------------------------------------------------------------------

interface Browser {
  child: Deno.ChildProcess;
  /** Resolves with the browser's ws:// URL; rejects when Chromium exits first. */
  devToolsUrl: Promise<string>;
  /** The last few KB of stderr, to explain a failure. */
  stderrTail(): string;
  /** Stops reading stderr (children that outlive the browser may keep it open). */
  stopReading(): Promise<void>;
}

function chromiumArgs(profileDir: string, opts: OpenPageOptions): string[] {
  const args = [
    "--headless=new",
    "--disable-gpu",
    "--remote-debugging-port=0",
    `--user-data-dir=${profileDir}`,
    `--window-size=${opts.width ?? DEFAULT_WIDTH},${opts.height ?? DEFAULT_HEIGHT}`,
    "--hide-scrollbars",
    "--mute-audio",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-extensions",
    "--disable-sync",
    "--disable-component-update",
    "--disable-background-networking",
    "--disable-default-apps",
    // No name resolves, so even a request that slipped past Fetch blocking could not leave the machine.
    "--host-resolver-rules=MAP * ~NOTFOUND",
  ];
  // Chromium refuses to start its sandbox as root (CI containers).
  if (Deno.uid() === 0) args.push("--no-sandbox");
  return [...args, "about:blank"];
}

function launchChromium(binary: string, profileDir: string, opts: OpenPageOptions): Browser {
  const child = new Deno.Command(binary, {
    args: chromiumArgs(profileDir, opts),
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const reader = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
  let tail = "";
  let resolveUrl: (url: string) => void = () => {};
  let rejectUrl: (error: Error) => void = () => {};
  const devToolsUrl = new Promise<string>((resolve, reject) => [resolveUrl, rejectUrl] = [resolve, reject]);
  devToolsUrl.catch(() => {}); // only awaited while launching
  const pump = (async () => {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      tail = (tail + chunk.value).slice(-4096);
      const found = tail.match(/DevTools listening on (ws:\/\/\S+)/);
      if (found?.[1]) resolveUrl(found[1]);
    }
    rejectUrl(new Error(`openPage: Chromium exited before listening for DevTools; stderr:\n${tail}`));
  })().catch(() => {});
  return {
    child,
    devToolsUrl,
    stderrTail: () => tail,
    async stopReading() {
      await reader.cancel().catch(() => {});
      await pump;
    },
  };
}

/** Asks Chromium to quit, kills it when it does not, and always waits for it to be gone. */
async function closeBrowser(browser: Browser | undefined, cdp: Cdp | undefined): Promise<void> {
  if (!browser) return;
  if (cdp) await within(cdp.send("Browser.close", {}, undefined, CLEANUP_WAIT_MS), CLEANUP_WAIT_MS);
  const exited = await within(browser.child.status, CLEANUP_WAIT_MS);
  if (!exited) {
    try {
      browser.child.kill("SIGKILL");
    } catch { /* already gone */ }
    await within(browser.child.status, CLEANUP_WAIT_MS);
  }
  if (cdp) await cdp.close();
  await within(browser.stopReading(), CLEANUP_WAIT_MS);
}

/**
 * Removes the profile; Chromium's helper processes may still be writing into it for a moment. Warns
 * rather than throws: a leftover temp dir must not hide the error that ended the visit.
 */
async function removeDir(dir: string): Promise<void> {
  for (let attempt = 1;; attempt++) {
    try {
      await Deno.remove(dir, { recursive: true });
      return;
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return;
      if (attempt >= 5) return console.warn(`openPage: could not remove ${dir}: ${error}`);
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

// ---- Timeouts ---------------------------------------------------------------------------------------

/** One time limit shared by every wait of a visit. */
class Deadline {
  readonly #end: number;

  constructor(readonly timeoutMs: number) {
    this.#end = Date.now() + timeoutMs;
  }

  remainingMs(): number {
    return Math.max(0, this.#end - Date.now());
  }

  /** Settles like `promise`, or rejects once the deadline passes (adding Chromium's stderr when known). */
  race<T>(promise: Promise<T>, waitingFor: string, browser?: Browser): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const stderr = browser ? `; Chromium's stderr ends:\n${browser.stderrTail()}` : "";
        reject(
          new Error(`openPage: timed out after ${this.timeoutMs} ms waiting for ${waitingFor}${stderr}`),
        );
      }, this.remainingMs());
    });
    return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
  }
}

/** True when `promise` settled within `ms`; never throws (used while cleaning up). */
async function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<false>((resolve) => timer = setTimeout(() => resolve(false), ms));
  try {
    return await Promise.race([promise.then(() => true, () => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// ---- Chrome DevTools Protocol over a WebSocket ----------------------------------------------------

interface PendingCall {
  method: string;
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
}

interface CdpReply {
  id?: number;
  result?: unknown;
  error?: { message: string; data?: string };
  method?: string;
  params?: Record<string, unknown>;
  sessionId?: string;
}

/** A CDP client: numbered commands with replies, and events fanned out to listeners. */
class Cdp {
  #nextId = 1;
  readonly #pending = new Map<number, PendingCall>();
  readonly #listeners = new Set<(event: CdpEvent) => void>();
  readonly #closed: Promise<void>;

  private constructor(readonly ws: WebSocket, readonly deadline: Deadline) {
    ws.onmessage = (event) => this.#dispatch(JSON.parse(event.data as string) as CdpReply);
    this.#closed = new Promise((resolve) => ws.addEventListener("close", () => resolve()));
    this.#closed.then(() => this.#failPending("Chromium closed the DevTools connection"));
  }

  static async connect(url: string, deadline: Deadline): Promise<Cdp> {
    const ws = new WebSocket(url);
    const opened = new Promise<void>((resolve, reject) => {
      ws.onopen = () => resolve();
      ws.onerror = () => reject(new Error(`openPage: could not connect to ${url}`));
    });
    const cdp = new Cdp(ws, deadline);
    try {
      await deadline.race(opened, "the DevTools WebSocket to open");
    } catch (error) {
      await cdp.close();
      throw error;
    }
    return cdp;
  }

  /** Sends a command (to a tab when `sessionId` is given) and resolves with its result. */
  send<T>(method: string, params: object = {}, sessionId?: string, timeoutMs?: number): Promise<T> {
    if (this.ws.readyState !== WebSocket.OPEN) {
      return Promise.reject(new Error(`openPage: ${method}: the DevTools connection is closed`));
    }
    const id = this.#nextId++;
    const reply = new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { method, resolve: resolve as (result: unknown) => void, reject });
    });
    this.ws.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    const bounded = timeoutMs === undefined ? this.deadline : new Deadline(timeoutMs);
    return bounded.race(reply, `the reply to ${method}`).finally(() => this.#pending.delete(id));
  }

  /** Calls `listener` with every event; returns the function that stops it. */
  onEvent(listener: (event: CdpEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The next `method` event of a session; call `cancel` when no longer waiting. */
  nextEvent(method: string, sessionId: string): { promise: Promise<CdpEvent["params"]>; cancel: () => void } {
    let stop = () => {};
    const promise = new Promise<CdpEvent["params"]>((resolve, reject) => {
      stop = this.onEvent((event) => {
        if (event.method === method && event.sessionId === sessionId) resolve(event.params);
      });
      this.#closed.then(() => reject(new Error(`openPage: Chromium went away before ${method}`)));
    });
    promise.catch(() => {});
    return { promise, cancel: () => stop() };
  }

  /** Closes the socket and waits (bounded) for the close to complete. */
  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    if (this.ws.readyState !== WebSocket.CLOSING) this.ws.close();
    await within(this.#closed, CLEANUP_WAIT_MS);
  }

  #dispatch(reply: CdpReply): void {
    if (reply.id !== undefined) return this.#settle(reply.id, reply);
    if (!reply.method) return;
    const event: CdpEvent = { method: reply.method, params: reply.params ?? {}, sessionId: reply.sessionId };
    for (const listener of [...this.#listeners]) listener(event);
  }

  #settle(id: number, reply: CdpReply): void {
    const call = this.#pending.get(id);
    if (!call) return;
    if (reply.error) {
      const data = reply.error.data ? ` (${reply.error.data})` : "";
      call.reject(new Error(`openPage: ${call.method} failed: ${reply.error.message}${data}`));
    } else {
      call.resolve(reply.result ?? {});
    }
  }

  #failPending(reason: string): void {
    for (const call of this.#pending.values()) call.reject(new Error(`openPage: ${call.method}: ${reason}`));
  }
}
