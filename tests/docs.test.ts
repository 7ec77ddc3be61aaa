// Generated files must match their source of truth: the macro specs beside the handlers.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { readmeFile, withReference } from "../build/docs.js";
import { editorConfig, editorConfigFile } from "../build/editor-config.js";
import { macros } from "../macros/all.js";
import { usage } from "../macros/define.js";

describe("generated docs", () => {
  it("README's macro reference is current (run `npm run docs` to update)", () => {
    const readme = readFileSync(readmeFile, "utf8");
    expect(readme).toBe(withReference(readme));
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
    "sugarcube-2": { macros: Record<string, { name: string; container: boolean; description: string; parameters: string[] }> };
  };
  const defined = config["sugarcube-2"].macros;

  it("defines exactly our macros", () => {
    expect(Object.keys(defined).sort()).toEqual(macros.map((m) => m.spec.name).sort());
  });

  it.each(macros.map((m) => [m.spec.name, m.spec] as const))("%s: container, help and one typed parameter per argument", (name, spec) => {
    const entry = defined[name]!;
    expect(entry.name).toBe(name);
    expect(entry.container).toBe(spec.container);
    expect(entry.description).toContain(spec.description);
    expect(entry.description).toContain(usage(spec));
    expect(entry.parameters).toHaveLength(1);
    const types = entry.parameters[0]!.split(" &+ ");
    expect(types).toHaveLength(spec.params.length);
    // Only type names T3LT knows (its docs/parameters.md).
    for (const t of types) expect(["text", "string", "receiver", "passage", "var", "bareword", "number"]).toContain(t);
  });
});
