import { assertEquals, assertThrows } from "../helpers/assert.ts";
import {
  compileJsonTemplate,
  compileTemplate,
  jsonTemplateIsStatic,
  renderJsonTemplate,
  type RenderScope,
  renderTemplate,
  splitArgs,
  TemplateError,
  templateVariables,
} from "../../src/flow/template.ts";

const scope = (vars: Record<string, string>): RenderScope => ({
  lookup: (name) => vars[name],
  call: (name, args) => `${name}(${args.join("|")})`,
});

Deno.test("templates: text, variables, data fields and generator calls", () => {
  const cases: [string, Record<string, string>, string][] = [
    ["/items/", {}, "/items/"],
    ["/items/{{ id }}", { id: "7" }, "/items/7"],
    ["{{id}}-{{  id  }}", { id: "x" }, "x-x"],
    ["/u/{{ users.email }}", { "users.email": "a@example.com" }, "/u/a@example.com"],
    ["n={{ $int(1, 100) }}&u={{ $uuid }}", {}, "n=int(1|100)&u=uuid()"],
    ['{{ $pick("a, b", c) }}', {}, "pick(a, b|c)"],
  ];
  for (const [source, vars, expected] of cases) {
    assertEquals(renderTemplate(compileTemplate(source), scope(vars)), expected, source);
  }
  assertEquals(compileTemplate("/static").isStatic, true);
  assertEquals(templateVariables(compileTemplate("{{ a }}/{{ $uuid }}/{{ b.c }}")), ["a", "b.c"]);
});

Deno.test("templates: a variable that is not set and a malformed placeholder are TemplateErrors", () => {
  assertThrows(
    () => renderTemplate(compileTemplate("{{ missing }}"), scope({})),
    TemplateError,
    'variable "missing"',
  );
  assertThrows(() => compileTemplate("{{ a b }}"), TemplateError, "invalid placeholder {{ a b }}");
  assertThrows(() => compileTemplate("{{ 1abc }}"), TemplateError);
});

Deno.test("splitArgs keeps quoted commas and trims", () => {
  assertEquals(splitArgs(" 1 , 2 "), ["1", "2"]);
  assertEquals(splitArgs(`"a,b", 'c'`), ["a,b", "c"]);
  assertEquals(splitArgs(""), []);
});

Deno.test("JSON templates render string leaves (keys too) and keep other values", () => {
  const t = compileJsonTemplate({
    name: 'say "{{ who }}"',
    n: 42,
    tags: ["{{ who }}", true],
    "{{ k }}": null,
  });
  assertEquals(jsonTemplateIsStatic(t), false);
  const body = renderJsonTemplate(t, scope({ who: 'Ann "A"', k: "key" }));
  assertEquals(body, { name: 'say "Ann "A""', n: 42, tags: ['Ann "A"', true], key: null });
  // Escaping is JSON.stringify's job after rendering, so quotes in values stay valid JSON.
  assertEquals(JSON.parse(JSON.stringify(body)), body);
  assertEquals(jsonTemplateIsStatic(compileJsonTemplate({ a: [1, "x"] })), true);
});
