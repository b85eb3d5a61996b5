// Optimal one-to-one matching of rows to columns (Hungarian method), for pairing people between frames.

/**
 * The set of (row, column) pairs, each row and each column used at most once, that maximises the total
 * weight, using only pairs of positive weight (a weight ≤ 0 means "may not be paired"). `weights` is a
 * rows × columns matrix of finite numbers. O(n³) for n = max(rows, columns). Pairs come sorted by row.
 */
export function maxWeightMatching(weights: readonly (readonly number[])[]): Array<[number, number]> {
  const rows = weights.length;
  const columns = rows ? weights[0]!.length : 0;
  for (const [r, row] of weights.entries()) {
    if (row.length !== columns) throw new RangeError(`row ${r} has ${row.length} weights, expected ${columns}`);
    for (const w of row) if (!Number.isFinite(w)) throw new RangeError(`weights must be finite numbers, got ${w}`);
  }
  if (rows === 0 || columns === 0) return [];
  // Square cost matrix: forbidden and padding cells cost as much as the largest weight gives up.
  const n = Math.max(rows, columns);
  let top = 0;
  for (const row of weights) for (const w of row) top = Math.max(top, w);
  const cost = (i: number, j: number): number => {
    const w = i < rows && j < columns ? weights[i]![j]! : 0;
    return top - Math.max(0, w);
  };
  // Shortest augmenting paths with potentials (1-indexed; column 0 is a sentinel).
  const u = new Float64Array(n + 1);
  const v = new Float64Array(n + 1);
  const rowOf = new Int32Array(n + 1);
  const way = new Int32Array(n + 1);
  for (let i = 1; i <= n; i++) {
    rowOf[0] = i;
    let j0 = 0;
    const minv = new Float64Array(n + 1).fill(Number.POSITIVE_INFINITY);
    const used = new Uint8Array(n + 1);
    do {
      used[j0] = 1;
      const i0 = rowOf[j0]!;
      let delta = Number.POSITIVE_INFINITY;
      let j1 = 0;
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue;
        const reduced = cost(i0 - 1, j - 1) - u[i0]! - v[j]!;
        if (reduced < minv[j]!) {
          minv[j] = reduced;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= n; j++) {
        if (used[j]) {
          u[rowOf[j]!]! += delta;
          v[j]! -= delta;
        } else minv[j]! -= delta;
      }
      j0 = j1;
    } while (rowOf[j0] !== 0);
    do {
      const j1 = way[j0]!;
      rowOf[j0] = rowOf[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  const pairs: Array<[number, number]> = [];
  for (let j = 1; j <= n; j++) {
    const i = rowOf[j]! - 1;
    if (i < rows && j - 1 < columns && weights[i]![j - 1]! > 0) pairs.push([i, j - 1]);
  }
  return pairs.sort((a, b) => a[0] - b[0]);
}
