/**
 * The entry point of the single-file bundle `dist/perf.js` (`deno task bundle`). The bundle is also the
 * workers' module: WorkerPool starts workers on the bundle's own URL, and here a worker loads only the
 * virtual-user code while the main thread runs the CLI (main.ts). esbuild keeps both behind lazy
 * initialisers, so neither runs the other's top-level code.
 */
if ("WorkerGlobalScope" in globalThis) await import("../vu/worker.ts");
else await import("../../main.ts");
