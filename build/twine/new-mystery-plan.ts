// A story from Twine → the files of a new mystery (`npm run import -- <file> --new`): StoryTitle
// and StoryData (its IFID kept, the format pinned to the installed SugarCube), its passages in a
// few Twee files by area (group-passages.ts) with their tags and positions, moved onto our macros
// when it was written with the original widgets (migrate-widgets.ts), pictures as files in
// images/, its Story JavaScript and Stylesheet as the mystery's own .js and .css (the build takes
// every .js/.css of a mystery's folder into that mystery only), and the files every mystery has
// (config.js with its own save id, teaser.txt). Pure: the caller reads, lints and writes.
import { type Group, groupPassages } from "./group-passages.js";
import { profileFor } from "../story-format/formats.js";
import type { MacroRoles } from "../story-format/macro-roles.js";
import { isPicture } from "../story-format/passage-kinds.js";
import type { StoryFormatProfile } from "../story-format/profile.js";
import { migrateWidgets, OUR_CAPTION, OUR_CLUE_LIST } from "./migrate-widgets.js";
import { ORIGINAL_CLUE_VARIABLE } from "./original-widgets.js";
import { readPicture } from "./pictures.js";
import { passageTwee } from "../twee/twee-edit.js";
import { splitCode } from "../compile/html.js";
import { GENERATED } from "../compile/build-inputs.js";
import type { TwinePassage, TwineStory } from "./twine-read.js";

export interface PlanInput {
  readonly story: TwineStory;
  /** The mystery's folder name. */
  readonly name: string;
  /** The SugarCube version installed here (installed-formats/format.ts), which StoryData is pinned to. */
  readonly sugarcube: string;
  /** A fresh IFID, used only when the story has no valid one. */
  readonly freshIfid: string;
  /** What our macros do (their specs' roles): where their passage arguments go, which one records clues. */
  readonly roles: MacroRoles;
}

/** What went where, and what was changed or left: the report `--new` prints. */
export interface NewMysteryReport {
  readonly title: string;
  readonly ifid: string;
  /** Notes on StoryData: the IFID, the format, the start passage. */
  readonly storyData: string[];
  /** Each file (in the mystery's folder) and what it holds. */
  readonly files: { readonly file: string; readonly holds: string }[];
  readonly grouping: string;
  readonly migrated: string[];
  /** What the author still has to do or decide. */
  readonly left: string[];
}

export interface NewMysteryPlan {
  /** File name in the mystery's folder → content. */
  readonly files: Map<string, string | Buffer>;
  readonly report: NewMysteryReport;
}

const IFID = /^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/;
/** The passages that are files of their own: script and stylesheet are the story's; these are pictures. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: a file name has no control characters
const fileSafe = (name: string) => /^[^/\\.:*?"<>|\0-\x1f]+$/.test(name) && name.trim() === name;
const metadata = (p: TwinePassage) => ({
  position: p.position || undefined,
  size: p.size && p.size !== "100,100" ? p.size : undefined,
});
const twee = (passages: readonly TwinePassage[]) =>
  passages.map((p) => passageTwee({ ...p, metadata: metadata(p) })).join("");

function names(passages: readonly TwinePassage[]): string {
  const shown = passages.map((p) => `"${p.name}"`);
  return passages.length <= 6 ? shown.join(", ") : `${passages.length} passages: ${shown.slice(0, 4).join(", ")}, …`;
}

/** StoryData as a new mystery's: 2-space JSON, keys in Twee 3's order. */
function storyDataJson(
  story: TwineStory,
  ifid: string,
  format: StoryFormatProfile,
  version: string,
  start: string,
): string {
  const json: Record<string, unknown> = { ifid, format: format.name, "format-version": version, start };
  if (Object.keys(story.tagColors).length > 0) json["tag-colors"] = story.tagColors;
  if (story.zoom !== 1) json.zoom = story.zoom;
  return JSON.stringify(json, null, 2);
}

