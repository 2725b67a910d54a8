/** The verdict, first thing after the header: PASS / FAIL / INTERRUPTED, and what to keep in mind. */
import type { Verdict } from "../../src/model/report_view.ts";

export function VerdictBanner(props: { verdict: Verdict; exitCode: number }) {
  const { verdict } = props;
  return (
    <div class={`verdict verdict-${verdict.tone}`} role="status">
      <p class="verdict-line">
        <span class="verdict-label">{verdict.label}</span>
        <span class="verdict-headline">{verdict.headline}</span>
        <span class="muted">exit code {props.exitCode}</span>
      </p>
      {verdict.notes.length > 0 && (
        <ul class="verdict-notes">
          {verdict.notes.map((note) => <li key={note}>{note}</li>)}
        </ul>
      )}
    </div>
  );
}
