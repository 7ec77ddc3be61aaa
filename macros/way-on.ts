// The way on from an ending (a passage tagged `ending`): the next mystery when there is one, play
// again, and all puzzles. It follows the passage, outside it (it is the game's, not the story's
// text), so every mystery gets it without a line in its Twee. The next mystery is the one after
// this in the order of the index page beside the story (index.html), which lists its mysteries
// in this browser's storage when it is shown (build/site/index-page.ts); a story opened without
// ever seeing its index offers the index instead.
import { element } from "./dom.js";
import { ENDING_TAG } from "./progress.js";
import { type CatalogueEntry, catalogueKey, readStored } from "./storage.js";

/** The page of all puzzles, beside the story, as the sidebar's "Back to all puzzles" link has it. */
export const INDEX_PAGE = "index.html";

/** A story file in the same folder: the only kind of address the way on links to. */
const SAME_FOLDER_PAGE = /^[\w.~%-]+\.html$/i;

/** The mystery after `ifid` in the index's list, if the list has both. */
export function nextMystery(catalogue: unknown, ifid: string): CatalogueEntry | undefined {
  if (!Array.isArray(catalogue)) return undefined;
  const entries = catalogue.filter(
    (e): e is CatalogueEntry =>
      typeof e === "object" &&
      e !== null &&
      typeof e.ifid === "string" &&
      typeof e.title === "string" &&
      typeof e.href === "string" &&
      SAME_FOLDER_PAGE.test(e.href),
  );
  const here = entries.findIndex((e) => e.ifid.toUpperCase() === ifid.toUpperCase());
  return here === -1 ? undefined : entries[here + 1];
}

function wayOn(next: CatalogueEntry | undefined): HTMLElement {
  const again = element("button", { type: "button", class: "play-again" }, "Play again");
  again.addEventListener("click", () => Engine.restart());
  const items = [
    next ? element("a", { href: next.href, class: "next-mystery" }, `Next mystery: ${next.title}`) : undefined,
    again,
    element("a", { href: INDEX_PAGE, class: "all-puzzles" }, "All puzzles"),
  ].flatMap((item) => (item ? [element("li", {}, item)] : []));
  return element(
    "nav",
    { class: "way-on", "aria-label": "What next", "data-story-ui": "" },
    element("ul", {}, ...items),
  );
}

/** Adds the way on after every ending; called once from the Story JavaScript. */
export function installWayOn(ifid: string): void {
  jQuery(document).on(":passageend", (event) => {
    if (!event.passage.tags.includes(ENDING_TAG)) return;
    const folder = new URL(".", window.location.href).href;
    event.content.after(wayOn(nextMystery(readStored("localStorage", catalogueKey(folder)), ifid)));
  });
}