/** Pictures (Twine.image passages holding a whole picture) become images/<name>.<ext>; any other stays a passage. */
function pictureFiles(
  passages: readonly TwinePassage[],
  files: Map<string, string | Buffer>,
  left: string[],
): TwinePassage[] {
  return passages.filter((p) => {
    if (!isPicture(p)) return true;
    const read = readPicture(p.text);
    if ("problem" in read || !fileSafe(p.name)) {
      left.push(
        `picture "${p.name}" stays a passage in media.twee: ${"problem" in read ? read.problem : "its name cannot be a file name"}`,
      );
      return true;
    }
    files.set(`images/${p.name}.${read.ext}`, read.bytes);
    return false;
  });
}

/** A story with no StoryCaption gets ours: the clues our clue macro (`clueMacro`) records are listed there, with the way back to the page of all puzzles. */
function withCaption(
  passages: readonly TwinePassage[],
  format: StoryFormatProfile,
  clueMacro: string,
  done: string[],
  left: string[],
): TwinePassage[] {
  const caption = passages.find(format.kinds.isCaption);
  if (!caption) {
    done.push(`added our StoryCaption: the "What you know" list our ${clueMacro} fills, and "Back to all puzzles"`);
    return [...passages, { name: format.passages.caption, tags: [], position: "", size: "100,100", text: OUR_CAPTION }];
  }
  // A caption that lists the old widgets' clues is the migration's (or, with the story's own clue widget, the story's) to keep.
  if (!caption.text.includes("setup.clues") && !caption.text.includes(`$${ORIGINAL_CLUE_VARIABLE}`)) {
    left.push(`StoryCaption shows no list of the clues our ${clueMacro} records: add ours, ${OUR_CLUE_LIST}`);
  }
  return [...passages];
}

/** What a new mystery's config.js says first (as `npm run new`'s does). */
const CONFIG_HEAD =
  "// This mystery's SugarCube settings. A save id of its own keeps its saves apart from every other\n// mystery on the same site.\n";
