// Answering a mystery's ask / ask-area forms in jsdom, for forms.test.ts: a form opened on its
// page, and on each form a harmless answer and every payload of typed markup submitted, with what
// the next page showed and what happened by itself afterwards.
import { expect } from "vitest";
import { askForms, elementTags, recordPlays, settle, type, youSaid } from "../harness/play.js";
import type { Player } from "../harness/player.js";

export const PAYLOADS = [
  `<img src=x onerror="window.__pwned=1">`,
  `<script>window.__pwned=1</script>`,
  `<<run window.__pwned = 1>>`,
  `<<goto "Epilogue">>`,
  `[[Epilogue]]`,
  `<b>bold</b>`,
  `$curl_cmd _x @@color:red;x@@ //i//`,
];

export interface FormInfo {
  readonly passage: string;
  readonly index: number;
  readonly target: string;
  readonly multiline: boolean;
}

export const pwned = (player: Player) => (player.window as unknown as { __pwned?: unknown }).__pwned;

/** Shows the form's page as a fresh visit and returns the form. */
export function openForm(player: Player, info: FormInfo, options: { keepVariables?: boolean } = {}) {
  player.errors.length = 0;
  if (options.keepVariables) player.go(info.passage);
  else player.fresh(info.passage);
  const form = askForms(player)[info.index];
  expect(form, `form ${info.index + 1} in "${info.passage}"`).toBeDefined();
  expect(form!.field, `the text field of the form in "${info.passage}"`).not.toBeNull();
  return { ...form!, field: form!.field! };
}

/** What the player saw after submitting one payload, and what happened by itself after a pause. */
export interface Outcome {
  readonly passage: string;
  readonly said: { text: string | null; inside: number; elements: number }[];
  readonly links: string[];
  readonly tags: string[];
  readonly errorViews: string[];
  readonly errors: string[];
  readonly pwned: boolean;
  readonly later: string[];
}

export const clearPwned = (player: Player) => void delete (player.window as unknown as { __pwned?: unknown }).__pwned;

/** Submits `payload` on a fresh visit of the form's page and records what the next page shows. */
function submitted(player: Player, info: FormInfo, payload: string): Outcome {
  clearPwned(player);
  const form = openForm(player, info);
  type(player, form.field, payload);
  player.click(form.submit!);
  return {
    passage: player.passage(),
    said: youSaid(player).map(({ box, answer }) => ({
      text: answer?.textContent ?? null,
      inside: answer?.childElementCount ?? -1,
      elements: box.childElementCount,
    })),
    links: player.links().map((l) => l.target),
    tags: elementTags(player),
    errorViews: player.errorViews(),
    errors: [...player.errors],
    pwned: pwned(player) !== undefined,
    later: [],
  };
}

/** What a form's target page showed for a harmless answer, and for each payload. */
export interface Submissions {
  readonly baseline: { tags: string[]; links: string[] };
  readonly outcomes: Map<string, Outcome>;
}

/**
 * On each form in turn, submits a harmless answer (the page to compare with) and then every
 * payload; then waits once for SugarCube's deferred actions (a <<goto>> runs after
 * Engine.minDomActionDelay). All the submissions run in one synchronous stretch, so nothing
 * deferred can run between them, and one wait serves every form. If anything happened
 * afterwards, each payload is tried again alone, with its own wait, to tell which one did it.
 * A form that could not be used gets its error, for its own tests to report.
 */
export async function submitAll(
  player: Player,
  forms: readonly FormInfo[],
): Promise<Map<FormInfo, Submissions | { error: unknown }>> {
  const plays = recordPlays(player);
  try {
    const results = new Map<FormInfo, Submissions | { error: unknown }>();
    for (const info of forms) {
      try {
        const form = openForm(player, info);
        type(player, form.field, "harmless");
        player.click(form.submit!);
        const baseline = { tags: elementTags(player), links: player.links().map((l) => l.target) };
        const outcomes = new Map(PAYLOADS.map((payload) => [payload, submitted(player, info, payload)]));
        results.set(info, { baseline, outcomes });
      } catch (error) {
        results.set(info, { error });
      }
    }
    const [played, errors] = [plays.titles.length, player.errors.length];
    await settle(player);
    if (plays.titles.length === played && player.errors.length === errors && pwned(player) === undefined) {
      return results;
    }
    for (const [info, result] of results) {
      if ("error" in result) continue;
      for (const payload of PAYLOADS) {
        const outcome = submitted(player, info, payload);
        const mark = plays.titles.length;
        await settle(player);
        result.outcomes.set(payload, {
          ...outcome,
          later: plays.titles.slice(mark),
          pwned: outcome.pwned || pwned(player) !== undefined,
          errors: [...player.errors],
        });
      }
    }
    return results;
  } finally {
    plays.stop();
  }
}
