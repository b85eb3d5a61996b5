// The pixel side of the pipeline as a service: it holds the current photo, the segmented regions and the
// masks it built, and answers mask and obfuscation requests with the pipeline's own stage functions, at full
// resolution or at a preview size. No tfjs. It runs in the pixel worker, or on the page's main thread when a
// worker cannot (pipeline-client.ts).

import { readPixels } from "../browser/read-pixels.js";
import { scaleBox } from "../core/geometry.js";
import { transparentShare } from "../core/image.js";
import { resizeMaskNearest } from "../core/mask.js";
import type { Detection, Mask, RgbaImage } from "../core/types.js";
import { previewImage, previewSettings, previewSize, type Size } from "../pipeline/preview.js";
import type { PipelineSettings } from "../pipeline/settings.js";
import {
  buildMask,
  type MaskStage,
  type ObfuscationStage,
  obfuscatePeople,
  type PersonRegion,
  type PreparedImage,
  prepareImage,
  provisionalMask,
} from "../pipeline/stages.js";
import type { Method } from "./protocol.js";

/** Masks kept for later obfuscation requests (a full-resolution mask is a byte per pixel). */
const KEPT_MASKS = 6;

export type MaskSettings = Pick<PipelineSettings, "segmentationThreshold" | "growth">;
export type HideSettings = Pick<PipelineSettings, "method" | "radius" | "seed">;
export type ProvisionalSettings = Pick<PipelineSettings, "scoreThreshold" | "maxPeople">;

/** What setPhoto answers: the models' copy and, for a photo sent as a bitmap, the pixels it read. */
export interface PhotoRead {
  /** The models' smaller copy, or null when the photo is small enough to be its own. */
  readonly inference: RgbaImage | null;
  readonly scale: number;
  /** The photo's pixels, when it came as a bitmap (the caller has none yet); null otherwise. */
  readonly full: RgbaImage | null;
  /** Share of pixels not fully opaque. */
  readonly transparent: number;
  readonly ms: number;
}

export type PixelService = {
  /**
   * Keeps `image` (or the pixels of `bitmap`, read here) as photo `photo`, dropping the previous photo, its
   * regions and masks, and prepares it (prepareImage). With `previewSize`, the preview copy for that size is
   * made right after the answer, while the caller waits for the models.
   */
  setPhoto: Method<{ photo: number; previewSize?: Size } & ({ image: RgbaImage } | { bitmap: ImageBitmap }), PhotoRead>;
  /** Adds regions of the current photo, each under the id the caller gave it. */
  setRegions: Method<{ photo: number; regions: Array<{ id: number; region: PersonRegion }> }, null>;
  /** Keeps a mask the caller already has (e.g. built before a worker crashed) under id `mask`. */
  setMask: Method<{ photo: number; mask: number; value: Mask }, null>;
  /**
   * buildMask on the regions with these ids, kept under id `mask`; at `size` (fitted, aspect kept) when
   * smaller than the photo. The reply's masks are copies: the service keeps its own for obfuscate.
   */
  buildMask: Method<{ photo: number; regions: number[]; settings: MaskSettings; size?: Size; mask: number }, BuiltMask>;
  /**
   * obfuscatePeople with a mask kept here, at that mask's size, or at `size` when that is smaller (the mask
   * scaled down, nearest pixel): a preview, with the radius scaled.
   */
  obfuscate: Method<
    { photo: number; mask: number; settings: HideSettings; size?: Size },
    ObfuscationStage & { preview: boolean }
  >;
  /**
   * The fail-closed mask from detections alone (every counted person's box hidden by an ellipse), kept under id
   * `mask`; at `size` like buildMask.
   */
  provisionalMask: Method<
    { photo: number; detections: Detection[]; settings: ProvisionalSettings; size?: Size; mask: number },
    { mask: Mask; preview: boolean; ms: number }
  >;
};

const sameHide = (a: HideSettings, b: HideSettings) =>
  a.method === b.method && a.radius === b.radius && a.seed === b.seed;

/** A thrown error whose name tells the client to send what it refers to again. */
export function unknownReference(what: string): Error {
  const error = new Error(`${what} is not here (send it again)`);
  error.name = "UnknownReference";
  return error;
}

/** A MaskStage without the regions (the caller has them, in the order it sent their ids). */
export interface BuiltMask extends Omit<MaskStage, "people"> {
  readonly people: ReadonlyArray<{ readonly mask: Mask; readonly fallback: boolean }>;
  /** Built at a preview size rather than the photo's. */
  readonly preview: boolean;
}

interface Kept {
  readonly mask: Mask;
  /** The image it was built for: the photo, or a preview copy. */
  readonly prepared: PreparedImage;
  /** prepared.full's size over the photo's. */
  readonly factor: number;
}

