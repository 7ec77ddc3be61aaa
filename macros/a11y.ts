// What every mystery does for keyboard and screen-reader players, the same on SugarCube 2.31 and
// 2.37 (only documented events and Config, and SugarCube's documented element ids):
// - the document says its language (SugarCube's page template has no `lang`);
// - after each passage change, focus moves to the new passage, so the next Tab reaches its first
//   link or field instead of starting over at the top of the page;
// - a box that scrolls (a long listing, the clue list) can be reached and scrolled with the
//   keyboard, and has a name;
// - each new clue is announced once, politely, in a live region of its own;
// - Escape closes SugarCube's dialogs (Saves, Restart), which then give focus back where it was,
//   and every button in them has a name (2.37 leaves an empty save slot's buttons without one).
import { element } from "./dom.js";

/** The language the stories are written in; a mystery's config.js may set another
 *  (`document.documentElement.lang = "fr"`), before or after this runs. */
export const DEFAULT_LANG = "en";

/** Marks the boxes this script made focusable, so it can undo that when they stop scrolling. */
const SCROLL_BOX = "data-scroll-box";

/** The name a screen reader gives a scrolling box: the author's, else what it holds. */
function scrollBoxName(box: HTMLElement): string {
  if (box.closest(".what-you-know")) return "What you know";
  if (box.classList.contains("you-said-answer")) return "Your answer";
  const first =
    (box.textContent ?? "")
      .split("\n")
      .find((line) => line.trim() !== "")
      ?.trim() ?? "";
  return `Listing: ${first.length > 60 ? `${first.slice(0, 59)}…` : first}`;
}

const scrolls = (box: HTMLElement): boolean => {
  // The cheap test first: with no layout (jsdom) every size is 0 and no style is computed.
  if (box.scrollWidth <= box.clientWidth + 1 && box.scrollHeight <= box.clientHeight + 1) return false;
  const style = getComputedStyle(box);
  return /auto|scroll/.test(style.overflowX + style.overflowY);
};

/**
 * Makes every box that scrolls in the passage and the sidebar focusable (so arrow keys scroll
 * it) and named; a `pre` also becomes a region, since a plain `pre` may not carry a name. Undoes
 * it for a box that no longer scrolls (after a resize). Author-given names are kept.
 */
export function markScrollBoxes(root: ParentNode = document): void {
  for (const box of Array.from(root.querySelectorAll<HTMLElement>("#passages .passage *, #story-caption *"))) {
    const marked = box.hasAttribute(SCROLL_BOX);
    if (scrolls(box)) {
      if (marked || box.hasAttribute("tabindex")) continue;
      box.setAttribute(SCROLL_BOX, "");
      box.tabIndex = 0;
      if (box.tagName === "PRE" && !box.hasAttribute("role")) box.setAttribute("role", "region");
      if (!box.hasAttribute("aria-label") && !box.hasAttribute("aria-labelledby"))
        box.setAttribute("aria-label", scrollBoxName(box));
    } else if (marked) {
      box.removeAttribute(SCROLL_BOX);
      box.removeAttribute("tabindex");
      if (box.getAttribute("role") === "region") box.removeAttribute("role");
      box.removeAttribute("aria-label");
    }
  }
}

/** What the live region says for the new-information boxes in `passage` (empty: nothing new).
 *  A box is only drawn the first time a playthrough finds its clue (clues.ts), so after Back and
 *  Forward, or a reload, there is nothing to say. */
export function clueAnnouncement(passage: ParentNode): string {
  const fresh = Array.from(
    passage.querySelectorAll<HTMLElement>(".newinfo[data-clue]"),
    (box) => box.dataset.clue ?? "",
  ).filter((clue) => clue !== "");
  return fresh.map((clue) => `New information: ${clue}. Added to your "What you know" list.`).join(" ");
}

/**
 * Focus follows the page change, unless the player is using SugarCube's own controls (history
 * buttons, a dialog): those keep their focus. The first passage is shown while SugarCube's
 * loading screen still hides it (html[data-init]), where focus cannot go: it goes when that lifts.
 */
