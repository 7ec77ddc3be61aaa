// Moving a mystery to another SugarCube, as an author does (README: "Moving a mystery to another
// SugarCube"): in a scratch copy whose StoryData names 2.37.3, with TWEEGO_PATH set to a folder
// holding it, `npm run build` (native) embeds exactly 2.37.3; set back to 2.31.1, the copy builds
// the very bytes it did before. `npm run new --sugarcube` starts a mystery on the SugarCube chosen.
// The same build from tweego, byte for byte: parity.test.ts; its walk and route: tests/story/.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { command as build } from "../../build/commands/build.js";
import { command as newCommand } from "../../build/commands/new.js";
import { installedVersions } from "../../build/installed-formats/format.js";
import { runInProcess } from "../harness/cli.js";
import { storyFile } from "../harness/player.js";
import { scratchStory, setSugarcube } from "../harness/scratch.js";
import {
  NEWER_SUGARCUBE,
  newerEngineHead,
  newerSugarcubeDir,
  ON_NEWER,
  scratchOnNewer,
  withTweegoPath,
} from "../harness/sugarcube.js";
import { ALSO_BUILT } from "../harness/tweego.js";

const formatVersion = (html: string) => /<tw-storydata [^>]*format-version="([^"]*)"/.exec(html)?.[1];

describe.skipIf(!newerSugarcubeDir)(`a mystery moved to SugarCube ${NEWER_SUGARCUBE}`, () => {
  it(`builds natively with ${NEWER_SUGARCUBE} from TWEEGO_PATH, and set back to 2.31.1 builds as it did`, async () => {
    const { stories, out, dir } = scratchOnNewer();
    const npmRunBuild = () => runInProcess(build, ["--stories", stories, "--out", out, "--compiler", "native"]);
    const file = path.join(out, `${ON_NEWER}.html`);

    const moved = await withTweegoPath(newerSugarcubeDir!, npmRunBuild);
    expect(moved.code, moved.stderr).toBe(0);
    expect(moved.stdout).toMatch(
      new RegExp(
        `built .*${ON_NEWER}\\.html .* with native .*, SugarCube ${NEWER_SUGARCUBE.replaceAll(".", "\\.")}, in `,
      ),
    );
    const html = readFileSync(file, "utf8");
    expect(formatVersion(html)).toBe(NEWER_SUGARCUBE);
    expect(html.startsWith(newerEngineHead()), `the engine is ${NEWER_SUGARCUBE}'s`).toBe(true);

    setSugarcube(dir, "2.31.1");
    const back = await npmRunBuild();
    expect(back.code, back.stderr).toBe(0);
    expect(back.stdout).toMatch(/, SugarCube 2\.31\.1, in /);
    // As today: the bytes of the global setup's native build of the mystery itself.
    const today = readFileSync(storyFile(ON_NEWER), "utf8");
    const native = /creator="Tweego"/.test(today)
      ? readFileSync(storyFile(`${ALSO_BUILT.native}/${ON_NEWER}`), "utf8")
      : today;
    expect(readFileSync(file, "utf8") === native, "the same bytes as the mystery's own build").toBe(true);
  });

  it("npm run new --sugarcube starts a mystery on the SugarCube named, the newest found by default", async () => {
    const { stories } = scratchStory(ON_NEWER); // a stories folder to add to
    const made = (args: string[]) =>
      withTweegoPath(newerSugarcubeDir!, () => runInProcess(newCommand, ["--stories", stories, ...args]));
    const version = (slug: string) =>
      /"format-version": "([^"]*)"/.exec(readFileSync(path.join(stories, slug, "special.twee"), "utf8"))?.[1];
    const newest = (await withTweegoPath(newerSugarcubeDir!, async () => installedVersions("SugarCube"))).at(-1);
    expect(newest, "the newest found").toBe(NEWER_SUGARCUBE);

    const byDefault = await made(["The Case of the Default Engine"]);
    expect(byDefault.code, byDefault.stderr).toBe(0);
    expect(byDefault.stdout).toContain(`, SugarCube ${newest})`);
    expect(version("default-engine")).toBe(newest);
    expect((await made(["The Case of the Old Engine", "--sugarcube", "2.31.1"])).code).toBe(0);
    expect(version("old-engine")).toBe("2.31.1");

    const missing = await made(["The Case of the Missing Engine", "--sugarcube", "2.30.0"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(
      /SugarCube 2\.30\.0 is not installed; found: SugarCube .*2\.37\.3.*SugarCube 2\.31\.1/,
    );
    expect(missing.stderr).toContain(`fix: put its folder in a folder on TWEEGO_PATH`);
    const notTwo = await made(["The Case of the Wrong Engine", "--sugarcube", "1.0.35"]);
    expect(notTwo.code).toBe(2);
    expect(notTwo.stderr).toContain("--sugarcube must be a SugarCube 2 version like");
    expect(readdirSync(stories).sort(), "nothing written for a refused one").toEqual(
      ["default-engine", ON_NEWER, "old-engine"].sort(),
    );
  });
});
