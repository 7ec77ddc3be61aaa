import { type MacroDefinition, type MacroSpec, variableKey } from "./define.js";
import { element } from "./dom.js";

type AskArgs = [question: string, variable: string, passage: string];

const params: MacroSpec["params"] = [
  { name: "question", kind: "text", description: "The question, shown as the field's label." },
  { name: "$variable", kind: "variable-name", description: "Story variable that receives the answer, in quotes." },
  { name: "passage", kind: "passage", description: "Passage every choice goes to." },
];

let formCount = 0;

/** Stores the answer and moves on; "I don't know" stores an empty answer. */
function answer(variable: string, passage: string, text: string): void {
  (State.variables as Record<string, unknown>)[variableKey(variable)] = text;
  Engine.play(passage);
}

function askForm(multiline: boolean, [question, variable, passage]: AskArgs): HTMLFormElement {
  const id = `ask-${++formCount}`;
  const field = multiline
    ? element("textarea", { id, name: "answer", rows: "6", spellcheck: "false" })
    : element("input", { id, name: "answer", type: "text", autocomplete: "off", spellcheck: "false" });
  const form = element(
    "form",
    { class: multiline ? "ask ask-area" : "ask", "data-passage-target": passage },
    element("label", { for: id }, question),
    field,
    element(
      "div",
      { class: "ask-choices" },
      element("button", { type: "submit", class: "ask-submit" }, "Submit"),
      element("button", { type: "button", class: "ask-dont-know" }, "I don't know"),
    ),
  );
  let done = false; // one navigation per form, however fast the clicks
  const go = (text: string) => {
    if (done) return;
    done = true;
    answer(variable, passage, text);
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    go(field.value);
  });
  // Enter submits a text box; in a text area it is a newline and Ctrl/Cmd+Enter submits.
  field.addEventListener("keydown", (event) => {
    const e = event as KeyboardEvent;
    if (e.key !== "Enter" || e.isComposing) return;
    if (multiline && !(e.ctrlKey || e.metaKey)) return;
    e.preventDefault();
    go(field.value);
  });
  form.querySelector(".ask-dont-know")?.addEventListener("click", () => go(""));
  return form;
}

/** `<<ask "question" "$variable" "passage">>`: a one-line answer box. */
export const ask: MacroDefinition<AskArgs> = {
  spec: {
    name: "ask",
    description:
      'Asks the player a question: a labelled text box (Enter submits), a Submit button and an "I don\'t know" button. Every choice stores the answer (empty for "I don\'t know") in the variable and goes to the passage.',
    params,
    container: false,
    asks: true,
    example: '<<ask "What tcpdump command will show you packets on port 8000?" "$tcpdump_command" "tcpdump 2">>',
  },
  render: (output, args) => void output.append(askForm(false, args)),
};

/** `<<ask-area "question" "$variable" "passage">>`: the same with a multi-line text area. */
export const askArea: MacroDefinition<AskArgs> = {
  spec: {
    name: "ask-area",
    description:
      "Like ask, with a multi-line text area for longer answers (Enter adds a line; Ctrl+Enter or Submit sends).",
    params,
    container: false,
    asks: true,
    example:
      '<<ask-area "Which lines make the HTTP request and receive the response?" "$strace" "strace interpretation">>',
  },
  render: (output, args) => void output.append(askForm(true, args)),
};