function focusPassage(passage: HTMLElement): void {
  const active = document.activeElement;
  if (active instanceof HTMLElement && active.closest("#ui-bar, #ui-dialog") !== null) return;
  passage.tabIndex = -1;
  passage.focus({ preventScroll: true });
  const root = document.documentElement;
  if (document.activeElement === passage || !root.hasAttribute("data-init")) return;
  const loaded = new MutationObserver(() => {
    if (root.hasAttribute("data-init")) return;
    loaded.disconnect();
    const now = document.activeElement;
    if (passage.isConnected && (now === null || now === document.body)) passage.focus({ preventScroll: true });
  });
  loaded.observe(root, { attributes: true, attributeFilter: ["data-init"] });
}

/** Names the dialog's buttons that have none: SugarCube 2.37's Saves dialog draws an empty slot's
 *  (disabled) Load and Delete buttons as bare icons. "saves-delete-2" → "Delete slot 3". */
export function nameDialogButtons(root: ParentNode): void {
  for (const button of Array.from(root.querySelectorAll<HTMLButtonElement>("button"))) {
    if ((button.textContent ?? "").trim() || button.hasAttribute("aria-label") || button.title) continue;
    const [, action, slot] = /^saves-([a-z]+)-(\d+)$/.exec(button.id) ?? [];
    if (action && slot)
      button.setAttribute("aria-label", `${action[0]!.toUpperCase()}${action.slice(1)} slot ${Number(slot) + 1}`);
  }
}

/** Sets everything up; called once from the Story JavaScript, before the first passage. */
export function installA11y(): void {
  const root = document.documentElement;
  if (!root.lang) root.lang = DEFAULT_LANG;

  // A polite live region that exists before anything is announced in it (screen readers ignore
  // a region that arrives together with its text).
  const announcer = element("div", {
    id: "clue-announcer",
    class: "visually-hidden",
    role: "status",
    "aria-live": "polite",
  });
  document.body.append(announcer);

  jQuery(document).on(":passageend", (event) => {
    const passage = event.content;
    // SugarCube 2.37 makes #passages and #ui-bar live regions, which would read every new page
    // (and the whole clue list) out on top of the focus move below and our clue announcement.
    for (const id of ["passages", "ui-bar"]) document.getElementById(id)?.setAttribute("aria-live", "off");

    announcer.textContent = clueAnnouncement(passage);
    markScrollBoxes();
    focusPassage(passage);
  });

  // SugarCube's dialogs close with their ✖ or a click outside; Escape is what a dialog is expected
  // to answer to. Dialog.close() puts focus back where it was before the dialog opened.
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || event.defaultPrevented || !Dialog.isOpen()) return;
    event.preventDefault();
    Dialog.close();
  });

  // The Saves dialog redraws its list after each save or delete, so look again whenever it changes.
  let dialogWatch: MutationObserver | undefined;
  jQuery(document).on(":dialogopened", () => {
    const body = document.getElementById("ui-dialog-body");
    if (!body) return;
    nameDialogButtons(body);
    dialogWatch ??= new MutationObserver(() => nameDialogButtons(body));
    dialogWatch.observe(body, { childList: true, subtree: true });
  });
  jQuery(document).on(":dialogclosed", () => dialogWatch?.disconnect());

  // Whether a box scrolls changes with the window's size, and with the sidebar opened or closed
  // (on a phone a closed sidebar hides the clue list): look again after either, at once. Not in
  // an animation frame: a page that draws no frames for a while (a busy machine, a hidden tab)
  // would leave an opened list without its Tab stop until it did, as CI once found it. Reading the
  // sizes lays the page out once; a resize or a toggle is rare enough for that.
  const remark = () => markScrollBoxes();
  window.addEventListener("resize", remark);
  jQuery(document).one(":passageend", () => {
    const bar = document.getElementById("ui-bar");
    if (bar) new MutationObserver(remark).observe(bar, { attributes: true, attributeFilter: ["class"] });
  });
}
