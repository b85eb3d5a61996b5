/** A share (0–1) as a percentage: whole by default ("16%"), or with `digits` decimals ("15.8%"). */
export function percent(share: number, digits = 0): string {
  return `${(100 * share).toFixed(digits)}%`;
}
