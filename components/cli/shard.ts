// --shard I/N: the I-th of N slices of the inputs, the same on every machine given the same inputs, so any job
// runner can split a collection with no coordinator. Inputs are sorted by path (code units, not locale), then
// dealt out in turn: shard I takes sorted positions I-1, I-1+N, I-1+2N, …, so shards differ by at most one input.

export interface Shard {
  /** 1-based. */
  readonly index: number;
  readonly count: number;
}

export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const [index, count] = match ? [Number(match[1]), Number(match[2])] : [Number.NaN, Number.NaN];
  if (!(count >= 1 && index >= 1 && index <= count && Number.isSafeInteger(count)))
    throw new RangeError(`--shard must be I/N with 1 ≤ I ≤ N, such as 2/8, got "${text}"`);
  return { index, count };
}

/** The items of `shard`, in their original order; `key` gives each item's path. */
export function selectShard<T>(items: readonly T[], shard: Shard, key: (item: T) => string): T[] {
  const order = items.map((item, position) => ({ path: key(item), position }));
  order.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.position - b.position));
  const chosen = new Set<number>();
  for (let rank = shard.index - 1; rank < order.length; rank += shard.count) chosen.add(order[rank]!.position);
  return items.filter((_, position) => chosen.has(position));
}

export function shardLabel({ index, count }: Shard): string {
  return `${index}/${count}`;
}
