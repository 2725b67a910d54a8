import { assertEquals } from "../../helpers/assert.ts";
import { Http1ResponseParser, MAX_HEAD_BYTES } from "../../../src/vu/http1/response_parser.ts";

const enc = (s: string) => new TextEncoder().encode(s);

interface Parsed {
  done: boolean;
  status: number;
  bodyBytes: number;
  keepAlive: boolean;
  error: string | undefined;
  consumed: number;
}

/** Feeds `text` in pieces of `piece` bytes (Infinity: one piece); `close` ends the stream after. */
function parse(text: string, options: { piece?: number; head?: boolean; close?: boolean } = {}): Parsed {
  const parser = new Http1ResponseParser();
  parser.reset(!options.head);
  const bytes = enc(text);
  const piece = options.piece ?? Infinity;
  let consumed = 0;
  for (let at = 0; at < bytes.length && !parser.done && !parser.error; at += piece) {
    const to = Math.min(bytes.length, at + piece);
    const n = parser.feed(bytes, at, to);
    consumed += n;
    if (n < to - at) break; // the rest belongs to the next response
  }
  if (options.close && !parser.done) parser.end();
  const { done, status, bodyBytes, keepAlive, error } = parser;
  return { done, status, bodyBytes, keepAlive, error, consumed };
}

const CASES: [string, string, Parameters<typeof parse>[1], Partial<Parsed>][] = [
  ["content-length", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", {}, {
    done: true,
    status: 200,
    bodyBytes: 5,
    keepAlive: true,
  }],
  ["header names are case-insensitive", "HTTP/1.1 201 Created\r\ncOnTeNt-LeNgTh:  3 \r\n\r\nabc", {}, {
    done: true,
    status: 201,
    bodyBytes: 3,
  }],
  [
    "chunked",
    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n",
    {},
    {
      done: true,
      bodyBytes: 11,
    },
  ],
  [
    "chunked with extensions and trailers",
    "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\nA;name=x\r\n0123456789\r\n0\r\nX-Sum: 1\r\n\r\n",
    {},
    { done: true, bodyBytes: 10 },
  ],
  ["close-delimited body ends at close", "HTTP/1.1 200 OK\r\n\r\nsome body", { close: true }, {
    done: true,
    bodyBytes: 9,
    keepAlive: false,
  }],
  ["HEAD has no body whatever the length says", "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n", {
    head: true,
  }, {
    done: true,
    bodyBytes: 0,
  }],
  ["204 has no body", "HTTP/1.1 204 No Content\r\n\r\n", {}, { done: true, status: 204, bodyBytes: 0 }],
  ["304 has no body", "HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n", {}, {
    done: true,
    status: 304,
  }],
  ["Connection: close", "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", {}, {
    done: true,
    keepAlive: false,
  }],
  ["HTTP/1.0 closes by default", "HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n", {}, { keepAlive: false }],
  ["HTTP/1.0 keep-alive", "HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n", {}, {
    keepAlive: true,
  }],
  [
    "100 Continue, then the response",
    "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
    {},
    {
      done: true,
      status: 200,
      bodyBytes: 2,
    },
  ],
  ["garbage", "this is not http at all\r\n\r\n", {}, { error: "bad_response" }],
  ["bad status", "HTTP/1.1 2x0 OK\r\n\r\n", {}, { error: "bad_response" }],
  ["header line without a colon", "HTTP/1.1 200 OK\r\nnonsense\r\n\r\n", {}, { error: "bad_response" }],
  ["bad content-length", "HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\n", {}, { error: "bad_response" }],
  ["bad chunk size", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", {}, {
    error: "bad_chunk",
  }],
  ["missing CRLF after chunk data", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nokXX", {}, {
    error: "bad_chunk",
  }],
  ["closed mid-body", "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", { close: true }, {
    error: "bad_response",
  }],
  ["closed before any byte", "", { close: true }, { error: "reset" }],
];

for (const [name, text, options, expected] of CASES) {
  Deno.test(`http1 parser: ${name}, in one read and byte by byte`, () => {
    for (const piece of [Infinity, 1, 7]) {
      const got = parse(text, { ...options, piece });
      const picked = Object.fromEntries(Object.keys(expected).map((k) => [k, got[k as keyof Parsed]]));
      assertEquals(picked, expected, `${name} (pieces of ${piece})`);
    }
  });
}

Deno.test("http1 parser: stops at the end of a response; pipelined bytes are left for the next", () => {
  const first = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
  const both = first + "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n";
  const bytes = enc(both);
  const parser = new Http1ResponseParser();
  parser.reset(true);
  const n = parser.feed(bytes, 0, bytes.length);
  assertEquals([n, parser.done, parser.status], [enc(first).length, true, 200]);
  parser.reset(true);
  assertEquals(parser.feed(bytes, n, bytes.length), bytes.length - n);
  assertEquals([parser.done, parser.status], [true, 404]);
});

Deno.test("http1 parser: a head over the limit is header_too_large, however it arrives", () => {
  const huge = "HTTP/1.1 200 OK\r\n" + `X-Big: ${"a".repeat(MAX_HEAD_BYTES)}\r\n`;
  for (const piece of [Infinity, 4096]) {
    assertEquals(parse(huge, { piece }).error, "header_too_large", `pieces of ${piece}`);
  }
});

Deno.test("http1 parser: head and body byte counts", () => {
  const parser = new Http1ResponseParser();
  parser.reset(true);
  const text = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";
  parser.feed(enc(text), 0, text.length);
  assertEquals([parser.headBytes, parser.bodyBytes], [text.length - 5, 5]);
});
