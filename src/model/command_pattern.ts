/**
 * A matcher for `process.command`: `/regex/flags` is a regular expression, anything else a substring.
 * `g` and `y` are dropped (they make `test` stateful). Throws a SyntaxError for an invalid regular
 * expression (the config schema reports it).
 */
export function commandMatcher(pattern: string): (cmdline: string) => boolean {
  const regex = /^\/(.+)\/([dgimsuvy]*)$/s.exec(pattern);
  if (regex) {
    const re = new RegExp(regex[1]!, regex[2]!.replace(/[gy]/g, ""));
    return (cmdline) => re.test(cmdline);
  }
  return (cmdline) => cmdline.includes(pattern);
}
