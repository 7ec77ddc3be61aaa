// `npm run import -- <file> [--mystery NAME] [--prune] [--dry-run] [--take SIDE[:NAME]]… [--set-aside] [--stories DIR]`,
// and `npm run import -- <file> --new [NAME]`, which makes a new mystery of it (twine/import-new.ts).
// Brings a story edited in Twine 2 (a published .html, a library archive, or a .twee export) back
// into story/<mystery>/, merged three ways with what Twine was given (twine/merge.ts): changed
// passages are rewritten where they live, new ones get a file of their own, renamed ones are
// renamed in place with every reference to them, removed ones are reported (and removed with
// --prune); a conflict refuses the import until --take settles it. Matched by IFID. All files are
// written or none, after every change is checked.
import path from "node:path";
import { allMysteries, checkKnown, storiesOption } from "./mystery-args.js";
import { importFile } from "../twine/import-run.js";
import { defineCommand, runCommand } from "./command.js";
import { checkMysteryName } from "../shared/names.js";
import type { ImportPlan } from "../twine/import-planner.js";
import { shown } from "../shared/paths.js";
import { formatDiagnostic } from "../lint/lint.js";
import type { TwineStory } from "../twine/twine-read.js";
import { importNew, newImportReport } from "../twine/import-new.js";
import { mysterySlug } from "../site/new-mystery.js";
import { UsageError } from "../shared/errors.js";

function print(story: TwineStory, dir: string, plan: ImportPlan, options: { dryRun: boolean }): void {
  const { base, changed, added, renamed, removed, rewritten, notImported, unchanged } = plan.report;
  const list = (label: string, items: string[]) =>
    items.length && console.log(`  ${label}:\n${items.map((i) => `    ${i}`).join("\n")}`);
  console.log(`${options.dryRun ? "would import" : "imported"} "${story.name}" into ${shown(dir)}/`);
  console.log(`  what Twine was given: ${base}`);
  list("changed", changed);
  list("renamed", renamed);
  list("references to renamed passages rewritten", rewritten);
  list("added", added);
  list("removed in Twine", removed);
  list("not imported", notImported);
  console.log(`  unchanged: ${unchanged} passage${unchanged === 1 ? "" : "s"}`);
}

export const command = defineCommand(
  {
    name: "npm run import",
    usage:
      "-- <file> [--mystery NAME] [--prune] [--dry-run] [--take SIDE[:NAME]]… [--set-aside] [--stories DIR] | -- <file> --new [NAME] [--dry-run] [--stories DIR]",
    description:
      "brings a story edited in Twine 2 back into its Twee files, merged with what the files hold now from the build " +
      "Twine was given: what changed only in Twine is taken, what changed only on disk is kept, a passage changed on " +
      "both sides is a conflict (nothing is written; --take chooses). Changed passages are rewritten where they live, " +
      "new ones get a file of their own, renamed ones are renamed in place with every reference to them, passages " +
      "deleted in Twine are listed (and removed with --prune), Twine's edits of config.js go back to it. The story is " +
      "matched to its mystery by IFID; the result must pass the lint. With --new, any Twine 2 story becomes " +
      "a new mystery, story/NAME/, moved onto our macros when it was written with the original widgets.",
    arguments: [
      ["<file>", "a story published from Twine (.html), a library archive (.html), or a Twee export (.twee)"],
      ["[NAME]", "with --new: the new mystery's folder name (default: made from the story's title)"],
    ],
    positionals: { min: 1, max: 2 },
    options: {
      mystery: { type: "string", value: "NAME", description: "import into this mystery, whatever its IFID" },
      prune: { type: "boolean", description: "delete the passages that were deleted in Twine" },
      new: {
        type: "boolean",
        description:
          "make a new mystery, story/NAME/, of the file's story (refused if that folder exists or a mystery has its IFID)",
      },
      "dry-run": { type: "boolean", description: "show what would change, change nothing" },
      take: {
        type: "string",
        value: "SIDE[:NAME]",
        multiple: true,
        description:
          "settle a conflict: twine:NAME or disk:NAME for one (a passage, StoryTitle, StoryData, config.js), twine or disk for all; repeatable",
      },
      "set-aside": {
        type: "boolean",
        description:
          "import even though Twine's copy of the macros or styles was edited: that edit is saved beside the mystery as the changed lines",
      },
      stories: storiesOption,
    },
    examples: [
      ["npm run import -- ~/Downloads/archive.html", "every story in a Twine library archive, by IFID"],
      ["npm run import -- story.twee --mystery stale-cache --dry-run", "what a Twee export would change"],
      [
        "npm run import -- archive.html --take 'twine:ping 2'",
        'take Twine\'s side of the conflict on passage "ping 2"',
      ],
      [
        "npm run import -- ~/Downloads/old-case.html --new old-case",
        "an existing Twine story as a new mystery, story/old-case/",
      ],
    ],
  },
  async ({ values, positionals }) => {
    if (values.new) {
      if (values.mystery !== undefined || values.prune)
        throw new UsageError("--new makes a new mystery: it takes no --mystery or --prune");
      const options = {
        name: positionals[1],
        nameFromTitle: mysterySlug,
        stories: values.stories,
        dryRun: values["dry-run"],
      };
      console.log(newImportReport(await importNew(positionals[0]!, options), values["dry-run"]));
      return 0;
    }
    if (positionals.length > 1)
      throw new UsageError(`unexpected argument "${positionals[1]}" (a NAME goes with --new)`);
    if (values.mystery !== undefined) checkMysteryName(values.mystery);
    // The stories folder, and the mystery --mystery names, must be there: a bad command line (exit 2).
    const known = await allMysteries(path.resolve(values.stories));
    if (values.mystery !== undefined) checkKnown([values.mystery], known, path.resolve(values.stories));
    const options = {
      stories: values.stories,
      mystery: values.mystery,
      prune: values.prune,
      dryRun: values["dry-run"],
      take: values.take,
      setAside: values["set-aside"],
    };
    for (const { story, dir, plan, warnings } of await importFile(positionals[0]!, options)) {
      print(story, dir, plan, options);
      for (const w of warnings) console.error(formatDiagnostic(w));
    }
    return 0;
  },
);

runCommand(import.meta.url, command);
