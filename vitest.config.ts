import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    reporters: ["default", "./tests/harness/summary-reporter.ts"],
    // Builds every mystery once (with the compiler STORY_COMPILER picks, like `npm run build`).
    // Set here, on the root project only, it runs once before any project's tests; the projects
    // below do not extend the root config, so they do not run it again.
    globalSetup: ["tests/harness/global-setup.ts"],
    projects: [
      {
        test: {
          // The built files loaded in jsdom, plus the build, parser and docs tests.
          name: "jsdom",
          include: ["tests/**/*.test.ts"],
          exclude: [...configDefaults.exclude, "tests/browser/**"],
          environment: "node",
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
          testTimeout: 240_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
