import type { MacroDefinition } from "./define.js";
import { element } from "./dom.js";

/** `<<you-said "label" $answer>>`: echoes the player's answer as plain text. */
export const youSaid: MacroDefinition<[label: string, answer: string | undefined]> = {
  spec: {
    name: "you-said",
    description:
      "Shows the label and what the player typed into an earlier ask/ask-area, as plain text (never as markup): one line in quotes, several lines as a monospace block. Shows nothing when the answer is empty or was never given.",
    params: [
      { name: "label", kind: "text", description: "Text shown before the answer." },
      {
        name: "answer",
        kind: "answer",
        description: "The story variable the ask macro stored the answer in (unquoted).",
      },
    ],
    container: false,
    example: '<<you-said "The curl command you want to run:" $curl_cmd>>',
  },
  render(output, [label, answer]) {
    if (answer === undefined || answer.trim() === "") return;
    if (answer.includes("\n")) {
      // Several lines (pasted output, most often): a monospace block, as the original showed them.
      output.append(
        element(
          "div",
          { class: "you-said you-said-block" },
          element("p", {}, label),
          element("pre", { class: "you-said-answer" }, answer),
        ),
      );
      return;
    }
    output.append(
      element("p", { class: "you-said" }, `${label} "`, element("strong", { class: "you-said-answer" }, answer), '".'),
    );
  },
};
