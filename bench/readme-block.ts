// The README's generated block: the text between two HTML comments, replaced whole.
export const README_MARKERS = ["<!-- bench:start -->", "<!-- bench:end -->"] as const;

/** The text between the markers (trimmed), or an error naming the missing marker. */
export function between(text: string, [start, end]: readonly [string, string]): string {
  const from = text.indexOf(start);
  const to = text.indexOf(end, from);
  if (from < 0 || to < 0) throw new Error(`README.md has no "${from < 0 ? start : end}" marker`);
  return text.slice(from + start.length, to).trim();
}

/** `text` with the block between the markers replaced by `block`. */
export function replaceBetween(text: string, markers: readonly [string, string], block: string): string {
  const [start, end] = markers;
  between(text, markers); // both markers present
  const from = text.indexOf(start) + start.length;
  return `${text.slice(0, from)}\n\n${block}\n\n${text.slice(text.indexOf(end, from))}`;
}
