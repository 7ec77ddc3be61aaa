// The widgets "The Case of the 50ms Request" was written with, as Julia Evans published them
// (tests/seed/, its widget passage): the set `npm run import -- <file> --new` recognises and
// moves onto our typed macros (migrate-widgets.ts). Compared by shape (whitespace aside), so a
// copy re-typed with other line breaks is still recognised; any other difference is not.

/** Widget name → its body as published. */
export const ORIGINAL_WIDGETS: Readonly<Record<string, string>> = {
  newinfo:
    ' <<if !$knowledge.has($args[0])>> <div class="newinfo"> <h2> you\'ve found new information!! </h2> <<run $knowledge.add($args[0])>> ' +
    '<p> Adding <strong>"<<print $args[0]>>"</strong> to your "What you know" list. </p> </div> <</if>> ',
  init: " <<if ndef $knowledge>> <<set $knowledge = new Set()>> <</if>> ",
  ask:
    ' <div style="margin-top: 3em;"> <<print $args[0]>> <<textbox $args[1] "" $args[2]>> <div style="display: flex; margin-top: .5em;"> ' +
    '<<link "Submit" $args[2]>><</link>> <<link "I don\'t know" $args[2]>><</link>> </div> </div> ',
  "ask-area":
    ' <div style="margin-top: 3em;"> <<print $args[0]>> <<textarea $args[1] "" $args[2]>> <div style="display: flex; margin-top: .5em;"> ' +
    '<<link "Submit" $args[2]>><</link>> <<link "I don\'t know" $args[2]>><</link>> </div> </div> ',
  "you-said": ' <p> <<if !$args[1] eq "">><<print $args[0]>> "<strong><<print $args[1]>></strong>".<</if>> </p> ',
};

/** The story variable the original widgets keep their clue list in (a Set): `init` sets it up, `newinfo` adds to it, StoryCaption lists it. */
export const ORIGINAL_CLUE_VARIABLE = "knowledge";

/** The widget that records clues; the clue list's set-up (`init`, its calls) goes with it, or stays with it. */
export const ORIGINAL_RECORDER = "newinfo";
export const ORIGINAL_SET_UP = "init";

/** A widget body's shape: whitespace runs as one space, none next to a tag's angle brackets. */
const widgetShape = (body: string): string =>
  body
    .replace(/\s+/g, " ")
    .replace(/ ?([<>]) ?/g, "$1")
    .trim();

/** Whether `body` is the original's widget `name`. */
export const isOriginalWidget = (name: string, body: string): boolean =>
  Object.hasOwn(ORIGINAL_WIDGETS, name) && widgetShape(body) === widgetShape(ORIGINAL_WIDGETS[name]!);
