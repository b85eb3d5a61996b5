/** How people are named across the privacy views (boxes, table, sweep): P1, P2, … in the check's order. */
export const personLabel = (i: number) => `P${i + 1}`;
