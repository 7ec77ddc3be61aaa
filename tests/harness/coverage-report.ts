// The coverage lines at the end of a test run (summary-reporter.ts): one per mystery the tests
// noted anything for, then what was not reached and why. Empty when no test noted anything (a
// run of other tests). A mystery that cannot be read says so instead of failing the report.
import { loadMacroSpecs } from "../../build/bundle/macro-specs.js";
import { formatError } from "../../build/shared/errors.js";
import { storiesDir } from "../../build/shared/paths.js";
import type { Reached } from "./coverage.js";
import { readCoverage } from "./coverage-count.js";

export async function coverageReport(reached: readonly Reached[], stories = storiesDir): Promise<string> {
  const mysteries = [...new Set(reached.map((r) => r.mystery))].sort();
  if (mysteries.length === 0) return "";
  const lines = ["what the walk, form and route tests reached:"];
  try {
    const specs = await loadMacroSpecs();
    for (const mystery of mysteries) {
      const { line, unreached } = await readCoverage(
        stories,
        mystery,
        specs,
        reached.filter((r) => r.mystery === mystery),
      );
      lines.push(`  ${line}`, ...unreached.map((u) => `    not reached: ${u}`));
    }
  } catch (error) {
    lines.push(`  (not counted: ${formatError(error)})`);
  }
  return lines.join("\n");
}
