// Small DOM builders. Text goes in with textContent only: author and player strings are never
// parsed as HTML or SugarCube markup here.

export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  el.append(...children); // strings become text nodes
  return el;
}
