import { incompleteUtf8Tail, MAX_CAPTURE_BYTES, ResponseCapture } from "../../../src/vu/http1/capture.ts";
import { assertEquals } from "../../helpers/assert.ts";

const encode = (text: string) => new TextEncoder().encode(text);

Deno.test("incompleteUtf8Tail: bytes of a character the next chunk finishes", () => {
  const euro = encode("€"); // e2 82 ac
  const emoji = encode("😀"); // f0 9f 98 80
  const cases: [string, Uint8Array, number][] = [
    ["ascii", encode("abc"), 0],
    ["empty", new Uint8Array(0), 0],
    ["whole euro", encode("a€"), 0],
    ["euro lead only", Uint8Array.of(0x61, euro[0]!), 1],
    ["euro two of three", Uint8Array.of(0x61, euro[0]!, euro[1]!), 2],
    ["emoji three of four", emoji.subarray(0, 3), 3],
    ["whole emoji", emoji, 0],
    ["stray continuation bytes", Uint8Array.of(0x80, 0x80, 0x80, 0x80), 0],
  ];
  for (const [name, bytes, expected] of cases) {
    assertEquals(incompleteUtf8Tail(bytes, 0, bytes.length), expected, name);
  }
});

function captured(chunks: Uint8Array[]): string {
  const capture = new ResponseCapture();
  capture.head(encode("HTTP/1.1 200 OK\r\nX-Id: 7\r\n"), 0, 26);
  for (const chunk of chunks) capture.body(chunk, 0, chunk.length);
  return capture.result(200, 1).body;
}

Deno.test("ResponseCapture: a body split inside characters decodes as a whole", () => {
  const text = "prix: 5€, 😀 ok — ünïcödé";
  const bytes = encode(text);
  for (let cut = 0; cut <= bytes.length; cut++) {
    assertEquals(captured([bytes.slice(0, cut), bytes.slice(cut)]), text, `cut at ${cut}`);
  }
  const oneByOne = [...bytes].map((b) => Uint8Array.of(b));
  assertEquals(captured(oneByOne), text);
});

Deno.test("ResponseCapture: headers parsed on demand, names lower-cased", () => {
  const capture = new ResponseCapture();
  const head = encode("HTTP/1.1 201 Created\r\nLocation: /items/9\r\nX-Trace:  abc \r\n\r\n");
  capture.head(head, 0, head.length);
  head.fill(0); // the read buffer is reused: the capture must have kept its own copy
  assertEquals(capture.result(201, 1).headers, { "location": "/items/9", "x-trace": "abc" });
});

Deno.test("ResponseCapture: keeps the first MiB; a character cut there becomes U+FFFD", () => {
  const capture = new ResponseCapture();
  const big = new Uint8Array(MAX_CAPTURE_BYTES + 10).fill(0x61);
  big.set(encode("€"), MAX_CAPTURE_BYTES - 1); // starts on the last kept byte
  capture.body(big, 0, big.length);
  const body = capture.result(200, 1).body;
  assertEquals(body.length, MAX_CAPTURE_BYTES);
  assertEquals(body.at(-1), "\ufffd");
});
