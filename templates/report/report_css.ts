/**
 * The report page's styles: light by default, dark under `prefers-color-scheme: dark`, black on white
 * for print. Colours come from the chart palettes so the page and its charts match. No web fonts, no
 * external assets: the report is one self-contained file.
 */
import { DARK_PALETTE, LIGHT_PALETTE } from "../chart/chart_css.ts";

type Palette = Readonly<Record<string, string>>;

/** Page colours as custom properties, from a chart palette plus the few the page adds. */
function pageColours(chart: Palette, surface: string, border: string, tint: string): string {
  return [
    `--bg:${chart.bg}`,
    `--fg:${chart.fg}`,
    `--muted:${chart.muted}`,
    `--surface:${surface}`,
    `--border:${border}`,
    `--tint:${tint}`,
    `--ok:${chart.ok}`,
    `--warn:${chart.warn}`,
    `--bad:${chart.bad}`,
    `--accent:${chart["series-0"]}`,
  ].join(";");
}

const LIGHT = pageColours(LIGHT_PALETTE, "#f6f8fa", "#d1d9e0", "#ffffff");
const DARK = pageColours(DARK_PALETTE, "#151b23", "#3d444d", "#0d1117");

const BASE = `
:root{${LIGHT};color-scheme:light dark}
@media (prefers-color-scheme: dark){:root{${DARK}}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
.page{max-width:1120px;margin:0 auto;padding:28px 24px 64px}
h1{font-size:28px;line-height:1.2;margin:4px 0 6px}
h2{font-size:20px;margin:0 0 12px;padding-bottom:6px;border-bottom:1px solid var(--border)}
h3{font-size:16px;margin:0 0 10px}
section{margin:36px 0 0}
code{font:13px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
a{color:var(--accent)}
.muted,.eyebrow{color:var(--muted)}
.eyebrow{font-size:13px;letter-spacing:.04em;text-transform:uppercase;margin:0}
.pill{display:inline-block;font-size:12px;font-weight:600;padding:1px 8px;border-radius:999px;border:1px solid var(--border);color:var(--muted);vertical-align:middle}
`;

const HEADER = `
.run-header .description{margin:0 0 14px;color:var(--muted)}
.facts{display:grid;grid-template-columns:repeat(auto-fill,minmax(240px,1fr));gap:10px 24px;margin:14px 0 0}
.facts div{min-width:0}
.facts dt{font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
.facts dd{margin:0;overflow-wrap:anywhere}
.flag{color:var(--warn);font-weight:600}
.toc{margin:20px 0 0;font-size:14px}
.toc ul{list-style:none;display:flex;flex-wrap:wrap;gap:4px 16px;margin:0;padding:0}
`;

const VERDICT = `
.verdict{border:1px solid var(--border);border-left:6px solid var(--muted);border-radius:8px;padding:16px 20px;background:var(--surface)}
.verdict-pass{border-left-color:var(--ok)}
.verdict-fail{border-left-color:var(--bad)}
.verdict-interrupted{border-left-color:var(--warn)}
.verdict-line{display:flex;flex-wrap:wrap;align-items:baseline;gap:6px 14px;margin:0}
.verdict-label{font-size:26px;font-weight:800;letter-spacing:.02em}
.verdict-pass .verdict-label{color:var(--ok)}
.verdict-fail .verdict-label{color:var(--bad)}
.verdict-interrupted .verdict-label{color:var(--warn)}
.verdict-headline{font-size:18px;font-weight:600}
.verdict-notes{margin:10px 0 0;padding-left:20px}
.verdict-notes li{color:var(--warn)}
.verdict+.table-wrap,.verdict+p{margin-top:18px}
`;

const TABLES = `
.table-wrap{overflow-x:auto}
table{width:100%;border-collapse:collapse;font-size:14px;font-variant-numeric:tabular-nums}
caption{text-align:left;font-weight:600;padding:0 0 6px}
th,td{padding:6px 10px;border-bottom:1px solid var(--border);text-align:left;vertical-align:top}
thead th{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);border-bottom-width:2px;white-space:nowrap}
tfoot th,tfoot td{font-weight:600;border-top:2px solid var(--border)}
.num{text-align:right;white-space:nowrap}
tbody tr:nth-child(even){background:var(--surface)}
.ok{color:var(--ok);font-weight:600}
.bad{color:var(--bad);font-weight:600}
tr.failed th,tr.failed td{background:color-mix(in srgb,var(--bad) 9%,transparent)}
.endpoint-name{overflow-wrap:anywhere}
`;

