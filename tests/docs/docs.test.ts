// Generated files must match their source of truth: the macro specs beside the handlers, the lint
// codes' registry (build/lint/codes.ts), the commands' (build/commands/registry.ts).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { readmeFile, withReference } from "../../build/docs/reference.js";
import { withLintTable } from "../../build/docs/lint-table.js";
import { withCommandList } from "../../build/docs/command-list.js";
import { COMMANDS } from "../../build/commands/registry.js";
import { editorConfig, editorConfigFile } from "../../build/docs/editor-config.js";
import { root } from "../../build/shared/paths.js";
import { macros } from "../../macros/all.js";
import { type MacroSpec, type ParamKind, usage } from "../../macros/define.js";

describe("generated docs", () => {
  it("README's macro reference is current (run `npm run docs` to update)", () => {
    const readme = readFileSync(readmeFile, "utf8");
    expect(readme).toBe(withReference(readme));
  });

  it("README's lint table is current: every code of build/lint/codes.ts (run `npm run docs` to update)", () => {
    const readme = readFileSync(readmeFile, "utf8");
    expect(readme).toBe(withLintTable(readme));
    expect(readme).toContain(
      "| a `<<cacheaudio>>` source that is no passage (it would be fetched at play time) | warning | `media-fetched` |",
    );
  });

  it("README's command list is current: every command of build/commands/registry.ts (run `npm run docs` to update)", () => {
    const readme = readFileSync(readmeFile, "utf8");
    expect(readme).toBe(withCommandList(readme, COMMANDS));
    for (const name of ["build", "map", "stats", "package"]) expect(readme).toContain(`\n| \`npm run ${name}\` | `);
  });

  it("documents every macro with an example that uses it", () => {
    const readme = readFileSync(readmeFile, "utf8");
    for (const { spec } of macros) {
      expect(spec.example.startsWith(`<<${spec.name} `)).toBe(true);
      expect(readme).toContain(spec.example);
    }
  });
});

describe("t3lt.twee-config.yaml (editor macro definitions)", () => {
  it("is current (run `npm run docs` to update)", () => {
    expect(readFileSync(editorConfigFile, "utf8")).toBe(editorConfig());
  });

  // The shape Twee 3 Language Tools reads: sugarcube-2.macros.<name> with container, description
  // and parameters as a list of variant strings built from its parameter types.
  const config = parse(readFileSync(editorConfigFile, "utf8")) as {
    "sugarcube-2": {
      macros: Record<string, { name: string; container: boolean; description: string; parameters: string[] }>;
    };
  };
  const defined = config["sugarcube-2"].macros;

  it("defines exactly our macros", () => {
    expect(Object.keys(defined).sort()).toEqual(macros.map((m) => m.spec.name).sort());
  });

  it.each(macros.map((m) => [m.spec.name, m.spec] as const))(
    "%s: container, help and one typed parameter per argument",
    (name, spec) => {
      const entry = defined[name]!;
      expect(entry.name).toBe(name);
      expect(entry.container).toBe(spec.container);
      expect(entry.description).toContain(spec.description);
      expect(entry.description).toContain(usage(spec));
      expect(entry.parameters).toHaveLength(1);
      // T3LT's types (docs/parameters.md, src/sugarcube-2/parameters.ts of the extension): `string`
      // takes a quoted string only (its `text` would also take 42, true or a bareword); `receiver`
      // a quoted "$name"; `passage` a passage name it looks up; `var` a variable.
      const T3LT: Readonly<Record<ParamKind, string>> = {
        text: "string",
        "variable-name": "receiver",
        passage: "passage",
        answer: "var",
      };
      expect(entry.parameters[0]!.split(" &+ ")).toEqual(spec.params.map((p) => T3LT[p.kind]));
    },
  );

  it("types <<newinfo>>'s clue as a quoted string, so <<newinfo 42>> is flagged", () => {
    expect(defined.newinfo!.parameters).toEqual(["string"]);
  });

  // T3LT substitutes `%name%` in descriptions with an enum (parseEnums in src/sugarcube-2/macros.ts:
  // /(?<!\\)%(\w+)%/, "%name NOT FOUND%" when there is none) unless the % is escaped.
  const ENUM = /(?<!\\)%(\w+)%/;
  it("leaves no %name% in a description for T3LT to take as an enum", () => {
    for (const entry of Object.values(defined)) expect(entry.description).not.toMatch(ENUM);
    const spec: MacroSpec = {
      name: "pct",
      description: "Takes 50% of the time; %PATH% and %a%b% stay as typed, and so does 100 %.",
      params: [{ name: "x", kind: "text", description: "A %value%." }],
      container: false,
      example: '<<pct "%x%">>',
    };
    const { description } = (parse(editorConfig([spec])) as typeof config)["sugarcube-2"].macros.pct!;
    expect(description).not.toMatch(ENUM);
    // What the hover shows: Markdown renders a backslash before % as the % alone.
    expect(description.replace(/\\%/g, "%")).toContain(spec.description);
    expect(description.replace(/\\%/g, "%")).toContain("A %value%.");
  });
});

describe(".vscode/settings.json (the extension's passage list)", () => {
  const settings = JSON.parse(readFileSync(path.join(root, ".vscode", "settings.json"), "utf8")) as Record<
    string,
    unknown
  >;
  const exclude = settings["twee3LanguageTools.directories.exclude"] as string[];
  // The patterns are `**/<folder>/**` globs against absolute paths (T3LT passes them to glob's ignore).
  const excluded = (file: string) =>
    exclude.some((pattern) => {
      expect(pattern).toMatch(/^\*\*\/[^*]+\/\*\*$/);
      return `/${file}`.includes(`/${pattern.slice(3, -3)}/`);
    });

  it("keeps node_modules (the extension's own default), test fixtures and the new-mystery template out, and every story in", () => {
    expect(exclude).toContain("**/node_modules/**");
    const twee = execFileSync("git", ["ls-files", "*.tw", "*.twee"], { cwd: root, encoding: "utf8" })
      .split("\n")
      .filter(Boolean);
    const [stories, others] = [twee.filter((f) => f.startsWith("story/")), twee.filter((f) => !f.startsWith("story/"))];
    expect(stories.length).toBeGreaterThan(5);
    expect(
      others.some((f) => f.startsWith("tests/fixtures/")) && others.some((f) => f.startsWith("build/site/template/")),
    ).toBe(true);
    for (const f of others) expect(excluded(f), f).toBe(true);
    for (const f of stories) expect(excluded(f), f).toBe(false);
  });
});
