/** Links to the sections present on the page (plain anchors: no script needed). */
export interface ContentsEntry {
  id: string;
  label: string;
}

export function ContentsNav(props: { entries: readonly ContentsEntry[] }) {
  return (
    <nav class="toc" aria-label="Contents">
      <ul>
        {props.entries.map((e) => (
          <li key={e.id}>
            <a href={`#${e.id}`}>{e.label}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
