// What a player has on arriving at a passage (npm run dev's play-from, build/overview/arrival.ts):
// on small stories whose macros have other names (the roles come from the specs), and on the
// 50ms mystery's usual route with the answers its route.json gives.
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { MacroSpec } from "../../macros/define.js";
import { readSources } from "../../build/sources/mystery-files.js";
import { loadStory } from "../../build/model/story.js";
import { ourMacroSpecs } from "../../build/bundle/macro-specs.js";
import { arrival } from "../../build/overview/arrival.js";
import { storyGraph } from "../../build/overview/map-graph.js";
import { readUsualRoute } from "../../build/overview/usual-route.js";
import { storiesDir } from "../../build/shared/paths.js";

const DATA = '{"ifid": "9F53470D-0918-466D-9AA0-8B5E6A3C8EB0", "start": "Start"}';
const graphOf = (body: string, route?: string[]) =>
  storyGraph(
    loadStory([
      { path: "story/x/a.twee", content: Buffer.from(`:: StoryTitle\nT\n\n:: StoryData\n${DATA}\n\n${body}`) },
    ]),
    SPECS,
    route && { route, clues: [], answers: {} },
  );

/** Macros named unlike ours: what they do is in their specs. */
const SPECS: MacroSpec[] = [
  {
    name: "jot",
    description: "",
    container: false,
    example: "",
    collects: "notes",
    params: [{ name: "note", kind: "text", description: "" }],
  },
  {
    name: "quiz",
    description: "",
    container: false,
    example: "",
    asks: true,
    params: [
      { name: "q", kind: "text", description: "" },
      { name: "$v", kind: "variable-name", description: "" },
      { name: "to", kind: "passage", description: "" },
    ],
  },
];

const STORY = [
  ':: Start\n<<jot "first">>[[Hall]]',
  ':: Hall\n<<jot "second">><<quiz "Why?" "$why" "Room">>[[Side]]',
  ':: Side\n<<jot "side">>[[Room]]',
  ":: Room\nend",
  ":: Attic\nno way in",
].join("\n\n");

describe("arriving at a passage", () => {
  it("by the shortest route: the clues collected before it, and the form's own default answer (empty)", () => {
    const a = arrival(graphOf(STORY), {}, "Room")!;
    expect(a).toEqual({
      passage: "Room",
      via: "shortest",
      route: ["Start", "Hall", "Room"],
      variables: { notes: ["first", "second"], why: "" },
    });
  });

  it("along the usual route where it passes the passage, with the route file's answer", () => {
    const a = arrival(graphOf(STORY, ["Hall", "Side", "Room"]), { $why: "because" }, "Room")!;
    expect(a.via).toBe("usual");
    expect(a.route).toEqual(["Start", "Hall", "Side", "Room"]);
    // Side is reached by a link: Hall's form was not answered.
    expect(a.variables).toEqual({ notes: ["first", "second", "side"] });
  });

  it("no route: an empty state; no such passage: undefined", () => {
    expect(arrival(graphOf(STORY), {}, "Attic")).toEqual({
      passage: "Attic",
      via: "none",
      route: ["Attic"],
      variables: {},
    });
    expect(arrival(graphOf(STORY), {}, "Cellar")).toBeUndefined();
  });

  it("50ms-request, tcpdump 2: the four clues of the usual route so far and the answers it typed", async () => {
    const dir = path.join(storiesDir, "50ms-request");
    const usual = readUsualRoute(dir)!;
    const a = arrival(
      storyGraph(loadStory(await readSources(dir)), ourMacroSpecs(), usual),
      usual.answers,
      "tcpdump 2",
    )!;
    expect(a.via).toBe("usual");
    expect(a.route.slice(1)).toEqual(usual.route.slice(0, usual.route.indexOf("tcpdump 2") + 1));
    expect(a.variables.clues).toEqual(usual.clues.slice(0, 4));
    for (const v of ["curl_cmd", "strace", "time_to_response", "why_delay", "tcpdump_command"])
      expect(a.variables[v], v).toBe(usual.answers[`$${v}`]);
    expect(a.variables.nagle, "a question further on").toBeUndefined();
  });
});
