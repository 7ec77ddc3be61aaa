import { availableParallelism } from "node:os";
import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    reporters: ["default", "./tests/harness/summary-reporter.ts"],
    // Builds every mystery once (with the compiler STORY_COMPILER picks, like `npm run build`).
    // Set here, on the root project only, it runs once before any project's tests; the projects
    // below do not extend the root config, so they do not run it again.
    globalSetup: ["tests/harness/global-setup.ts"],
    // Vitest's default is one worker less than the cores: on a 2-core machine, one worker, and
    // every file in turn. A jsdom worker keeps a core busy; a browser test file mostly waits on
    // chromium. Every core, and at least two (three was slower on two cores).
    maxWorkers: Math.max(2, availableParallelism()),
    projects: [
      {
        test: {
          // The built files loaded in jsdom, plus the build, parser and docs tests.
          name: "jsdom",
          include: ["tests/**/*.test.ts"],
          exclude: [...configDefaults.exclude, "tests/browser/**"],
          environment: "node",
          // A worker runs file after file in one module graph: jsdom, the harness and build/ load
          // once per worker, not once per file, and the story pages of the harness's sharedStory
          // open once per worker (tests/harness/player.ts). No test mocks modules; a test that
          // changes process-wide state (tweego.test.ts's TWEEGO) puts it back.
          isolate: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          // The built files played in headless chromium (tests/browser/chromium.ts finds it).
          name: "browser",
          include: ["tests/browser/**/*.test.ts"],
          environment: "node",
          // As for jsdom: playwright-core, the harness and build/ load once per worker, not once
          // per file, which takes the workers much less CPU. No browser test mocks modules or
          // changes process-wide state; each file launches and closes its own chromium.
          isolate: false,
          testTimeout: 240_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