export function pixelService(): PixelService {
  let current: { id: number; prepared: PreparedImage } | undefined;
  const regions = new Map<number, PersonRegion>();
  const masks = new Map<number, Kept>();
  const previews = new Map<string, PreparedImage>();
  /** Kept masks scaled down for a preview, by mask id and size (the last few). */
  const smallMasks = new Map<string, Kept>();
  // A new mask is nearly always hidden next, with the settings of the last hiding: that hiding is computed as
  // soon as the mask's reply has left, while the page receives it and asks, so a threshold move costs one
  // round trip's wait instead of two. `aheadFor` is the mask still to be hidden ahead; a request that comes
  // first takes its place.
  let lastHide: HideSettings | undefined;
  let aheadFor: number | undefined;
  let ahead: { mask: number; settings: HideSettings; stage: ObfuscationStage } | undefined;
  const hideAhead = (id: number, kept: Kept) => {
    const settings = lastHide;
    aheadFor = id;
    ahead = undefined;
    if (!settings) return;
    setTimeout(() => {
      if (aheadFor !== id || masks.get(id) !== kept) return;
      aheadFor = undefined;
      ahead = {
        mask: id,
        settings,
        stage: obfuscatePeople(kept.prepared, kept.mask, previewSettings(settings, kept.factor)),
      };
    }, 0);
  };

  const photo = (id: number): PreparedImage => {
    if (current?.id !== id) throw unknownReference(`photo ${id}`);
    return current.prepared;
  };
  /** The photo, or a preview copy of it that fits in `size` (kept for the next request of that size). */
  const sized = (id: number, size: Size | undefined): { prepared: PreparedImage; factor: number } => {
    const prepared = photo(id);
    const fitted = size && previewSize(prepared.full, size);
    if (!fitted) return { prepared, factor: 1 };
    const key = `${fitted.width}×${fitted.height}`;
    let preview = previews.get(key);
    if (!preview) {
      if (previews.size >= 2) previews.clear();
      preview = previewImage(prepared, fitted);
      previews.set(key, preview);
    }
    return { prepared: preview, factor: fitted.width / prepared.full.width };
  };
  const keep = (id: number, kept: Kept) => {
    masks.delete(id);
    masks.set(id, kept);
    while (masks.size > KEPT_MASKS) masks.delete(masks.keys().next().value!);
  };
  const copyMask = (mask: Mask): Mask => ({ ...mask, data: new Uint8Array(mask.data) });
  const copyImage = (image: RgbaImage): RgbaImage => ({ ...image, data: new Uint8ClampedArray(image.data) });
  /** A kept photo-sized mask scaled down to the preview that fits `size`, or the kept mask itself. */
  const atSize = (id: number, kept: Kept, size: Size | undefined): Kept => {
    if (!size || kept.factor !== 1) return kept;
    const image = sized(current!.id, size);
    if (image.factor === 1) return kept;
    const { width, height } = image.prepared.full;
    const key = `${id} ${width}×${height}`;
    let small = smallMasks.get(key);
    if (!small) {
      if (smallMasks.size >= KEPT_MASKS) smallMasks.delete(smallMasks.keys().next().value!);
      small = { ...image, mask: resizeMaskNearest(kept.mask, width, height) };
      smallMasks.set(key, small);
    }
    return small;
  };

  return {
    setPhoto(payload) {
      const start = performance.now();
      let image: RgbaImage;
      if ("bitmap" in payload) {
        image = readPixels(payload.bitmap, payload.bitmap.width, payload.bitmap.height);
        payload.bitmap.close();
      } else image = payload.image;
      const prepared = prepareImage(image);
      current = { id: payload.photo, prepared };
      regions.clear();
      masks.clear();
      ahead = undefined;
      aheadFor = undefined;
      previews.clear();
      smallMasks.clear();
      const { previewSize: size } = payload;
      if (size) setTimeout(() => current?.id === payload.photo && sized(payload.photo, size), 0);
      // The service keeps its copies; the caller gets others.
      return {
        inference: prepared.inference === image ? null : copyImage(prepared.inference),
        scale: prepared.scale,
        full: "bitmap" in payload ? copyImage(image) : null,
        transparent: transparentShare(image),
        ms: performance.now() - start,
      };
    },
    setRegions({ photo: id, regions: added }) {
      photo(id);
      for (const { id: regionId, region } of added) regions.set(regionId, region);
      return null;
    },
    setMask({ photo: id, mask, value }) {
      const prepared = photo(id);
      const factor = value.width / prepared.full.width;
      const image = factor === 1 ? { prepared, factor } : sized(id, value);
      keep(mask, { mask: value, ...image });
      return null;
    },
    buildMask({ photo: id, regions: ids, settings, size, mask }) {
      const { prepared, factor } = sized(id, size);
      const chosen = ids.map((regionId) => {
        const region = regions.get(regionId);
        if (!region) throw unknownReference(`region ${regionId}`);
        return region;
      });
      const stage = buildMask(prepared, chosen, previewSettings(settings, factor));
      const kept = { mask: stage.mask, prepared, factor };
      keep(mask, kept);
      hideAhead(mask, kept);
      return {
        ...stage,
        mask: copyMask(stage.mask),
        ungrown: stage.ungrown === stage.mask ? copyMask(stage.mask) : stage.ungrown,
        people: stage.people.map(({ mask, fallback }) => ({ mask, fallback })),
        preview: factor !== 1,
      };
    },
    obfuscate({ photo: id, mask, settings, size }) {
      photo(id);
      const kept = masks.get(mask);
      if (!kept) throw unknownReference(`mask ${mask}`);
      const used = atSize(mask, kept, size);
      lastHide = settings;
      if (aheadFor === mask) aheadFor = undefined;
      const early =
        ahead?.mask === mask && used === kept && sameHide(ahead.settings, settings) ? ahead.stage : undefined;
      ahead = undefined;
      const stage = early ?? obfuscatePeople(used.prepared, used.mask, previewSettings(settings, used.factor));
      return { ...stage, preview: used.factor !== 1 };
    },
    provisionalMask({ photo: id, detections, settings, size, mask }) {
      const start = performance.now();
      const { prepared, factor } = sized(id, size);
      const scaled = detections.map((d) => ({ ...d, box: scaleBox(d.box, factor, factor) }));
      const built = provisionalMask(prepared, scaled, settings);
      keep(mask, { mask: built, prepared, factor });
      return { mask: copyMask(built), preview: factor !== 1, ms: performance.now() - start };
    },
  };
}
