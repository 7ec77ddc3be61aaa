// Every ask / ask-area form of every mystery, found by rendering every page: it is labelled, each
// way of answering (Enter, Ctrl+Enter, Submit, "I don't know") goes to its passage, the next page
// echoes exactly what was typed, and typed markup stays text.
import { beforeAll, describe, expect, it } from "vitest";
import { mysteries, quickCheck } from "../harness/mysteries.js";
import { engineStoryPassageNames } from "../harness/passages.js";
import { askForms, elementTags, pressEnter, settle, type, youSaid } from "../harness/play.js";
import { type Player, sharedStory } from "../harness/player.js";
import { noteReached } from "../harness/coverage.js";
import { clearPwned, type FormInfo, openForm, PAYLOADS, pwned, type Submissions, submitAll } from "./form-answers.js";

// Collection time: open each mystery (the page this worker shares, see sharedStory), render
// every page and list its forms. The same players then run the tests.
const stories = await Promise.all(
  mysteries.map(async (mystery) => {
    const player = await sharedStory(mystery);
    const forms: FormInfo[] = [];
    for (const passage of engineStoryPassageNames(player)) {
      player.fresh(passage);
      for (const [index, f] of askForms(player).entries())
        forms.push({ passage, index, target: f.target, multiline: f.multiline });
    }
    return { mystery, player, forms };
  }),
);

/** What the ask macros do whatever the mystery (labels, keys, "I don't know", typed markup): npm test's
 *  checks, not npm run check's (not registered there). Where each form goes and what the next page
 *  echoes are the mystery's, and checked by both. */
const macroIt = quickCheck ? ((() => undefined) as unknown as typeof it) : it;

/** Checks the player is on the form's target, with no error, after `how`. */
function expectLanded(player: Player, info: FormInfo, how: string): void {
  expect(player.passage(), `${how} on the form in "${info.passage}"`).toBe(info.target);
  expect(player.errorViews(), `${how}: error boxes in "${info.target}"`).toEqual([]);
  expect(player.errors, `${how}: console errors`).toEqual([]);
}

/** Checks the target page echoes exactly `typed`, as text. */
function expectEcho(player: Player, info: FormInfo, typed: string, how: string): void {
  const said = youSaid(player);
  expect(said.length, `${how}: "${info.target}" shows one "you said"`).toBe(1);
  const { box, answer } = said[0]!;
  const lines = typed.includes("\n");
  expect(answer?.tagName, `${how}: the answer is ${lines ? "a monospace block" : "bold, in quotes"}`).toBe(
    lines ? "PRE" : "STRONG",
  );
  expect(answer!.textContent, `${how}: the answer shown in "${info.target}"`).toBe(typed);
  expect(answer!.childElementCount, `${how}: elements inside the answer`).toBe(0);
  expect(
    box.childElementCount,
    `${how}: elements in the "you said" echo (the answer${lines ? " and the label" : ""})`,
  ).toBe(lines ? 2 : 1);
}

/** A sample answer: several lines for a text area, one for a text box. */
const sample = (info: FormInfo, word: string) =>
  info.multiline ? `${word} line one\n  ${word} line two\n\n${word} line four` : `${word}: curl -d 'milk' http://x`;

