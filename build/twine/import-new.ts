// `npm run import -- <file> --new [NAME]`: a story from Twine (published HTML, library archive,
// Twee export) becomes a new mystery, story/<NAME>/. Refused, with nothing written, when that
// folder exists or another mystery has the story's IFID. Then planned (new-mystery-plan.ts),
// its links fixed as `npm run lint -- --fix` would (Twine's map must read them as SugarCube
// does), linted, and written all at once (unless a dry run). Its lint errors do not stop it: the
// report shows each at file:line:col with its fix, for the author to make.
import { randomUUID } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { MacroSpec } from "../../macros/define.js";
import { listMysteries, readTweeFiles } from "../sources/mystery-files.js";
import { ourMacroSpecs } from "../bundle/macro-specs.js";
import { newestFormat } from "../installed-formats/format.js";
import type { SourceFile } from "../sources/sources.js";
import { filePassagesTolerant } from "../sources/sources.js";
import { fixTwineLinks } from "../lint/fix-twine-links.js";
import { storyIfid } from "../lint/ifids.js";
import { type Diagnostic, formatDiagnostics, lintMystery, summary } from "../lint/lint.js";
import { BuildError } from "../shared/errors.js";
import { checkMysteryName } from "../shared/names.js";
import { display, shown, storiesDir } from "../shared/paths.js";
import { writeAll } from "../shared/write-all.js";
import { parseTwee } from "../twee/twee.js";
import { isFormat, OUR_FORMAT } from "../story-format/formats.js";
import { macroRoles } from "../story-format/macro-roles.js";
import { isStoryTitle } from "../story-format/passage-kinds.js";
import { readInput } from "./import-run.js";
import { type NewMysteryPlan, planNewMystery } from "./new-mystery-plan.js";
import type { TwineStory } from "./twine-read.js";

export interface NewImportOptions {
  /** The mystery's folder name; made from the story's title when not given. */
  readonly name?: string;
  /** The folder name a title makes (the same rule as `npm run new`). */
  readonly nameFromTitle: (title: string) => string;
  readonly stories?: string;
  readonly dryRun?: boolean;
  readonly specs?: readonly MacroSpec[];
}

export interface NewImport {
  readonly name: string;
  /** The new mystery's folder. */
  readonly dir: string;
  readonly plan: NewMysteryPlan;
  /** Passages named twice in the file: where, and which one was kept. */
  readonly duplicates: string[];
  /** The Twine-link fixes applied, as `file:line:col: from → to`. */
  readonly linkFixes: string[];
  /** The other mystery with the same title, if any. */
  readonly sameTitle?: string;
  /** The new mystery's lint, as it was written. */
  readonly diagnostics: Diagnostic[];
}

/** The one story of the file, with a passage named twice kept once: the last, where the first was (tweego's rule); each such name said. */
async function oneStory(file: string): Promise<{ story: TwineStory; duplicates: string[] }> {
  const stories = await readInput(file);
  if (stories.length !== 1) {
    throw new BuildError(
      `${display(file)} holds ${stories.length} stories (${stories.map((s) => `"${s.name}"`).join(", ")}): --new makes one mystery`,
      undefined,
      "in Twine, publish the one story to a file (Build → Publish to File) and import that",
    );
  }
  const story = stories[0]!;
  const places = new Map<string, string[]>();
  if (story.from === "twee") {
    for (const p of parseTwee(await readFile(file, "utf8"), display(file)))
      places.set(p.name, [...(places.get(p.name) ?? []), `${p.file}:${p.line}`]);
  } else {
    for (const [i, p] of story.passages.entries())
      places.set(p.name, [...(places.get(p.name) ?? []), `passage ${i + 1} of the story data`]);
  }
  const duplicates = [...places]
    .filter(([, at]) => at.length > 1)
    .map(
      ([name, at]) =>
        `passage "${name}" is defined ${at.length} times, at ${at.join(" and ")}: the last one is kept, as tweego keeps it`,
    );
  const last = new Map(story.passages.map((p) => [p.name, p] as const));
  const seen = new Set<string>();
  const passages = story.passages.filter((p) => !seen.has(p.name) && seen.add(p.name)).map((p) => last.get(p.name)!);
  return { story: { ...story, passages }, duplicates };
}

/** Refuses a story that could not be a mystery here: not in our macros' format (SugarCube), or with no title. */
function checkStory(story: TwineStory, file: string): void {
  const { name, major } = OUR_FORMAT;
  if (story.format && !isFormat(story.format, OUR_FORMAT)) {
    throw new BuildError(
      `"${story.name}" is a ${story.format} ${story.formatVersion} story: these mysteries are ${name} ${major} stories, and its passages would not play`,
      undefined,
      `change its story format to ${name} in Twine (Story → Details) and rewrite its markup, or bring in a ${name} story`,
    );
  }
  if (story.name.trim() === "") {
    throw new BuildError(
      `the story in ${display(file)} has no name`,
      undefined,
      "give it a name in Twine (or a StoryTitle passage) and import it again",
    );
  }
}

