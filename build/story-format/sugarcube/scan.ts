// A SugarCube passage read once per text (links.ts does the reading), with the passage arguments of
// our macros added in text order when their specs' roles are given. Pure, but for a cache.
import type { MacroRoles } from "../macro-roles.js";
import type { PassageLink, Scan } from "../reading.js";
import { ourMacroLinks, readPassage } from "./links.js";

/**
 * Scans by text: a build's lint and its index page's word count read the same passages. Cleared
 * when it grows large (a long `npm run dev`). A long text is not a key itself: V8 hashes a
 * string of over 16,383 characters by its length alone, so a story's many long listings of one
 * length would be compared in full at every look-up; its length and a sample of its characters
 * are the key instead. One text per key: another with the same key (an edit the sample misses)
 * replaces it, so a long dev session never keeps old versions of a passage.
 */
const scans = new Map<string, { readonly text: string; readonly scan: Scan }>();
const MAX_SCANS = 50_000;
const SAMPLES = 64;

function scanKey(text: string): string {
  if (text.length <= 1024) return text;
  let key = `${text.length}:`;
  const step = text.length / SAMPLES;
  for (let i = 0; i < SAMPLES; i++) key += text[Math.floor(i * step)];
  return key + text.slice(-SAMPLES);
}

function sugarcubeScan(text: string): Scan {
  const key = scanKey(text);
  const known = scans.get(key);
  if (known?.text === text) return known.scan;
  if (scans.size >= MAX_SCANS) scans.clear();
  const scan = readPassage(text);
  scans.set(key, { text, scan });
  return scan;
}

/**
 * Every passage reference, macro tag and naked variable in a passage's text, in text order, with
 * offsets; with `roles` (macroRoles of our macros' specs), the passages our macros go to as well.
 */
export function scanPassage(text: string, roles?: MacroRoles): Scan {
  const scan = sugarcubeScan(text);
  if (!roles) return scan;
  const ours = ourMacroLinks(text, scan, roles);
  if (ours.length === 0) return scan;
  const links = [...scan.links, ...ours].sort((a, b) => a.offset - b.offset);
  return { ...scan, links };
}

/** Every passage reference in a passage's text, in text order. */
export function passageLinks(text: string, roles?: MacroRoles): PassageLink[] {
  return scanPassage(text, roles).links.map(({ offset: _, markupEnd: _end, ...link }) => link);
}
