// Playing like a person, beyond clicking links: the ask forms, what they echo back, and
// waiting out SugarCube's deferred actions.
import type { Player } from "./player.js";

export type AnswerField = HTMLInputElement | HTMLTextAreaElement;

/** One `<<ask>>` / `<<ask-area>>` form as rendered. */
export interface AskForm {
  readonly form: HTMLFormElement;
  /** The passage the form goes to (its data-passage-target). */
  readonly target: string;
  readonly multiline: boolean;
  readonly field: AnswerField | null;
  readonly label: HTMLLabelElement | null;
  readonly submit: HTMLButtonElement | null;
  readonly dontKnow: HTMLButtonElement | null;
}

/** The ask forms in the shown passage, in page order. */
export function askForms(player: Player): AskForm[] {
  return Array.from(player.view().querySelectorAll<HTMLFormElement>("form.ask"), (form) => ({
    form,
    target: form.dataset.passageTarget ?? "",
    multiline: form.classList.contains("ask-area"),
    field: form.querySelector<AnswerField>("textarea, input[type=text]"),
    label: form.querySelector("label"),
    submit: form.querySelector<HTMLButtonElement>("button.ask-submit"),
    dontKnow: form.querySelector<HTMLButtonElement>("button.ask-dont-know"),
  }));
}

/** Types into a text box or text area, replacing what was there. */
export function type(player: Player, field: AnswerField, text: string): void {
  field.focus();
  field.value = text;
  field.dispatchEvent(new player.window.Event("input", { bubbles: true }));
}

/** Presses Enter (with Ctrl when asked) in a field. */
export function pressEnter(player: Player, field: Element, options: { ctrl?: boolean } = {}): void {
  const init = { key: "Enter", code: "Enter", ctrlKey: !!options.ctrl, bubbles: true, cancelable: true };
  field.dispatchEvent(new player.window.KeyboardEvent("keydown", init));
  field.dispatchEvent(new player.window.KeyboardEvent("keyup", init));
}

/** The `<<you-said>>` echoes in the shown passage: each echo's element and the element holding
 *  the answer (a `strong` for one line, a `pre` block for several). */
export function youSaid(player: Player): { box: HTMLElement; answer: HTMLElement | null }[] {
  return Array.from(player.view().querySelectorAll<HTMLElement>(".you-said"), (box) => ({
    box,
    answer: box.querySelector<HTMLElement>(".you-said-answer"),
  }));
}

/** The tag names of every element in the shown passage, sorted: two renders with the same
 *  elements give the same list, whatever the text. */
export function elementTags(player: Player): string[] {
  return Array.from(player.view().querySelectorAll("*"), (el) => el.tagName.toLowerCase()).sort();
}

/** Waits until SugarCube's deferred actions (`<<goto>>`, link effects: Engine.minDomActionDelay)
 *  have run, using the page's own timers so they fire first. */
export function settle(player: Player): Promise<void> {
  const delay = (player.sugarcube.Engine as unknown as { minDomActionDelay?: number }).minDomActionDelay ?? 40;
  return new Promise((resolve) => player.window.setTimeout(resolve, delay + 1));
}

/** Records the title of every passage the engine plays from now on, until stopped. */
export function recordPlays(player: Player): { readonly titles: string[]; stop(): void } {
  const $ = (player.window as unknown as { jQuery: JQueryStatic }).jQuery;
  const titles: string[] = [];
  const handler = (event: JQuery.TriggeredEvent & { passage?: { title: string } }) => {
    titles.push(event.passage?.title ?? "?");
  };
  $(player.document).on(":passagestart", handler);
  return { titles, stop: () => void $(player.document).off(":passagestart", handler) };
}

/**
 * Goes on to `target` like a player: clicks the shown page's link to it, or else answers its form
 * that goes there (typing `answer`, then Submit). What it used; "none" when the page offers neither.
 */
export function goOn(
  player: Player,
  target: string,
  answer = `my answer in ${player.passage()}`,
): "link" | "form" | "none" {
  const link = player.links().find((l) => l.target === target);
  if (link) {
    player.click(link.element);
    return "link";
  }
  const form = askForms(player).find((f) => f.target === target);
  if (!form?.field || !form.submit) return "none";
  type(player, form.field, answer);
  player.click(form.submit);
  return "form";
}
