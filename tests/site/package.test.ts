// npm run package (build/commands/package.ts, site/package.ts) as a real process on a copy of the
// built site: each mystery's zip holds its page as index.html and its preview picture, site.zip
// every published file and nothing else, a second run gives the same bytes, and what is not
// built is said. The zips are read with yauzl (tests/harness/unzip.ts); the browser plays one
// (tests/browser/package.browser.test.ts).
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { distDir } from "../../build/shared/paths.js";
import { command as packageCommand } from "../../build/commands/package.js";
import { runInProcess, runProcess } from "../harness/cli.js";
import { mysteries } from "../harness/mysteries.js";
import { unzip } from "../harness/unzip.js";

/** A copy of the built site, with a preview picture, a --test copy, a build's temp file and a stale zip beside it. */
function builtSite(): string {
  const out = mkdtempSync(path.join(os.tmpdir(), "site-"));
  for (const name of ["index.html", ...mysteries.map((m) => `${m}.html`)])
    copyFileSync(path.join(distDir, name), path.join(out, name));
  writeFileSync(path.join(out, "50ms-request.preview.png"), "a picture");
  writeFileSync(path.join(out, "50ms-request.test.html"), "debug copy");
  writeFileSync(path.join(out, ".50ms-request.html.123.tmp"), "half a build");
  writeFileSync(path.join(out, "site.zip"), "an old zip");
  return out;
}

describe("npm run package", () => {
  let out: string;
  let first: { code: number; stdout: string; stderr: string };
  const zips = () => ["site.zip", ...mysteries.map((m) => `${m}.zip`)].map((z) => readFileSync(path.join(out, z)));

  beforeAll(async () => {
    out = builtSite();
    first = await runProcess("build/commands/package.ts", ["--out", out]);
  });

  it("writes each mystery's zip and site.zip (a real process), saying what is in each", () => {
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout.split("\n")).toEqual([
      expect.stringMatching(/^wrote .*\/50ms-request\.zip \(\d+ KiB: 50ms-request\.preview\.png, index\.html\)$/),
      expect.stringMatching(/^wrote .*\/pool-that-ran-dry\.zip \(\d+ KiB: index\.html\)$/),
      expect.stringMatching(
        /^wrote .*\/site\.zip \(\d+ KiB: 50ms-request\.html, 50ms-request\.preview\.png, index\.html, pool-that-ran-dry\.html\)$/,
      ),
      "",
    ]);
  });

  it("puts the mystery's page in its zip as index.html, byte for byte, beside its preview picture", async () => {
    const entries = await unzip(readFileSync(path.join(out, "50ms-request.zip")));
    expect(entries.map((e) => e.name)).toEqual(["50ms-request.preview.png", "index.html"]);
    expect(entries[1]!.content.equals(readFileSync(path.join(distDir, "50ms-request.html")))).toBe(true);
    expect(entries[0]!.content.toString()).toBe("a picture");
  });

  it("puts every published file in site.zip: no --test copy, temp file or zip", async () => {
    const entries = await unzip(readFileSync(path.join(out, "site.zip")));
    expect(entries.map((e) => e.name)).toEqual([
      "50ms-request.html",
      "50ms-request.preview.png",
      "index.html",
      "pool-that-ran-dry.html",
    ]);
    for (const e of entries) expect(e.content.equals(readFileSync(path.join(out, e.name))), e.name).toBe(true);
  });

  it("gives the same bytes when run again", async () => {
    const before = zips();
    expect((await runInProcess(packageCommand, ["--out", out])).code).toBe(0);
    const after = zips();
    expect(after.map((z, i) => z.equals(before[i]!))).toEqual(before.map(() => true)); // Buffer.equals: toEqual walks byte by byte
  });

  it("says what is not built: a named mystery is an error (exit 1), an unnamed one is left out", async () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), "unbuilt-"));
    const named = await runInProcess(packageCommand, ["--out", empty, "50ms-request"]);
    expect(named.code).toBe(1);
    expect(named.stderr).toMatch(
      /error: .*\/50ms-request\.html is not built, so there is nothing to package\n {2}fix: run npm run build -- 50ms-request first\n$/,
    );
    copyFileSync(path.join(distDir, "50ms-request.html"), path.join(empty, "50ms-request.html"));
    const all = await runInProcess(packageCommand, ["--out", empty]);
    expect(all.code, "no index.html: no site to package").toBe(1);
    expect(all.stderr).toContain(
      "pool-that-ran-dry: not built, so not packaged (npm run build -- pool-that-ran-dry first)",
    );
    expect(all.stderr).toMatch(
      /index\.html is not built, so there is no site to package\n {2}fix: run npm run build first/,
    );
    expect(all.stdout).toMatch(/^wrote .*50ms-request\.zip/);
  });
});
