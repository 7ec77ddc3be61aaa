// One call into the page that plays passage after passage with Engine.play (each a page change,
// as a player's click is) and, right after each, measures what the layout and accessibility
// checks read: widths, the sidebar's controls, the scrolling boxes, focus, the live region, where
// the passage's first line is, and axe-core's findings for it. One evaluate per window size,
// instead of a round trip (or a reload) per passage, is what keeps the sweep of every passage of
// both mysteries, on both engines and at every size, within the test budget.
import type { Page } from "playwright-core";
import { LONG_ANSWER, type StoryInventory } from "./a11y.js";

/** What the checks read from the page after one page change (or after a resize: `passage` is then
 *  the one shown before). */
export interface PassageReport {
  readonly passage: string;
  /** The document's scroll width and the window's size. */
  readonly documentWidth: number;
  readonly viewportWidth: number;
  readonly viewportHeight: number;
  /** Passage elements that reach past the window's right edge (tag.class: right edge). */
  readonly sticksOut: string[];
  /** The sidebar's controls that should be in view (selector → "ok" or what is wrong). */
  readonly controls: Record<string, string>;
  /** Boxes that scroll, in the passage and the sidebar, and whether each can be reached. */
  readonly scrollBoxes: { what: string; tabindex: string | null; name: string | null; role: string | null }[];
  /** Whether something is laid over the passage's top left corner or the middle of its part in view. */
  readonly passageCovered: boolean;
  /** The top of the passage's first line of text (or first picture or field), from the window's top. */
  readonly firstLineTop: number | null;
  /** The element focused after the page change. */
  readonly focused: string;
  /** What the clue announcer says. */
  readonly announced: string;
  /** What the page holds, for choosing screenshots and the light-theme set. */
  readonly features: string[];
  /** The passages its links go to. */
  readonly links: string[];
  /** The tallest code listing's scroll height, in pixels. */
  readonly tallestListing: number;
  /** The page's background colour (which theme is showing). */
  readonly background: string;
  /** axe's serious and critical violations, one line each. */
  readonly axe: string[];
}

export interface SweepOptions {
  /** Passages to play, each with the rest of the story behind it; none: report the one shown. */
  readonly passages?: readonly string[];
  readonly inventory?: StoryInventory;
  /** The sidebar's controls that must be in view. */
  readonly controls: readonly string[];
  /** axe on each passage: the parts of the page and the rules (all when undefined); none: no axe. */
  readonly axe?: { readonly parts?: readonly string[]; readonly rules?: readonly string[] };
  /** axe on the whole document, every rule, for the first passage played. */
  readonly wholeFirst?: boolean;
  /** Open the sidebar before the first page change, which must fold it again on a narrow screen. */
  readonly openBarFirst?: boolean;
  /** Start from an empty history, so no link looks visited yet (State.reset, as tests/harness does). */
  readonly forgetVisits?: boolean;
  /** The clue list must show at least its first line (a wide screen's open sidebar). */
  readonly clueList?: boolean;
  /** Run axe only on the boxes that scroll (none: no run): for SIZE_DEPENDENT_RULES, which look
   *  at nothing else (the same answers, for a fraction of the time). */
  readonly axeOnlyWhereBoxesScroll?: boolean;
}

type Passage = { readonly passage: string; readonly known: string[] };

/** Plays and measures in the page (see the top of this file); returns one report per passage. */
export function sweep(page: Page, options: SweepOptions): Promise<PassageReport[]> {
  const inv = options.inventory;
  const all = inv?.pages.flatMap((p) => p.clues) ?? [];
  const plays: Passage[] = (options.passages ?? []).map((passage) => {
    const own = inv?.pages.find((p) => p.name === passage)?.clues ?? [];
    return { passage, known: all.filter((c) => !own.includes(c)) };
  });
  return page.evaluate(inPage, {
    plays: options.passages ? plays : null,
    variables: inv?.variables ?? [],
    answer: LONG_ANSWER,
    controls: [...options.controls],
    axe: options.axe
      ? {
          parts: options.axe.parts ? [...options.axe.parts] : null,
          rules: options.axe.rules ? [...options.axe.rules] : null,
        }
      : null,
    wholeFirst: options.wholeFirst ?? false,
    openBarFirst: options.openBarFirst ?? false,
    forgetVisits: options.forgetVisits ?? false,
    clueList: options.clueList ?? false,
    axeOnlyWhereBoxesScroll: options.axeOnlyWhereBoxesScroll ?? false,
  });
}

interface InPageArgs {
  plays: Passage[] | null;
  variables: string[];
  answer: string;
  controls: string[];
  axe: { parts: string[] | null; rules: string[] | null } | null;
  wholeFirst: boolean;
  openBarFirst: boolean;
  forgetVisits: boolean;
  clueList: boolean;
  axeOnlyWhereBoxesScroll: boolean;
}

