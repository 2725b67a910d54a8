/** Spawns the virtual-user workers and relays their messages. The thin I/O shell around Web Workers. */
import type { FromWorker, ToWorker } from "../vu/protocol.ts";

/**
 * The workers' module. From the source tree and in a `deno compile` binary (which keeps the module layout)
 * it is src/vu/worker.ts, beside this file. In the single-file bundle (`deno task bundle`, entry
 * src/build/bundle_entry.ts) every module shares the bundle's URL and the bundle is its own worker module:
 * loaded in a worker, it runs only the worker code.
 */
export function workerModuleUrl(moduleUrl: string = import.meta.url): string {
  const fromSource = new URL(moduleUrl).pathname.endsWith("/runner/worker_pool.ts");
  return fromSource ? new URL("../vu/worker.ts", moduleUrl).href : moduleUrl;
}

const WORKER_URL = workerModuleUrl();
const READY_TIMEOUT_MS = 30_000;

export class WorkerPool {
  #workers: Worker[] = [];

  private constructor(workers: Worker[]) {
    this.#workers = workers;
  }

  /** Starts `count` workers and resolves once each has loaded its module. */
  static async start(count: number, onMessage: (message: FromWorker) => void): Promise<WorkerPool> {
    const workers: Worker[] = [];
    const ready = Array.from({ length: count }, (_, index) => {
      const worker = new Worker(WORKER_URL, { type: "module", name: `perf-vu-${index}` });
      workers.push(worker);
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`worker ${index} did not start`)), READY_TIMEOUT_MS);
        worker.onerror = (event) => {
          event.preventDefault();
          clearTimeout(timer);
          reject(new Error(`worker ${index} failed: ${event.message}`));
        };
        worker.onmessage = (event: MessageEvent<FromWorker>) => {
          if (event.data.type === "ready") {
            clearTimeout(timer);
            worker.onmessage = (e: MessageEvent<FromWorker>) => onMessage(e.data);
            // A worker that dies mid-run is reported, not thrown: the run still ends and writes results.
            worker.onerror = (e) => {
              e.preventDefault();
              onMessage({ type: "fatal", worker: index, message: e.message });
            };
            resolve();
          }
        };
      });
    });
    try {
      await Promise.all(ready);
    } catch (error) {
      for (const worker of workers) worker.terminate();
      throw error;
    }
    return new WorkerPool(workers);
  }

  get size(): number {
    return this.#workers.length;
  }

  send(index: number, message: ToWorker): void {
    this.#workers[index]?.postMessage(message);
  }

  broadcast(message: ToWorker): void {
    for (const worker of this.#workers) worker.postMessage(message);
  }

  terminate(): void {
    for (const worker of this.#workers) worker.terminate();
    this.#workers = [];
  }
}
