/**
 * Charts of the whole run's distribution as chart options: the latency spectrum (from the encoded
 * HDR histograms), status codes, error kinds and the mean time per request phase. A chart with nothing
 * to draw is undefined, so the page says so in words instead of showing an empty frame.
 */
import type { BarInput } from "../chart/bar_chart.ts";
import { errorKindBars, statusCodeBars } from "../chart/bar_chart.ts";
import {
  spectrumFromEncoded,
  spectrumFromPairs,
  type SpectrumPoint,
  summaryPercentilePairs,
} from "../chart/spectrum.ts";
import type { EndpointResult, StatsFigures } from "../../model/result.ts";
import { endpointLabel } from "../../format/report_format.ts";
import type { BarChartOptions } from "../chart/bar_chart.ts";
import type { SpectrumChartOptions } from "../chart/spectrum_chart.ts";

/** Request phases in the order a request goes through them; `service` is a total, kept out of the bars. */
const PHASE_ORDER = ["dns", "connect", "tls", "ttfb", "download", "service"] as const;
export type PhaseName = (typeof PHASE_ORDER)[number];

export const PHASE_LABELS: Readonly<Record<PhaseName, string>> = {
  dns: "DNS lookup",
  connect: "TCP connect",
  tls: "TLS handshake",
  ttfb: "Time to first byte",
  download: "Download",
  service: "Service time (from the actual send)",
};

/** Endpoint spectra get fewer points than the run's: dozens of endpoints must still render fast. */
const ENDPOINT_STEPS_PER_DECADE = 10;

/**
 * The spectrum of a histogram; without one (an old or hand-made result), the summary's percentiles.
 * Empty when nothing was measured.
 */
export function latencySpectrum(
  histogram: string,
  figures: StatsFigures,
  stepsPerDecade = 20,
): SpectrumPoint[] {
  const fromHistogram = spectrumFromEncoded(histogram, stepsPerDecade);
  if (fromHistogram.length > 0 || figures.requests === 0) return fromHistogram;
  if (figures.latency_ms.max <= 0) return [];
  return spectrumFromPairs(summaryPercentilePairs(figures.latency_ms));
}

/** The run's spectrum, with each endpoint's beside it when there are a few (more would be a tangle). */
export function spectrumChart(
  run: readonly SpectrumPoint[],
  endpoints: readonly { label: string; points: readonly SpectrumPoint[] }[],
): SpectrumChartOptions | undefined {
  if (run.length === 0) return undefined;
  const overlay = endpoints.length >= 2 && endpoints.length <= 5 ? endpoints : [];
  return {
    id: "spectrum",
    title: "Latency by percentile, whole run",
    series: [
      { name: "all requests", points: run },
      ...overlay.filter((e) => e.points.length > 0).map((e) => ({ name: e.label, points: e.points })),
    ],
    legend: true,
    width: 960,
    height: 300,
  };
}

export function endpointSpectrumChart(
  endpoint: EndpointResult,
  index: number,
): SpectrumChartOptions | undefined {
  const points = latencySpectrum(endpoint.histogram, endpoint, ENDPOINT_STEPS_PER_DECADE);
  if (points.length === 0) return undefined;
  const label = endpointLabel(endpoint);
  return {
    id: `endpoint-${index + 1}-spectrum`,
    title: `${label}: latency by percentile`,
    series: [{ name: label, points }],
    width: 600,
    height: 240,
  };
}

function barChart(id: string, title: string, bars: BarInput[], unit: string): BarChartOptions | undefined {
  return bars.length === 0 ? undefined : { id, title, bars, unit, width: 470 };
}

export function statusCodesChart(figures: StatsFigures): BarChartOptions | undefined {
  return barChart("status-codes", "HTTP status codes", statusCodeBars(figures.status_codes), "responses");
}

export function errorKindsChart(figures: StatsFigures): BarChartOptions | undefined {
  return barChart("error-kinds", "Failures by kind", errorKindBars(figures.errors), "failures");
}

/** Phases measured in this run, in request order. */
export function measuredPhases(figures: StatsFigures): PhaseName[] {
  return PHASE_ORDER.filter((phase) => (figures.phases_ms?.[phase]?.count ?? 0) > 0);
}

export function phasesChart(figures: StatsFigures): BarChartOptions | undefined {
  const bars = measuredPhases(figures).filter((p) => p !== "service").map((phase) => ({
    label: PHASE_LABELS[phase],
    value: figures.phases_ms![phase]!.mean,
  }));
  if (bars.length === 0) return undefined;
  return {
    id: "phases",
    title: "Mean time per request phase (ms)",
    desc: `Mean time per phase: ${
      bars.map((b) => `${b.label} ${Number(b.value.toPrecision(3))} ms`).join(", ")
    }.`,
    bars,
    kind: "ms",
    width: 470,
  };
}