const SAVE_ID = /\bConfig\.saves\.id\s*=\s*("(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*')\s*;?/;
const OWN_CODE = {
  script: ["story-javascript.js", "Story JavaScript", "macros"],
  stylesheet: ["story-stylesheet.css", "Story Stylesheet", "styles"],
} as const;

/**
 * The Story JavaScript or Stylesheet as the mystery's own files. A story built by this toolchain
 * (a sibling started from a copy of a mystery) has its sources named in it: each becomes its file
 * again, but for our macros or styles as built then, which the build adds anew, and config.js
 * takes the new mystery's save id. Anything else is one story-javascript.js or story-stylesheet.css.
 */
function codeFiles(
  joined: string,
  kind: "script" | "stylesheet",
  name: string,
  builtHere: boolean,
  files: Map<string, string | Buffer>,
  described: NewMysteryReport["files"][number][],
  done: string[],
): void {
  const [own, what, ours] = OWN_CODE[kind];
  const whole = { name: builtHere ? GENERATED[kind] : own, text: joined };
  const chunks = (splitCode(joined) ?? [whole]).filter((c) => c.text.trim() !== "");
  const usable = (file: string) =>
    /^[\w.-]+$/.test(file) && file.endsWith(kind === "script" ? ".js" : ".css") && !files.has(file);
  for (const chunk of chunks) {
    if (chunk.name === GENERATED[kind]) {
      done.push(
        `left out ${chunk.name}, our ${ours} as that story was built with them: the build adds the current ones`,
      );
      continue;
    }
    const file = usable(chunk.name) ? chunk.name : own;
    let text = `${chunk.text.replace(/\n*$/, "")}\n`;
    if (file === "config.js") {
      text = SAVE_ID.test(text)
        ? text.replace(SAVE_ID, `Config.saves.id = ${JSON.stringify(name)};`)
        : `${text}Config.saves.id = ${JSON.stringify(name)};\n`;
    }
    files.set(file, files.has(file) ? `${String(files.get(file))}${text}` : text);
    const holds =
      file === "config.js"
        ? `its own SugarCube settings, with its own save id, "${name}"`
        : `its ${file === own ? what : chunk.name}, built into this mystery only (before our ${ours})`;
    if (!described.some((d) => d.file === file)) described.push({ file, holds });
  }
}

export function planNewMystery({ story, name, sugarcube, freshIfid, roles }: PlanInput): NewMysteryPlan {
  const format = profileFor(story.format);
  const clueMacro = [...roles.collects.keys()].map((n) => `<<${n}>>`).join(", ") || "clue macro";
  const files = new Map<string, string | Buffer>();
  const storyData: string[] = [];
  const left: string[] = [];
  const described: { file: string; holds: string }[] = [];

  const ifid = IFID.test(story.ifid) ? story.ifid : freshIfid;
  storyData.push(
    ifid === story.ifid
      ? `IFID ${ifid}: kept`
      : `IFID: ${story.ifid ? `"${story.ifid}" is not a UUID` : "none"}, so a new one, ${ifid}`,
  );
  storyData.push(
    story.formatVersion === sugarcube
      ? `format: SugarCube ${sugarcube}, the one installed here`
      : `format: SugarCube ${story.formatVersion || "(no version)"} → ${sugarcube}, the SugarCube installed here (the build embeds exactly the version StoryData names)`,
  );

  const migration = migrateWidgets(story.passages);
  left.push(...migration.left);
  const migrated = withCaption(migration.passages, format, clueMacro, migration.done, left);
  const pages = migrated.filter((p) => !p.tags.some((t) => t.startsWith("Twine.")));
  const media = pictureFiles(
    migrated.filter((p) => p.tags.some((t) => t.startsWith("Twine."))),
    files,
    left,
  );
  const start = pages.some((p) => p.name === story.start)
    ? story.start
    : (pages.find((p) => p.name === "Start")?.name ?? pages[0]?.name ?? "Start");
  if (start !== story.start)
    storyData.push(`start: ${story.start ? `"${story.start}" is no passage` : "none named"}, so "${start}"`);

  const { groups, rule } = groupPassages(pages, start, format, roles);
  const special = groups.find((g) => g.file === "special.twee")?.passages ?? [];
  const head = `:: StoryTitle\n${story.name}\n\n:: StoryData\n${storyDataJson(story, ifid, format, sugarcube, start)}\n\n`;
  files.set("special.twee", head + twee(special));
  described.push({
    file: "special.twee",
    holds: `StoryTitle, StoryData${special.length ? `, ${names(special)}` : ""}`,
  });
  for (const g of groups.filter((x: Group) => x.file !== "special.twee")) {
    files.set(g.file, twee(g.passages));
    described.push({ file: g.file, holds: names(g.passages) });
  }
  if (media.length > 0) {
    files.set("media.twee", twee(media));
    described.push({ file: "media.twee", holds: names(media) });
  }
  const pictures = [...files.keys()].filter((f) => f.startsWith("images/"));
  if (pictures.length > 0) {
    described.push({
      file: "images/",
      holds: `${pictures.length} picture${pictures.length === 1 ? "" : "s"}: ${pictures.map((f) => f.slice(7)).join(", ")}`,
    });
  }
  // Built here: its sources are named, and one of them is ours (the build always adds ours, so a part
  // with no names holds ours alone).
  const builtHere = (["script", "stylesheet"] as const).some((kind) =>
    splitCode(story[kind])?.some((c) => c.name === GENERATED[kind]),
  );
  codeFiles(story.script, "script", name, builtHere, files, described, migration.done);
  codeFiles(story.stylesheet, "stylesheet", name, builtHere, files, described, migration.done);
  if (!files.has("config.js")) {
    files.set("config.js", `${CONFIG_HEAD}Config.saves.id = ${JSON.stringify(name)};\n`);
    described.push({ file: "config.js", holds: `its own save id, "${name}"` });
  }
  files.set("teaser.txt", `A debugging mystery: ${story.name}.\n`);
  described.push({ file: "teaser.txt", holds: "a placeholder line for the index page" });
  left.push("teaser.txt is a placeholder: write the line that makes a player curious");
  if (story.passages.some((p) => !p.position))
    left.push(`passages without a place on Twine's map: \`npm run layout -- ${name}\` places them`);
  if (story.tags.length > 0)
    left.push(`Twine's library tags (${story.tags.join(" ")}) have no place in Twee: not kept`);
  return {
    files,
    report: { title: story.name, ifid, storyData, files: described, grouping: rule, migrated: migration.done, left },
  };
}
