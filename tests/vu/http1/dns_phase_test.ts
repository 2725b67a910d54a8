import { assert, assertEquals } from "../../helpers/assert.ts";
import { scenarioSchema } from "../../../src/model/config.ts";
import { buildRequestPlans } from "../../../src/plan/request_plan.ts";
import { Http1Client, prepareRequest } from "../../../src/vu/http1/http1_client.ts";
import { InflightRequests } from "../../../src/vu/inflight.ts";

Deno.test("http1: a host name is resolved as its own timed phase; an IP address is not", async () => {
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, () => new Response("ok"));
  const inflight = new InflightRequests();
  const client = new Http1Client(inflight, Http1Client.bufferPool());
  try {
    const [byName, byIp] = ["localhost", "127.0.0.1"].map((host) =>
      prepareRequest(buildRequestPlans(scenarioSchema.parse({}), `http://${host}:${server.addr.port}`)[0]!)
    );
    const named = await client.send(byName!);
    assertEquals([named.status, named.error], [200, undefined]);
    assert((named.dns_us ?? -1) >= 0, `dns_us ${named.dns_us}`);
    assert((named.connect_us ?? -1) >= 0);
    const again = await client.send(byName!);
    assertEquals(again.dns_us, undefined, "a kept-alive connection needs no lookup");
    const ip = await client.send(byIp!);
    assertEquals([ip.status, ip.dns_us], [200, undefined]);
  } finally {
    client.close();
    inflight.close();
    await server.shutdown();
  }
});
