// A "Copy listing" button above each code listing in a passage (not above the player's own
// answers): keyboard reachable, and what it did is said in a polite live region. The clipboard API
// first; where a browser refuses it (a file:// page, an old browser), the listing is selected and
// copied the old way, or left selected for Ctrl+C.
import { element } from "./dom.js";

/** The listings that get a button: a passage's `pre`, but not a <<you-said>> echo. */
const LISTINGS = "#passages .passage pre:not(.you-said-answer)";

function selectAll(box: HTMLElement): void {
  const range = document.createRange();
  range.selectNodeContents(box);
  const selection = window.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
}

async function copy(box: HTMLElement): Promise<string> {
  const text = box.textContent ?? "";
  try {
    await navigator.clipboard.writeText(text);
    return "Listing copied.";
  } catch {
    selectAll(box);
    let copied = false;
    try {
      copied = document.execCommand("copy");
    } catch {
      copied = false;
    }
    return copied ? "Listing copied." : "The listing is selected: press Ctrl+C (or ⌘C) to copy it.";
  }
}

/** Sets the buttons up; called once from the Story JavaScript, before the first passage. */
export function installCopyButtons(): void {
  const status = element("div", { id: "copy-status", class: "visually-hidden", role: "status", "aria-live": "polite" });
  document.body.append(status);
  jQuery(document).on(":passageend", () => {
    status.textContent = "";
    for (const box of Array.from(document.querySelectorAll<HTMLElement>(LISTINGS))) {
      if (box.previousElementSibling?.classList.contains("listing-tools")) continue;
      const button = element("button", { type: "button", class: "copy-listing" }, "Copy listing");
      button.addEventListener("click", () => {
        void copy(box).then((said) => {
          status.textContent = said;
          button.textContent = said === "Listing copied." ? "Copied" : "Selected";
        });
      });
      box.before(element("div", { class: "listing-tools", "data-story-ui": "" }, button));
    }
  });
}
