/** Headline figures as a grid of cards: value (with its unit), label, an optional line of detail. */
import type { FigureCard } from "../../src/model/report_view.ts";

export function FigureCards(props: { figures: readonly FigureCard[] }) {
  return (
    <ul class="figures">
      {props.figures.map((f) => (
        <li key={f.label} class={f.tone ? `figure tone-${f.tone}` : "figure"}>
          <span class="figure-value">
            {f.value}
            {f.unit && <span class="figure-unit">{f.unit}</span>}
          </span>
          <span class="figure-label">{f.label}</span>
          {f.detail && <span class="figure-detail">{f.detail}</span>}
        </li>
      ))}
    </ul>
  );
}
