// The clue list, when it is taller than its box, takes a Tab stop (so a keyboard can scroll it)
// the moment the sidebar opens or the window is resized, not at the next animation frame: a page
// that draws no frames for a while must not leave it unreachable (macros/a11y.ts). jsdom lays
// nothing out, so the list's sizes are set here; the engine, the macros and the page are the built
// story's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mysteries } from "../harness/mysteries.js";
import { openStory, type Player } from "../harness/player.js";
import { usualRoutes } from "../harness/routes.js";

const mystery = mysteries[0]!;
let player: Player;

beforeAll(async () => {
  player = await openStory(mystery);
  for (const step of usualRoutes[mystery]!) {
    if (player.clues().length >= 2) break;
    player.go(step);
  }
});
afterAll(() => player?.close());

/** The clue list's sizes as the page will read them: `content` tall in a box `box` tall. */
function listSizes(content: number, box: number): void {
  const proto = player.window.HTMLOListElement.prototype;
  Object.defineProperty(proto, "scrollHeight", { configurable: true, get: () => content });
  Object.defineProperty(proto, "clientHeight", { configurable: true, get: () => box });
}

const list = () => player.document.querySelector<HTMLElement>("#story-caption .what-you-know ol")!;
/** After the microtasks a class change queues (MutationObserver), and no animation frame. */
const microtasks = () => Promise.resolve();

describe(`${mystery}: the clue list's Tab stop`, () => {
  it("is there as soon as the sidebar opens on a list that scrolls, and gone when it no longer does", async () => {
    expect(player.clues().length, "clues on the list").toBeGreaterThanOrEqual(2);
    const { UIBar } = player.sugarcube;
    UIBar.stow(true);
    await microtasks();
    listSizes(300, 144);
    UIBar.unstow(true);
    await microtasks();
    expect([list().getAttribute("tabindex"), list().getAttribute("aria-label")], "opened, taller than its box").toEqual(
      ["0", "What you know"],
    );
    listSizes(100, 144);
    player.window.dispatchEvent(new player.window.Event("resize"));
    expect(list().hasAttribute("tabindex"), "after a resize that fits it").toBe(false);
    listSizes(300, 144);
    player.window.dispatchEvent(new player.window.Event("resize"));
    expect(list().getAttribute("tabindex"), "after a resize that makes it scroll again").toBe("0");
  });
});