/** Runs in the page: serialised by Playwright, so everything it uses is inside it. */
async function inPage(args: InPageArgs): Promise<PassageReport[]> {
  type AxeResults = {
    violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
  };
  const w = window as unknown as {
    axe?: { run(ctx: unknown, opts: object): Promise<AxeResults> };
    SugarCube: {
      State: { passage: string; variables: Record<string, unknown>; reset(): void };
      Engine: { play(n: string): unknown };
      UIBar: { unstow(noAnimation?: boolean): unknown };
      setup: { clues: { init(): void; add(c: string): boolean } };
    };
  };
  const sc = w.SugarCube;
  const describe = (el: Element) =>
    el.tagName.toLowerCase() +
    (el.id ? `#${el.id}` : "") +
    (typeof el.className === "string" && el.className ? `.${el.className.trim().split(/\s+/).join(".")}` : "");

  const boxesThatScroll = () =>
    Array.from(document.querySelectorAll<HTMLElement>("#passages *")).filter((el) => {
      if (el.scrollHeight <= el.clientHeight && el.scrollWidth <= el.clientWidth) return false;
      const s = getComputedStyle(el);
      return /auto|scroll/.test(s.overflowX + s.overflowY);
    });
  const axeRun = async (whole: boolean): Promise<string[]> => {
    if (!args.axe || !w.axe) return [];
    const rules = whole ? null : args.axe.rules;
    let context: unknown = whole || !args.axe.parts ? document : { include: args.axe.parts.map((p) => [p]) };
    if (!whole && args.axeOnlyWhereBoxesScroll) {
      const boxes = boxesThatScroll();
      if (boxes.length === 0) return [];
      context = { include: boxes };
    }
    const { violations } = await w.axe.run(context, {
      resultTypes: ["violations"],
      ...(rules ? { runOnly: { type: "rule", values: rules } } : {}),
    });
    return violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help}: ${JSON.stringify(n.target)}`));
  };

  const firstLineTop = (view: Element): number | null => {
    const walker = document.createTreeWalker(view, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const visual = n.nodeType === Node.ELEMENT_NODE && /^(IMG|INPUT|TEXTAREA|BUTTON)$/.test((n as Element).tagName);
      if (!visual && (n.nodeType !== Node.TEXT_NODE || !(n.nodeValue ?? "").trim())) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      const rect = visual
        ? (n as Element).getBoundingClientRect()
        : Array.from(range.getClientRects()).find((r) => r.width > 0 && r.height > 0);
      if (rect && rect.height > 0) return Math.round(rect.top);
    }
    return null;
  };

  const measure = async (whole: boolean): Promise<PassageReport> => {
    const view = document.querySelector<HTMLElement>("#passages .passage")!;
    const width = window.innerWidth;
    const sticksOut: string[] = [];
    for (const el of Array.from(view.querySelectorAll("*"))) {
      // Content clipped inside a scrolling box is not on the page; the box itself is checked.
      if (el.parentElement?.closest("pre")) continue;
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > width + 0.5) sticksOut.push(`${describe(el)}: ${Math.round(r.right)}px`);
    }
    const visible = (el: Element | null): string => {
      if (!el) return "missing";
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) return "not shown";
      if (r.top < 0 || r.left < 0 || r.bottom > window.innerHeight || r.right > width)
        return `out of view (${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)})`;
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return hit && (hit === el || el.contains(hit)) ? "ok" : `covered by ${hit ? describe(hit) : "nothing"}`;
    };
    const controls: Record<string, string> = {};
    for (const selector of args.controls) {
      const found = Array.from(document.querySelectorAll(selector));
      if (found.length === 0) controls[selector] = "missing";
      for (const [i, el] of found.entries())
        controls[found.length > 1 ? `${selector} ${i + 1} (${el.textContent?.trim()})` : selector] = visible(el);
    }
    const list = document.querySelector("#story-caption .what-you-know ol");
    if (args.clueList && list) {
      const r = list.getBoundingClientRect();
      controls["clue list"] =
        r.height > 0 && r.top >= 0 && r.top + 16 <= window.innerHeight
          ? "ok"
          : `out of view (top ${Math.round(r.top)}, height ${Math.round(r.height)})`;
    }
    const scrolls = (el: HTMLElement) => {
      const s = getComputedStyle(el);
      return (
        /auto|scroll/.test(s.overflowX + s.overflowY) &&
        (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)
      );
    };
    const scrollBoxes = Array.from(document.querySelectorAll<HTMLElement>("#passages .passage *, #ui-bar *"))
      .filter(scrolls)
      .map((el) => ({
        what: describe(el),
        tabindex: el.getAttribute("tabindex"),
        name: el.getAttribute("aria-label"),
        role: el.getAttribute("role"),
      }));
    const box = view.getBoundingClientRect();
    const top = Math.max(box.top, 0);
    const bottom = Math.min(box.bottom, window.innerHeight);
    const points: [number, number][] =
      bottom > top
        ? [
            [box.left + 2, top + 2],
            [(box.left + box.right) / 2, (top + bottom) / 2],
          ]
        : [];
    const passageCovered = points.some(([x, y]) => {
      const hit = document.elementFromPoint(x, y);
      return !(hit && (hit === view || view.contains(hit)));
    });
    const active = document.activeElement;
    const pres = Array.from(view.querySelectorAll<HTMLElement>("pre:not(.you-said-answer)"));
    const has = (selector: string, root: ParentNode = view) => root.querySelector(selector) !== null;
    const features = [
      has("form.ask") && "form",
      has("form.ask textarea") && "area",
      has(".newinfo") && "box",
      pres.length > 0 && "listing",
      has(".you-said") && "you-said",
      has("a.link-internal.link-visited") && "visited",
      has("a.link-internal:not(.link-visited)") && "unvisited",
      has("a.link-external") && "external",
      has("code") && "code",
      has("img") && "picture",
      has(".way-on", document) && "ending",
    ].filter((f): f is string => typeof f === "string");
    return {
      passage: sc.State.passage,
      documentWidth: document.documentElement.scrollWidth,
      viewportWidth: width,
      viewportHeight: window.innerHeight,
      sticksOut,
      controls,
      scrollBoxes,
      passageCovered,
      firstLineTop: firstLineTop(view),
      focused: active === view ? "the passage" : active ? describe(active) : "nothing",
      announced: document.getElementById("clue-announcer")?.textContent ?? "(no announcer)",
      features,
      links: Array.from(
        view.querySelectorAll("a.link-internal[data-passage]"),
        (a) => a.getAttribute("data-passage") ?? "",
      ),
      tallestListing: Math.max(0, ...pres.map((p) => p.scrollHeight)),
      background: getComputedStyle(document.body).backgroundColor,
      axe: await axeRun(whole),
    };
  };

  if (!args.plays) return [await measure(false)];
  if (args.openBarFirst) sc.UIBar.unstow(true);
  if (args.forgetVisits) sc.State.reset();
  const reports: PassageReport[] = [];
  for (const [i, { passage, known }] of args.plays.entries()) {
    for (const key of Object.keys(sc.State.variables)) delete sc.State.variables[key];
    sc.setup.clues.init();
    for (const clue of known) sc.setup.clues.add(clue);
    for (const v of args.variables) sc.State.variables[v] = args.answer;
    sc.Engine.play(passage);
    reports.push(await measure(args.wholeFirst && i === 0));
  }
  return reports;
}

/** What is wrong in a report, one line each ("passage: what"); `clues`: the new clues the page
 *  must announce (undefined: not a page change, nothing to check). */
export function problemsIn(r: PassageReport, clues: readonly string[] | undefined, how: string): string[] {
  const out: string[] = [];
  const at = (what: string) => out.push(`"${r.passage}"${how}: ${what}`);
  if (r.documentWidth > r.viewportWidth)
    at(`the page is ${r.documentWidth}px wide in a ${r.viewportWidth}px window (${r.sticksOut.join(", ") || "?"})`);
  for (const [control, state] of Object.entries(r.controls)) if (state !== "ok") at(`sidebar ${control}: ${state}`);
  if (r.passageCovered) at("the passage is covered (by the sidebar?)");
  if (r.firstLineTop === null || r.firstLineTop < 0 || r.firstLineTop > r.viewportHeight / 4) {
    at(`the first line starts ${r.firstLineTop}px down a ${r.viewportHeight}px window, not in its top quarter`);
  }
  for (const box of r.scrollBoxes) {
    if (box.tabindex !== "0") at(`${box.what} scrolls but the keyboard cannot reach it`);
    if (!box.name) at(`${box.what} scrolls but has no name`);
    if (box.what.startsWith("pre") && box.role !== "region") at(`${box.what} scrolls but is not a named region`);
  }
  if (r.focused !== "the passage") at(`focus is on ${r.focused}, not the new passage`);
  if (clues) {
    for (const c of clues)
      if (!r.announced.includes(`New information: ${c}.`))
        at(`the live region says ${JSON.stringify(r.announced)}, not the new clue ${JSON.stringify(c)}`);
    if (clues.length === 0 && r.announced !== "")
      at(`the live region says ${JSON.stringify(r.announced)} on a page with no new clue`);
  }
  for (const p of r.axe) at(`axe: ${p}`);
  return out;
}

/** Passages that together hold every kind of element the reports saw (features), in order. */
export function covering(reports: readonly PassageReport[]): string[] {
  const chosen: string[] = [];
  const covered = new Set<string>();
  for (const r of reports) {
    if (!r.features.some((f) => !covered.has(f))) continue;
    chosen.push(r.passage);
    for (const f of r.features) covered.add(f);
  }
  return chosen;
}
