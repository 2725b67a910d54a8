/**
 * The charts of the trend page, decided once per scenario: p95/p99, throughput and error rate of each
 * run at its start time. The page and `reports/plots/*.svg` both draw from these specs.
 */
import type { ScenarioTrend, TrendRun } from "../../model/trend.ts";
import { slug, uniqueNames } from "./plot_names.ts";
import type { ChartSpec } from "./run_charts.ts";
import type { ScenarioChartSet } from "../../model/report_view.ts";

export type ScenarioCharts = ScenarioChartSet<ChartSpec>;

const points = (runs: readonly TrendRun[], value: (r: TrendRun) => number) =>
  runs.map((r) => ({ x: r.t, y: value(r) }));

function scenarioCharts(trend: ScenarioTrend, index: number, fileBase: string): ScenarioCharts {
  const { runs, scenario } = trend;
  const id = `trend-${index}`;
  return {
    p95: {
      kind: "line",
      file: `${fileBase}-latency.svg`,
      props: {
        id: `${id}-p95`,
        title: `${scenario}: p95 and p99 latency per run`,
        xAxis: "date",
        series: [
          { name: "p95", points: points(runs, (r) => r.p95_ms) },
          { name: "p99", points: points(runs, (r) => r.p99_ms) },
        ],
      },
    },
    rps: {
      kind: "line",
      file: `${fileBase}-throughput.svg`,
      props: {
        id: `${id}-rps`,
        title: `${scenario}: throughput per run`,
        xAxis: "date",
        yKind: "count",
        yLabel: "req/s",
        series: [{ name: "req/s", points: points(runs, (r) => r.rps) }],
      },
    },
    errors: {
      kind: "line",
      file: `${fileBase}-error-rate.svg`,
      props: {
        id: `${id}-errors`,
        title: `${scenario}: error rate per run`,
        xAxis: "date",
        yKind: "percent",
        yLabel: "%",
        series: [{ name: "error rate", points: points(runs, (r) => r.error_rate * 100) }],
      },
    },
  };
}

/** Charts per scenario, in the trends' order, with plot file names unique across scenarios. */
export function trendCharts(trends: readonly ScenarioTrend[]): ScenarioCharts[] {
  const bases = uniqueNames(trends.map((t) => `trend-${slug(t.scenario)}`));
  return trends.map((trend, i) => scenarioCharts(trend, i, bases[i]!));
}
