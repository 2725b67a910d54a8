/** A report section: an anchor for the contents, a heading, an optional line of explanation. */
import type { ComponentChildren } from "preact";

export interface SectionProps {
  id: string;
  title: string;
  intro?: string;
  children: ComponentChildren;
}

export function Section(props: SectionProps) {
  return (
    <section id={props.id} aria-labelledby={`${props.id}-heading`}>
      <h2 id={`${props.id}-heading`}>{props.title}</h2>
      {props.intro && <p class="muted">{props.intro}</p>}
      {props.children}
    </section>
  );
}
