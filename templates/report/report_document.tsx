/** The HTML shell: language, charset, viewport, title and every style inline (one self-contained file). */
import type { ComponentChildren } from "preact";
import { CHART_CSS } from "../chart/chart_css.ts";
import { REPORT_CSS } from "./report_css.ts";

export interface ReportDocumentProps {
  title: string;
  description: string;
  children: ComponentChildren;
}

export function ReportDocument(props: ReportDocumentProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <meta name="generator" content="perf" />
        <meta name="description" content={props.description} />
        <title>{props.title}</title>
        {/* Raw text: as a child, the CSS would be HTML-escaped (quotes, ">") and break. */}
        <style dangerouslySetInnerHTML={{ __html: `${REPORT_CSS}\n${CHART_CSS}` }} />
      </head>
      <body>
        <main class="page">{props.children}</main>
      </body>
    </html>
  );
}