const FIGURES = `
.figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(190px,1fr));gap:12px;margin:0;padding:0;list-style:none}
.figure{border:1px solid var(--border);border-radius:8px;padding:12px 14px;background:var(--surface)}
.figure-value{display:block;font-size:24px;font-weight:700;font-variant-numeric:tabular-nums;line-height:1.2}
.figure-unit{font-size:14px;font-weight:500;color:var(--muted);margin-left:3px}
.figure-label{display:block;font-size:13px;color:var(--muted)}
.figure.tone-bad .figure-value{color:var(--bad)}
.figure.tone-warn .figure-value{color:var(--warn)}
.figure.tone-ok .figure-value{color:var(--ok)}
.figure-detail{display:block;font-size:12px;line-height:1.4;color:var(--muted);margin-top:4px;overflow-wrap:anywhere}
.note{font-size:13px;color:var(--muted);margin:8px 0 0}
`;

const CHARTS = `
.chart{margin:0 0 16px;border:1px solid var(--border);border-radius:8px;padding:12px 12px 6px;background:var(--tint);min-width:0}
.chart figcaption{font-weight:600;font-size:14px;margin:0 0 4px}
.chart figcaption .muted{font-weight:400}
.grid-2{display:grid;grid-template-columns:repeat(auto-fit,minmax(380px,1fr));gap:16px;align-items:start}
.grid-2>.chart{margin:0}
.empty-note{border:1px dashed var(--border);border-radius:8px;padding:16px;color:var(--muted);margin:0 0 16px}
.endpoint{border-top:1px solid var(--border);padding:20px 0 0;margin:20px 0 0}
.endpoint-body{display:grid;grid-template-columns:minmax(300px,360px) 1fr;gap:20px;align-items:start}
.endpoint-body th{white-space:nowrap}
.narrow{max-width:560px;margin-top:16px}
.endpoint-body table{font-size:13px}
.endpoint-body th,.endpoint-body td{padding:4px 8px}
@media (max-width:760px){.endpoint-body{grid-template-columns:1fr}.grid-2{grid-template-columns:1fr}}
.generator-verdict{margin:0 0 12px}
.analysis-verdict{margin:0 0 16px;padding:10px 14px;border:1px solid var(--border);border-left:4px solid var(--muted);border-radius:6px;background:var(--surface);font-weight:600}
.analysis-verdict.tone-ok{border-left-color:var(--ok)}
.analysis-verdict.tone-bad{border-left-color:var(--bad)}
.analysis-verdict p{margin:0}
.analysis-verdict .reasons{margin:6px 0 0;padding-left:20px;font-weight:400}
.analysis-verdict+.figures,.figures+.chart,.table-wrap+.chart{margin-top:16px}
.table-wrap+.table-wrap,.chart+.table-wrap,.figures+.table-wrap{margin-top:16px}
.subheading{margin:24px 0 10px}
.check-list{display:block;font-weight:400;font-size:12px;color:var(--muted);overflow-wrap:anywhere}
.pill-bad{color:var(--bad);border-color:var(--bad);margin-left:8px;white-space:nowrap}
.step-load{white-space:nowrap}
.monitor{margin:20px 0 0}
.monitor h3 .pill{margin-left:4px}
.narrow-table{max-width:720px}
.generator-verdict.saturated{color:var(--warn);font-weight:600}
footer{margin:48px 0 0;font-size:13px;color:var(--muted);border-top:1px solid var(--border);padding-top:12px}
`;

const PRINT = `
@media print{
:root{${LIGHT}}
body{font-size:11pt;background:#fff;color:#000}
.page{max-width:none;padding:0}
.toc{display:none}
a{color:inherit;text-decoration:none}
section{margin-top:20pt}
h2{break-after:avoid}
.chart,.figure,.verdict,tr,.endpoint-body{break-inside:avoid}
.chart,.figure,.verdict{background:#fff}
tbody tr:nth-child(even){background:none}
.grid-2{grid-template-columns:1fr 1fr}
@page{margin:14mm}
}
`;

export const REPORT_CSS: string = [BASE, HEADER, VERDICT, TABLES, FIGURES, CHARTS, PRINT]
  .map((block) => block.trim())
  .join("\n");
