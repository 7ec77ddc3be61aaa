// Adds one plain closing line, "tests: N passed, N failed", that any CI log reader understands.
// A test file that fails before any test runs (an import error, a hook that throws) counts too:
// it has no failed test of its own, so the line names it, or a broken file would read as green.
import type { Reporter, TestModule } from "vitest/node";

export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const count = (state: "passed" | "failed" | "skipped") =>
      modules.reduce((n, m) => n + Array.from(m.children.allTests(state)).length, 0);
    const skipped = count("skipped");
    const broken = modules.filter((m) => m.state() === "failed" && Array.from(m.children.allTests("failed")).length === 0);
    const files = broken.length ? `, ${broken.length} test file${broken.length > 1 ? "s" : ""} failed to run (${broken.map((m) => m.moduleId.split("/tests/").pop()).join(", ")})` : "";
    console.log(`\ntests: ${count("passed")} passed, ${count("failed")} failed${skipped ? `, ${skipped} skipped` : ""}${files}`);
  }
}
