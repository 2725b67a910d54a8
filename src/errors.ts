/** Exit codes, k6-compatible where k6 has one (design §1). */
export const ExitCode = {
  ok: 0,
  internal: 1,
  usage: 2,
  thresholdsFailed: 99,
  invalidConfig: 104,
  aborted: 105,
  thresholdAbort: 108,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * An error meant for the user: printed as its message (plus hint), never as a stack trace,
 * and turned into its exit code by main.ts.
 */
export class PerfError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCodeValue = ExitCode.usage,
    readonly hint?: string,
  ) {
    super(message);
    this.name = "PerfError";
  }
}

/** One problem in a config file, located as file:line:col. */
export interface ConfigIssue {
  file: string;
  line: number;
  col: number;
  message: string;
}

export function formatConfigIssue(issue: ConfigIssue): string {
  return `${issue.file}:${issue.line}:${issue.col}: ${issue.message}`;
}

/** Every problem of a config at once (exit 104). */
export class ConfigError extends PerfError {
  constructor(readonly issues: ConfigIssue[]) {
    super(issues.map(formatConfigIssue).join("\n"), ExitCode.invalidConfig);
    this.name = "ConfigError";
  }
}