/** Why the new mystery cannot be `name`: its folder exists, or another mystery has its IFID. Also which one has its title. */
async function checkClashes(
  stories: string,
  name: string,
  story: TwineStory,
  file: string,
): Promise<string | undefined> {
  const dir = path.join(stories, name);
  if (
    await stat(dir).then(
      () => true,
      () => false,
    )
  ) {
    throw new BuildError(
      `${shown(dir)} already exists, so --new writes nothing`,
      undefined,
      `give the new mystery another name: npm run import -- ${display(file)} --new OTHER-NAME (or, if the file is that mystery, leave out --new to bring Twine's edits into it)`,
    );
  }
  let sameTitle: string | undefined;
  for (const mystery of await listMysteries(stories).catch(() => [] as string[])) {
    const files = await readTweeFiles(path.join(stories, mystery)).catch(() => undefined);
    if (!files) continue; // a draft that cannot be read has no IFID to compare
    const ifid = storyIfid(files);
    if (ifid?.ifid === story.ifid.toUpperCase()) {
      throw new BuildError(
        `mystery "${mystery}" already has this story's IFID, ${story.ifid} (${ifid.where.file}:${ifid.where.line}:${ifid.where.column}): it is that mystery, or a copy of it`,
        undefined,
        `to bring Twine's edits into "${mystery}": npm run import -- ${display(file)}; if it is a different story, give it an IFID of its own ` +
          `(in Twine, Library → Duplicate makes a copy with a new one; in a Twee file, set "ifid" in StoryData) and import that`,
      );
    }
    const title = files.flatMap((f) => filePassagesTolerant(f).passages).find(isStoryTitle)?.text;
    if (title?.toLowerCase() === story.name.toLowerCase()) sameTitle = mystery;
  }
  return sameTitle;
}

export async function importNew(file: string, options: NewImportOptions): Promise<NewImport> {
  const stories = path.resolve(options.stories ?? storiesDir);
  const input = path.resolve(file);
  const { story, duplicates } = await oneStory(input);
  checkStory(story, input);
  const name = options.name ?? options.nameFromTitle(story.name);
  if (!name) {
    throw new BuildError(
      `"${story.name}" makes no folder name (no Latin letters or digits)`,
      undefined,
      `name it: npm run import -- ${display(input)} --new my-mystery`,
    );
  }
  checkMysteryName(name);
  const sameTitle = await checkClashes(stories, name, story, input);
  const dir = path.join(stories, name);
  const sugarcube = newestFormat(OUR_FORMAT.name, OUR_FORMAT.major, { file: display(input), line: 1 }).version;
  const specs = options.specs ?? ourMacroSpecs();
  const plan = planNewMystery({
    story,
    name,
    sugarcube,
    freshIfid: randomUUID().toUpperCase(),
    roles: macroRoles(specs),
  });

  // As the build reads them, in its order (names sorted), then Twine's links made readable to Twine's map.
  const absolute = new Map([...plan.files.keys()].map((f) => [display(path.join(dir, f)), path.join(dir, f)] as const));
  let sources: SourceFile[] = [...plan.files]
    .map(([f, content]) => ({ path: display(path.join(dir, f)), content: Buffer.from(content) }))
    .sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)));
  const { fixes, contents } = fixTwineLinks(sources);
  sources = sources.map((f) => (contents.has(f.path) ? { ...f, content: Buffer.from(contents.get(f.path)!) } : f));
  const diagnostics = lintMystery(sources, specs);
  if (!options.dryRun) await writeAll(new Map(sources.map((f) => [absolute.get(f.path)!, f.content] as const)));
  return {
    name,
    dir,
    plan,
    duplicates,
    linkFixes: fixes.map((f) => `${f.file}:${f.line}:${f.column}: ${f.from} → ${f.to}`),
    ...(sameTitle ? { sameTitle } : {}),
    diagnostics,
  };
}

const section = (title: string, lines: readonly string[]) =>
  lines.length ? [`  ${title}:`, ...[...new Set(lines)].map((l) => `    ${l}`)] : [];

/** What `--new` did (or would do), for the command to print. */
export function newImportReport(r: NewImport, dryRun = false): string {
  const { report } = r.plan;
  const errors = r.diagnostics.filter((d) => d.severity === "error").length;
  return [
    `${dryRun ? "would import (dry run: nothing written)" : "imported"} "${report.title}" as a new mystery: ${shown(r.dir)}/`,
    ...report.storyData.map((l) => `  ${l}`),
    `  passages split ${report.grouping}`,
    ...section(
      "files",
      report.files.map((f) => `${f.file}: ${f.holds}`),
    ),
    ...section("changed to play on our macros", report.migrated),
    ...section("Twine links rewritten so Twine's map reads them as SugarCube does", r.linkFixes),
    ...section("warnings", [
      ...r.duplicates,
      ...(r.sameTitle ? [`mystery "${r.sameTitle}" has the same title: the index page would list both alike`] : []),
    ]),
    ...section("left to you", report.left),
    `  lint: ${summary(r.diagnostics, 1)}`,
    ...(r.diagnostics.length
      ? formatDiagnostics(r.diagnostics)
          .split("\n")
          .map((l) => `    ${l}`)
      : []),
    errors > 0
      ? `  next: fix the ${errors === 1 ? "error" : `${errors} errors`} above as each fix line says, then npm run build -- ${r.name}`
      : `  next: npm run build -- ${r.name}`,
  ].join("\n");
}
