/**
 * `perf version`: perf's version, the Deno, V8 and TypeScript versions it runs on, the OS and
 * architecture, and how it was built (source tree, single-file bundle or `deno compile` binary), for bug
 * reports. `perf --version` still prints the version alone.
 */
import { ExitCode } from "../errors.ts";
import { VERSION } from "../version.ts";
import type { CliIo } from "./io.ts";

export type BuildKind = "source" | "bundle" | "binary";

export interface VersionInfo {
  perf: string;
  deno: string;
  v8: string;
  typescript: string;
  os: string;
  arch: string;
  build: BuildKind;
}

/** How this perf runs: a compiled binary, the bundle (every module shares the bundle's URL) or source. */
export function buildKind(
  moduleUrl: string = import.meta.url,
  standalone: boolean = Deno.build.standalone,
): BuildKind {
  if (standalone) return "binary";
  return new URL(moduleUrl).pathname.endsWith("/cli/version_command.ts") ? "source" : "bundle";
}

export function versionInfo(): VersionInfo {
  return {
    perf: VERSION,
    deno: Deno.version.deno,
    v8: Deno.version.v8,
    typescript: Deno.version.typescript,
    os: Deno.build.os,
    arch: Deno.build.arch,
    build: buildKind(),
  };
}

/** One `name value` line each: perf, deno, v8, typescript, os, build. */
export function formatVersion(info: VersionInfo): string {
  return [
    `perf ${info.perf}`,
    `deno ${info.deno}`,
    `v8 ${info.v8}`,
    `typescript ${info.typescript}`,
    `os ${info.os} ${info.arch}`,
    `build ${info.build}`,
  ].map((line) => `${line}\n`).join("");
}

export function versionCommand(io: CliIo): number {
  io.stdout(formatVersion(versionInfo()));
  return ExitCode.ok;
}
