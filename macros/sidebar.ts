// How the sidebar behaves (its look is styles/sidebar.css): open from the start at every width,
// since on a phone it is a bar above the passage and the toggle still closes it; and the "What
// you know" list, which scrolls in its own box once it is long, shows its newest clues.

/** Sets the sidebar up; called once from the Story JavaScript, before the first passage. */
export function installSidebar(): void {
  Config.ui.stowBarInitially = false;
  // SugarCube renders the caption afresh on every page change (scrolled to its top): show the end
  // of the list, where the clue just found is.
  jQuery(document).on(":passageend", () => {
    const list = document.querySelector("#story-caption .what-you-know ol");
    if (list) list.scrollTop = list.scrollHeight;
  });
}
