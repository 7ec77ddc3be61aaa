// Symbolic links in a mystery (problem 3, the build's side; npm run dev's is in dev.test.ts and
// serve.test.ts): a linked folder is never walked (as tweego), a link out of the project is never
// read, each is said once as a warning naming it, and the build goes on.
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { buildStory } from "../../build/pipeline/build-story.js";
import { listMysteries, walk } from "../../build/sources/mystery-files.js";
import { mysteryTarget } from "../../build/compile/build-inputs.js";
import { scratchStory } from "../harness/scratch.js";

describe("symbolic links in a mystery's folder", () => {
  it("are not followed out of the project or into folders, each said once; a file linked inside the project is read", async () => {
    const s = scratchStory();
    const base = path.dirname(s.stories);
    mkdirSync(path.join(base, "shared"));
    writeFileSync(path.join(base, "shared", "common.twee"), ":: Common\nShared text.\n");
    symlinkSync("..", path.join(s.dir, "up"));
    symlinkSync("/", path.join(s.dir, "root"));
    symlinkSync("/etc/hostname", path.join(s.dir, "outside.twee"));
    symlinkSync("../../shared/common.twee", path.join(s.dir, "common.twee"));
    symlinkSync("no-such-file.twee", path.join(s.dir, "dangling.twee"));
    symlinkSync(s.dir, path.join(s.stories, "linked-mystery"));

    const said: string[] = [];
    const spy = vi
      .spyOn(console, "error")
      .mockImplementation((m: unknown) => void said.push(String(m).split("\n")[0]!));
    try {
      const files = (await walk(s.dir)).map((f) => path.relative(s.dir, f));
      expect(files).toContain("common.twee");
      expect(files).toContain("special.twee");
      expect(
        files.filter((f) =>
          ["up", "root", "outside.twee", "dangling.twee"].some((l) => f === l || f.startsWith(`${l}/`)),
        ),
      ).toEqual([]);
      await walk(s.dir); // again, as npm run dev does on every rebuild: nothing more is said
      expect(await listMysteries(s.stories)).toEqual(["50ms-request"]);
      const built = await buildStory(mysteryTarget("50ms-request", s.stories, s.out), "native");
      expect(built.passages).toBe(44); // its 43, and the linked Common
    } finally {
      spy.mockRestore();
    }
    const warning = (link: string, why: string) =>
      `${path.join(s.dir, link)}: warning: symbolic link not followed: ${why}`;
    expect(said.sort()).toEqual(
      [
        warning("dangling.twee", "it points to no-such-file.twee, which does not exist (or loops)"),
        warning("outside.twee", "it points outside the project (/etc/hostname)"),
        warning(
          "root",
          "it points to a folder above it, outside the project (/); the build reads real folders only, as tweego does",
        ),
        warning("up", "it points to a folder above it (..); the build reads real folders only, as tweego does"),
        `${path.join(s.stories, "linked-mystery")}: warning: symbolic link not followed: it points to a folder (${s.dir}); the build reads real folders only, as tweego does`,
      ].sort(),
    );
  });
});
