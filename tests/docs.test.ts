// Generated files must match their source of truth: the macro specs beside the handlers.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readmeFile, withReference } from "../build/docs.js";
import { macros } from "../macros/all.js";

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
