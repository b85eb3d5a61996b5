/** A model's entry in data/model-sizes.json (written by the data loader data/model-sizes.json.ts). */
export interface ModelSize {
  readonly id: string;
  readonly name: string;
  readonly licence: string;
  readonly weightBytes: number;
}

function findModel(sizes: readonly ModelSize[], id: string): ModelSize {
  const model = sizes.find((m) => m.id === id);
  if (!model)
    throw new Error(`data/model-sizes.json has no model "${id}" (it has ${sizes.map((m) => m.id).join(", ")})`);
  return model;
}

/** The weights' size of model `id` in megabytes, one decimal ("18.0"), as the pages state it. */
export function modelMegabytes(sizes: readonly ModelSize[], id: string): string {
  return modelsMegabytes(sizes, [id]);
}

/** The weights' size of several models together, in megabytes, one decimal. */
export function modelsMegabytes(sizes: readonly ModelSize[], ids: readonly string[]): string {
  return (ids.reduce((sum, id) => sum + findModel(sizes, id).weightBytes, 0) / 1e6).toFixed(1);
}
