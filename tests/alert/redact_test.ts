import { makeRedactor } from "../../src/alert/redact.ts";
import { assertEquals } from "../helpers/assert.ts";

Deno.test("makeRedactor masks every secret, URL-encoded forms too, longest first", () => {
  const redact = makeRedactor(["p@ss word!", "https://hooks.slack.com/services/T0/B0/abcd", "abc", ""]);
  assertEquals(redact("login p@ss word! failed"), "login *** failed");
  assertEquals(redact("POST https://hooks.slack.com/services/T0/B0/abcd: 500"), "POST ***: 500");
  assertEquals(redact("pw=p%40ss%20word!"), "pw=***");
  assertEquals(redact("abc stays: too short to mask safely"), "abc stays: too short to mask safely");
  assertEquals(makeRedactor([])("nothing"), "nothing");
});
