/** Every threshold with its limit, the measured value and whether it held; failures stand out. */
import type { ThresholdResult } from "../../src/model/result.ts";
import { formatThresholdQuantity } from "../../src/format/threshold_format.ts";

function Row(props: { threshold: ThresholdResult }) {
  const t = props.threshold;
  return (
    <tr class={t.ok ? undefined : "failed"}>
      <th scope="row">
        <code>{t.key}</code>
      </th>
      <td class="endpoint-name">{t.endpoint ?? "whole run"}</td>
      <td class="num">{t.threshold}</td>
      <td class="num">{formatThresholdQuantity(t.unit, t.value)}</td>
      <td class={t.ok ? "ok" : "bad"}>{t.ok ? "✓ pass" : "✗ fail"}</td>
    </tr>
  );
}

export function ThresholdsTable(props: { thresholds: readonly ThresholdResult[] }) {
  if (props.thresholds.length === 0) {
    return <p class="muted">No thresholds were set for this scenario.</p>;
  }
  return (
    <div class="table-wrap">
      <table class="thresholds">
        <caption>Thresholds</caption>
        <thead>
          <tr>
            <th scope="col">Threshold</th>
            <th scope="col">Applies to</th>
            <th scope="col" class="num">Limit</th>
            <th scope="col" class="num">Measured</th>
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody>
          {props.thresholds.map((t) => <Row key={t.name} threshold={t} />)}
        </tbody>
      </table>
    </div>
  );
}
