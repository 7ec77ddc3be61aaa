// How the sidebar behaves (its look is styles/sidebar.css). On a wide screen it is SugarCube's
// sidebar, open unless the player closes it. On a phone or a zoomed-in window (at most 768 px
// wide, SugarCube's own breakpoint) it is a compact bar across the top: the toggle, Back and
// Forward, and "What you know (3 of 6)", which opens the whole sidebar below it; every page change
// folds it back, so the new passage starts near the top of the screen. A reload keeps the bar as
// the player left it (per tab and mystery, like SugarCube's own state), and whenever the clue list
// is shown its newest clue is in view. Only SugarCube's documented UIBar, Config and element ids.
import { element } from "./dom.js";
import { readStored, sessionKey, writeStored } from "./storage.js";

/** "What you know (3 of 6)": the compact bar's button, as the caption's heading says it. */
export function knowHeading(found: number, total: number): string {
  return total > 0 ? `What you know (${found} of ${Math.max(found, total)})` : "What you know";
}

/** The layout switch, the same as styles/sidebar.css's. */
export const NARROW_MEDIA = "screen and (max-width: 768px)";

type Layout = "narrow" | "wide";
/** Whether the bar is stowed, per layout: the player's choice on a desktop is not a phone's. */
type BarState = Partial<Record<Layout, boolean>>;

/** Stowed in `layout`? What the player left, else folded on a narrow screen and open on a wide one. */
export function stowedIn(saved: unknown, layout: Layout): boolean {
  const value = saved && typeof saved === "object" ? (saved as BarState)[layout] : undefined;
  return typeof value === "boolean" ? value : layout === "narrow";
}

/** Scrolls the clue list to its end; with `intoView`, the window too, so its newest clue shows. */
function showNewest(intoView: boolean): void {
  const list = document.querySelector<HTMLElement>("#story-caption .what-you-know ol");
  if (!list) return;
  list.scrollTop = list.scrollHeight;
  const newest = list.lastElementChild;
  if (intoView && newest && typeof newest.scrollIntoView === "function") newest.scrollIntoView({ block: "nearest" });
}

/** Sets the sidebar up; called once from the Story JavaScript, before the first passage. */
export function installSidebar(ifid: string): void {
  const query = typeof window.matchMedia === "function" ? window.matchMedia(NARROW_MEDIA) : undefined;
  const layout = (): Layout => (query?.matches ? "narrow" : "wide");
  const key = sessionKey(ifid, "bar");
  Config.ui.stowBarInitially = stowedIn(readStored("sessionStorage", key), layout());

  const count = element("button", { id: "clue-count", type: "button", "aria-controls": "ui-bar-body" });
  count.addEventListener("click", () => void (UIBar.isStowed() ? UIBar.unstow() : UIBar.stow()));
  const showState = () => count.setAttribute("aria-expanded", String(!UIBar.isStowed()));

  let started = false;
  // A page change on a narrow screen folds the bar (not the first page after a load: a reload
  // keeps what the player left).
  jQuery(document).on(":passagestart", () => {
    if (started && layout() === "narrow" && !UIBar.isStowed()) UIBar.stow(true);
  });
  jQuery(document).on(":passageend", () => {
    if (!started) {
      started = true;
      document.getElementById("ui-bar-tray")?.append(count);
      const bar = document.getElementById("ui-bar");
      let wasStowed = UIBar.isStowed();
      if (bar) {
        new MutationObserver(() => {
          const stowed = UIBar.isStowed();
          if (stowed === wasStowed) return;
          wasStowed = stowed;
          const saved = readStored("sessionStorage", key);
          writeStored("sessionStorage", key, {
            ...(saved && typeof saved === "object" ? saved : {}),
            [layout()]: stowed,
          });
          showState();
          if (stowed) return;
          // Opened: the bar starts at the top of the page, and the list at its newest clue.
          if (layout() === "narrow") window.scroll(0, 0);
          showNewest(true);
        }).observe(bar, { attributes: true, attributeFilter: ["class"] });
      }
      // Into or out of the narrow layout (a window resized, zoom): the bar the player left there.
      query?.addEventListener?.("change", () => {
        const stowed = stowedIn(readStored("sessionStorage", key), layout());
        if (stowed !== UIBar.isStowed()) void (stowed ? UIBar.stow(true) : UIBar.unstow(true));
      });
    }
    count.textContent = knowHeading(setup.clues.list().length, setup.clues.total);
    showState();
    // SugarCube draws the caption afresh on every page change, scrolled to its top.
    showNewest(false);
  });
}
