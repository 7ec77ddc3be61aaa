// Adds one plain closing line, "tests: N passed, N failed", that any CI log reader understands.
import type { Reporter, TestModule } from "vitest/node";

export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const count = (state: "passed" | "failed" | "skipped") =>
      modules.reduce((n, m) => n + Array.from(m.children.allTests(state)).length, 0);
    const skipped = count("skipped");
    console.log(`\ntests: ${count("passed")} passed, ${count("failed")} failed${skipped ? `, ${skipped} skipped` : ""}`);
  }
}
