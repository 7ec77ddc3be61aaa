// Problem 10, the flaky dev test: a test that saved a file must wait for the event of its own
// save, never for "the next reload" (a late one of an earlier test's edits satisfied the
// stylesheet test on a busy machine). The server names the changed files in each event
// (events.ts), and the harness's EventReader.until matches on them; this checks both halves
// with an event stream whose late event comes first, as it did on the busy machine.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EventHub } from "../../build/dev/events.js";
import { changedIn, EventReader } from "../harness/dev-server.js";

describe("dev events name the build's changed files, and a test waits for its own", () => {
  const hub = new EventHub();
  let server: http.Server;
  let url: string;
  beforeAll(async () => {
    server = http.createServer((req, res) => hub.connect(req, res, undefined, undefined));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    hub.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it("skips a late reload of another file's build and returns the one for the test's file", async () => {
    const events = new EventReader(url);
    try {
      await events.ready;
      const from = events.events.length;
      // The test saves styles/layout.css; first comes a late build of an earlier test's save.
      hub.built(["50ms-request.html"], [], ["/tmp/x/story/50ms-request/start-and-hubs.twee"]);
      hub.built(["50ms-request.html"], [], ["/tmp/x/styles/layout.css"]);
      const first = await events.next("reload", from);
      expect(changedIn(first), "what waiting for the next reload used to return").toEqual([
        "/tmp/x/story/50ms-request/start-and-hubs.twee",
      ]);
      const own = await events.until(["reload"], from, (e) => changedIn(e).includes("/tmp/x/styles/layout.css"));
      expect(JSON.parse(own.data)).toEqual({
        build: 2,
        files: ["50ms-request.html"],
        changed: ["/tmp/x/styles/layout.css"],
      });
    } finally {
      events.close();
    }
  });

  it("error and ok events name the changed files too", async () => {
    const events = new EventReader(url);
    try {
      await events.ready;
      const from = events.events.length;
      hub.built([], [{ source: "x", message: "broken" }], ["/tmp/x/a.twee"]);
      hub.built(["x.html"], [], ["/tmp/x/a.twee"]);
      const error = await events.until(["error"], from, (e) => changedIn(e).includes("/tmp/x/a.twee"));
      expect(JSON.parse(error.data).problems).toEqual([{ source: "x", message: "broken" }]);
      const ok = await events.until(["ok"], from, (e) => changedIn(e).includes("/tmp/x/a.twee"));
      expect(JSON.parse(ok.data)).toEqual({ changed: ["/tmp/x/a.twee"] });
    } finally {
      events.close();
    }
  });
});
