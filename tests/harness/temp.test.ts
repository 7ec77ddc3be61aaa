// The run's temp folder (global-setup.ts): every scratch copy a test makes, and every temp file of
// a process it starts, lands in one folder of this run, which the teardown deletes, so runs never
// pile up copies of the project in the machine's temp folder.
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";

it("puts this run's temp files in one folder of its own", () => {
  expect(path.basename(os.tmpdir())).toMatch(/^mystery-tests-/);
  expect(process.env.TMPDIR).toBe(os.tmpdir());
});
