// Adds one plain closing line, "tests: N passed, N failed", that any CI log reader understands.
// A test file that fails before any test runs (an import error, a hook that throws) counts too:
// it has no failed test of its own, so the line names it, or a broken file would read as green.
// Before it, per mystery, what the walk, form and route tests reached out of what there is
// (coverage.ts, coverage-count.ts), each thing not reached with a line saying why. With
// TESTS_SKIP_NONE set (.ci/run sets it), a skipped test fails the run: CI has every oracle, so a
// test skipped there for want of one would be a check that silently stopped running.
import type { Reporter, TestModule } from "vitest/node";
import { coverageReport } from "./coverage-report.js";

export default class SummaryReporter implements Reporter {
  async onTestRunEnd(modules: ReadonlyArray<TestModule>): Promise<void> {
    const count = (state: "passed" | "failed" | "skipped") =>
      modules.reduce((n, m) => n + Array.from(m.children.allTests(state)).length, 0);
    const skipped = count("skipped");
    const broken = modules.filter(
      (m) => m.state() === "failed" && Array.from(m.children.allTests("failed")).length === 0,
    );
    const files = broken.length
      ? `, ${broken.length} test file${broken.length > 1 ? "s" : ""} failed to run (${broken.map((m) => m.moduleId.split("/tests/").pop()).join(", ")})`
      : "";
    const coverage = await coverageReport(
      modules.flatMap((m) => Array.from(m.children.allTests(), (t) => t.meta().reached ?? []).flat()),
    );
    console.log(
      `${coverage ? `\n${coverage}` : ""}\ntests: ${count("passed")} passed, ${count("failed")} failed${skipped ? `, ${skipped} skipped` : ""}${files}`,
    );
    if (skipped > 0 && process.env.TESTS_SKIP_NONE) {
      const names = modules.flatMap((m) => Array.from(m.children.allTests("skipped"), (t) => t.fullName));
      const shown = names.slice(0, 5).join("; ") + (names.length > 5 ? `; and ${names.length - 5} more` : "");
      console.log(`error: ${skipped} skipped, where TESTS_SKIP_NONE says none may be (CI): ${shown}`);
      process.exitCode = 1;
    }
  }
}
