import { assertEquals } from "../helpers/assert.ts";
import { didYouMean, editDistance, suggest } from "../../src/config/suggest.ts";

const SCENARIO_KEYS = ["description", "test_type", "users", "spawn_rate", "run_time", "wait_time", "tasks"];

Deno.test("editDistance counts insertions, deletions, substitutions and adjacent swaps as one edit", () => {
  const cases: [string, string, number][] = [
    ["", "", 0],
    ["users", "users", 0],
    ["", "abc", 3],
    ["abc", "", 3],
    ["usrs", "users", 1], // insertion
    ["userss", "users", 1], // deletion
    ["usars", "users", 1], // substitution
    ["usres", "users", 1], // adjacent swap: one edit, not two
    ["ab", "ba", 1],
    ["kitten", "sitting", 3],
    ["flaw", "lawn", 2],
    ["ca", "abc", 3], // optimal string alignment: a swapped pair is not edited again
  ];
  for (const [a, b, expected] of cases) {
    assertEquals(editDistance(a, b), expected, `${a} -> ${b}`);
    assertEquals(editDistance(b, a), expected, `${b} -> ${a} (symmetric)`);
  }
});

Deno.test("suggest picks the closest candidate within a third of the length (at least 2 edits)", () => {
  const cases: [string, string | undefined][] = [
    ["usrs", "users"],
    ["usres", "users"],
    ["spawnrate", "spawn_rate"],
    ["spawn-rate", "spawn_rate"], // Locust's dashed spelling is free
    ["Run_Time", "run_time"], // case is free
    ["runtime", "run_time"],
    ["task", "tasks"],
    ["descripton", "description"],
    ["wait", undefined], // 5 edits from wait_time: not a typo
    ["headless", undefined],
    ["xy", undefined],
  ];
  for (const [input, expected] of cases) assertEquals(suggest(input, SCENARIO_KEYS), expected, input);
});

Deno.test("suggest breaks ties by candidate order and handles no candidates", () => {
  assertEquals(suggest("loa", ["load", "loan"]), "load");
  assertEquals(suggest("loa", ["loan", "load"]), "loan");
  assertEquals(suggest("users", []), undefined);
  assertEquals(suggest("strss", new Set(["smoke", "load", "stress", "endurance"])), "stress");
});

Deno.test("didYouMean formats a ready-to-append hint, or nothing", () => {
  assertEquals(didYouMean("usrs", SCENARIO_KEYS), ` (did you mean "users"?)`);
  assertEquals(didYouMean("zzzzzz", SCENARIO_KEYS), "");
});
