/** The headline figures of the whole run as cards: volume, failures, throughput, latency, bytes. */
import { formatPercent } from "../../src/format/format.ts";
import { formatBytes, formatCount, formatLatency, formatRps } from "../../src/format/report_format.ts";
import type { FigureCard as Figure } from "../../src/model/report_view.ts";
import type { RunResult } from "../../src/model/result.ts";
import { FigureCards } from "./figure_cards.tsx";

function figuresOf(result: RunResult): Figure[] {
  const s = result.summary;
  const ms = (value: number, label: string): Figure => ({ label, ...formatLatency(value) });
  const figures: Figure[] = [
    { label: "Requests", value: formatCount(s.requests) },
    { label: "Failures", value: formatCount(s.failures), tone: s.failures > 0 ? "bad" : undefined },
    { label: "Error rate", value: formatPercent(s.error_rate), tone: s.error_rate > 0 ? "bad" : undefined },
    { label: "Throughput", value: formatRps(s.rps), unit: "req/s" },
    ms(s.latency_ms.p50, "Latency p50"),
    ms(s.latency_ms.p95, "Latency p95"),
    ms(s.latency_ms.p99, "Latency p99"),
    ms(s.latency_ms.max, "Latency max"),
    { label: "Received", value: formatBytes(s.bytes_received) },
    { label: "Sent", value: formatBytes(s.bytes_sent) },
  ];
  if (s.dropped_iterations !== undefined) {
    const tone = s.dropped_iterations > 0 ? "warn" : undefined;
    figures.push({ label: "Dropped iterations", value: formatCount(s.dropped_iterations), tone });
  }
  return figures;
}

function latencyNote(result: RunResult): string {
  const base = "Latency percentiles come from the merged HDR histogram of every request.";
  return result.run.model === "open"
    ? `${base} Open model: measured from each iteration's scheduled start (coordinated omission corrected).`
    : base;
}

export function SummaryFigures(props: { result: RunResult }) {
  return (
    <>
      <FigureCards figures={figuresOf(props.result)} />
      <p class="note">{latencyNote(props.result)}</p>
    </>
  );
}
