import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    reporters: ["default", "./tests/harness/summary-reporter.ts"],
    // Builds every mystery once (with the compiler STORY_COMPILER picks, like `npm run build`).
    globalSetup: ["tests/harness/global-setup.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
