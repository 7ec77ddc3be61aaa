// The story as a whole: Twee syntax, duplicate names, StoryTitle and StoryData (JSON, IFID,
// format, start passage), and script text the HTML would cut short. The same rules the build
// enforces (twee/twee.ts, model/story.ts), reported all at once instead of the first only.
import {
  canStartAt,
  checkEmbeddable,
  duplicateError,
  duplicatePassages,
  parseStoryDataTolerant,
  type StoryData,
  type StoryDataError,
} from "../../model/story.js";
import { BuildError } from "../../shared/errors.js";
import type { LocatedPassage } from "../../twee/twee.js";
import { type CodeFor, type Diagnostic, error, type Where } from "../../shared/diagnostic.js";
import { header, locate, type Mystery } from "../checked-mystery.js";
import { suggest } from "../suggest.js";
import { isCode, isScript, STORY_DATA, STORY_TITLE } from "../../story-format/passage-kinds.js";
import { isFormat, OUR_FORMAT } from "../../story-format/formats.js";
import { formatAt, type FoundFormat, installedVersions, notFound } from "../../installed-formats/format.js";

const fixOf = (e: BuildError) => (e.fix ? { fix: e.fix } : {});

/** Where a StoryData problem is: the JSON parser's position, or the key it is about, or the header. */
function storyDataWhere(p: LocatedPassage, e: StoryDataError): Where {
  const position = /at position (\d+)/.exec(e.message);
  if (position) return locate(p, Number(position[1]));
  const key = e.key === undefined ? -1 : p.text.indexOf(JSON.stringify(e.key));
  return key === -1 ? header(p) : locate(p, key);
}

function storyDataCode(e: StoryDataError): CodeFor<"error"> {
  if (e.message === "StoryData has no IFID") return "missing-ifid";
  return e.key === "ifid" ? "bad-ifid" : "bad-storydata";
}

/** The format the build embeds: exactly the version of our macros' format (SugarCube 2) StoryData names, found where tweego finds formats (installed-formats/format.ts). */
function formatProblems(p: LocatedPassage, data: StoryData, formats: readonly FoundFormat[]): Diagnostic[] {
  const at = (key: string) => {
    const i = p.text.indexOf(JSON.stringify(key));
    return i === -1 ? header(p) : locate(p, i);
  };
  const { name, major } = OUR_FORMAT;
  const named = data.formatVersion.split(".")[0] || major;
  if (!isFormat(data.format, OUR_FORMAT) || named !== major) {
    const newest = OUR_FORMAT.engineVersion(undefined, installedVersions(name, formats));
    const message = `StoryData asks for ${data.format} ${data.formatVersion || named}; these mysteries are built with ${name} ${major} (our macros are ${name} macros)`;
    return [
      error(at("format"), "story-format", message, {
        fix: `set "format": "${name}" and "format-version": "${newest}"`,
      }),
    ];
  }
  if (data.formatVersion && !formatAt(formats, name, data.formatVersion)) {
    const { message, fix } = notFound(name, data.formatVersion, formats);
    return [error(at("format-version"), "story-format", message, { fix })];
  }
  return [];
}

function storyDataProblems(m: Mystery, p: LocatedPassage): Diagnostic[] {
  const { data, problems } = parseStoryDataTolerant(p);
  const found = problems.map((e) => error(storyDataWhere(p, e), storyDataCode(e), e.message, fixOf(e)));
  if (!data) return found;
  found.push(...formatProblems(p, data, m.formats));
  if (!canStartAt(m.byName.get(data.start))) {
    const key = p.text.indexOf('"start"');
    const candidates = [...m.byName.values()]
      .filter((q) => canStartAt(q) && m.profile.kinds.inStory(q))
      .map((q) => q.name);
    found.push(
      error(
        key === -1 ? header(p) : locate(p, key),
        "missing-start",
        `the start passage "${data.start}" does not exist`,
        {
          fix: `add a passage named "${data.start}" or set "start" in StoryData to an existing passage`,
          suggestion: suggest(data.start, candidates),
        },
      ),
    );
  }
  return found;
}

/** Script or stylesheet text containing its own closing tag. */
function embedProblem(p: LocatedPassage): Diagnostic[] {
  try {
    checkEmbeddable(p);
    return [];
  } catch (e) {
    if (!(e instanceof BuildError)) throw e;
    const closer = isScript(p) ? "</script" : "</style";
    return [error(locate(p, p.text.toLowerCase().indexOf(closer)), "embedded-close-tag", e.message, fixOf(e))];
  }
}

export function structureChecks(m: Mystery): Diagnostic[] {
  const found: Diagnostic[] = m.problems.map((e) => {
    const { file, line, column } = e.location ?? { file: "(unknown)", line: 1 };
    return error({ file, line, column: column ?? 1 }, "twee-syntax", e.message, fixOf(e));
  });
  for (const { first, again } of duplicatePassages(m.passages)) {
    const e = duplicateError(first, again);
    found.push(error(header(again), "duplicate-passage", e.message, fixOf(e)));
  }
  // Story-level problems with no passage to point at go at the top of the first Twee file.
  const top = m.passages.find((p) => !isCode(p)) ?? m.passages[0];
  const anywhere: Where = { file: top?.file ?? "(no files)", line: 1, column: 1 };
  const title = m.byName.get(STORY_TITLE);
  if (!title || title.text === "") {
    const fix = "add `:: StoryTitle` with the story's name";
    found.push(error(title ? header(title) : anywhere, "missing-title", "the story has no StoryTitle", { fix }));
  }
  const data = m.byName.get(STORY_DATA);
  if (!data) {
    const fix = "add a `:: StoryData` passage with the story's IFID and format";
    found.push(error(anywhere, "missing-storydata", "the story has no StoryData", { fix }));
  } else found.push(...storyDataProblems(m, data));
  for (const p of m.passages) if (isCode(p)) found.push(...embedProblem(p));
  return found;
}
