// The one table of HTML escapes, and its readers back.
import { describe, expect, it } from "vitest";
import {
  decodeEntities,
  escapeAttr,
  escapeAttrIn,
  escapeHtml,
  unescapeHtml,
  unescapeJs,
} from "../../build/shared/escapes.js";

describe("escapes", () => {
  const text = `a & b < c > d "e" 'f'`;

  it("escapes the five characters as tweego and Twine's publish write them", () => {
    expect(escapeHtml(text)).toBe("a &amp; b &lt; c &gt; d &quot;e&quot; &#39;f&#39;");
    expect(escapeAttr(text)).toBe("a &amp; b < c > d &quot;e&quot; &#39;f&#39;");
    expect(escapeAttrIn(text, "'")).toBe(`a &amp; b < c > d "e" &#39;f&#39;`);
    expect(escapeAttrIn(text, '"')).toBe("a &amp; b < c > d &quot;e&quot; 'f'");
  });

  it("reads its own escapes back exactly, and refuses any other reference", () => {
    expect(unescapeHtml(escapeHtml(text))).toBe(text);
    expect(unescapeHtml("a &nbsp; b")).toBeNull();
    expect(unescapeHtml("a & b")).toBeNull();
  });

  it("decodes numeric and common named references, any case", () => {
    expect(decodeEntities("&#65;&#x42;&AMP;&lt;&apos;&nbsp;&unknown;")).toBe("AB&<'\u00a0&unknown;");
    expect(unescapeJs(String.raw`a\n\x41\u0042\u{43}\'`)).toBe("a\nABC'");
  });
});