for (const { mystery, player, forms } of stories) {
  describe(mystery, () => {
    // What each form's target shows for a harmless answer and for each payload: every form's
    // submissions at once, with one wait for deferred actions (see submitAll).
    let submissions: Map<FormInfo, Submissions | { error: unknown }>;
    beforeAll(async () => {
      if (!quickCheck) submissions = await submitAll(player, forms);
    });

    if (forms.length === 0) {
      it("has no ask forms, and no ask macro in its source", () => {
        const sources = player.sugarcube.Story.lookupWith(() => true).map((p) => p.text);
        expect(sources.filter((t) => /<<ask(-area)?\s/.test(t))).toEqual([]);
      });
    }

    describe.each(forms)("form in $passage → $target", (info) => {
      macroIt("is labelled, with Submit and I don't know buttons", () => {
        const form = openForm(player, info);
        const id = form.field.id;
        expect(id, "the field has an id").not.toBe("");
        expect(player.document.querySelectorAll(`[id="${id}"]`).length, `id "${id}" is unique`).toBe(1);
        expect(form.label, "the form has a label").not.toBeNull();
        expect(form.label!.htmlFor, "the label's for names the field").toBe(id);
        expect(form.label!.textContent?.trim(), "the label asks something").not.toBe("");
        expect(form.field.tagName, "the field").toBe(info.multiline ? "TEXTAREA" : "INPUT");
        expect(form.submit?.textContent?.trim(), "the Submit button").toBe("Submit");
        expect(form.submit?.type, "the Submit button submits the form").toBe("submit");
        expect(form.dontKnow?.textContent?.trim(), "the I don't know button").toBe("I don't know");
        expect(form.dontKnow?.type, "I don't know does not submit what was typed").toBe("button");
      });

      if (info.multiline) {
        macroIt("Enter alone adds a line; Ctrl+Enter sends every line", () => {
          const form = openForm(player, info);
          const typed = sample(info, "ctrl");
          type(player, form.field, typed);
          pressEnter(player, form.field);
          expect(player.passage(), "Enter alone in the text area").toBe(info.passage);
          pressEnter(player, form.field, { ctrl: true });
          expectLanded(player, info, "Ctrl+Enter");
          expectEcho(player, info, typed, "Ctrl+Enter");
          const answer = youSaid(player)[0]!.answer!;
          expect(player.window.getComputedStyle(answer).whiteSpace, "the answer keeps its lines").toBe("pre-wrap");
        });
      } else {
        macroIt("Enter in the text box sends what was typed", () => {
          const form = openForm(player, info);
          const typed = sample(info, "enter");
          type(player, form.field, typed);
          pressEnter(player, form.field);
          expectLanded(player, info, "Enter");
          expectEcho(player, info, typed, "Enter");
        });
      }

      it("Submit sends what was typed", ({ task }) => {
        const form = openForm(player, info);
        const typed = sample(info, "submit");
        type(player, form.field, typed);
        player.click(form.submit!);
        expectLanded(player, info, "Submit");
        expectEcho(player, info, typed, "Submit");
        noteReached(task, { mystery, forms: [[info.passage, info.target]] });
      });

      macroIt("I don't know sends no answer, even after typing or an earlier answer", () => {
        let form = openForm(player, info);
        type(player, form.field, sample(info, "typed then abandoned"));
        player.click(form.dontKnow!);
        expectLanded(player, info, "I don't know after typing");
        expect(youSaid(player).length, `"${info.target}" echoes nothing after I don't know`).toBe(0);

        form = openForm(player, info);
        const earlier = sample(info, "earlier");
        type(player, form.field, earlier);
        player.click(form.submit!);
        expectEcho(player, info, earlier, "the earlier answer");
        form = openForm(player, info, { keepVariables: true });
        type(player, form.field, sample(info, "changed my mind"));
        player.click(form.dontKnow!);
        expectLanded(player, info, "I don't know after an earlier answer");
        expect(youSaid(player).length, `"${info.target}" no longer echoes the earlier answer`).toBe(0);
      });

      it.each(quickCheck ? [] : PAYLOADS)("typed markup stays text: %s", (payload) => {
        // What the target shows for a harmless answer, to compare the payload's page with.
        const result = submissions.get(info)!;
        if ("error" in result) throw result.error;
        const { baseline, outcomes } = result;
        const o = outcomes.get(payload)!;
        expect(o.passage, `Submitting ${payload} on the form in "${info.passage}"`).toBe(info.target);
        expect(o.later, `${payload}: passages played by themselves afterwards`).toEqual([]);
        expect(o.said, `${payload}: the echo in "${info.target}" (text, elements inside)`).toEqual([
          { text: payload, inside: 0, elements: 1 },
        ]);
        expect(o.pwned, `${payload}: window.__pwned was set`).toBe(false);
        expect(o.links, `${payload}: links in "${info.target}"`).toEqual(baseline.links);
        expect(o.tags, `${payload}: elements in "${info.target}"`).toEqual(baseline.tags);
        expect(o.errorViews, `${payload}: error boxes`).toEqual([]);
        expect(o.errors, `${payload}: console errors`).toEqual([]);
      });
    });
  });
}

describe.each(quickCheck ? [] : ["50ms-request"])("%s: markup typed into the strace text area", () => {
  const story = stories.find((s) => s.mystery === "50ms-request");
  const typed = PAYLOADS.join("\n");

  it("stays text in strace interpretation, on arrival and on a later visit", async () => {
    expect(story, "the 50ms-request mystery").toBeDefined();
    const player = story!.player;
    const baseline = (passage: string) => {
      player.fresh(passage);
      return { tags: elementTags(player), links: player.links().map((l) => l.target) };
    };
    const plain = { strace: baseline("strace"), interpretation: baseline("strace interpretation") };

    const check = (when: string) => {
      expect(player.passage(), when).toBe("strace interpretation");
      const said = youSaid(player);
      expect(
        said.map((s) => s.answer?.textContent),
        `${when}: the answer shown`,
      ).toEqual([typed]);
      expect(said[0]!.answer!.childElementCount, `${when}: elements inside the answer`).toBe(0);
      // The echo of several lines adds a div, a p (the label) and a pre; the typed markup adds nothing.
      const expected = [...plain.interpretation.tags, "div", "p", "pre"].sort();
      expect(elementTags(player), `${when}: elements in the page`).toEqual(expected);
      expect(
        player.links().map((l) => l.target),
        `${when}: links`,
      ).toEqual(plain.interpretation.links);
      expect(pwned(player), `${when}: window.__pwned`).toBeUndefined();
      expect(player.errorViews(), `${when}: error boxes`).toEqual([]);
      expect(player.errors, `${when}: console errors`).toEqual([]);
    };

    clearPwned(player);
    player.errors.length = 0;
    player.fresh("strace");
    const area = askForms(player).find((f) => f.multiline);
    expect(area?.target, "strace's text area goes to").toBe("strace interpretation");
    type(player, area!.field!, typed);
    pressEnter(player, area!.field!, { ctrl: true });
    await settle(player);
    check("after Ctrl+Enter");

    player.go("Client");
    player.go("strace interpretation");
    await settle(player);
    check("visiting strace interpretation again");

    player.go("strace");
    await settle(player);
    expect(player.passage(), "back at strace").toBe("strace");
    expect(elementTags(player), "strace does not show the typed markup").toEqual(plain.strace.tags);
    expect(pwned(player), "window.__pwned").toBeUndefined();
  });
});
