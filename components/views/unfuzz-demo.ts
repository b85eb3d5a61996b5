// The attack on fuzz, shown: the same crop of the original, the fuzzed photo and the photo undone with the
// seed, each with how many people the detector finds in it. Counts are data attributes for tests.
import { padBox } from "../core/geometry.js";
import { maskBounds } from "../core/mask.js";
import type { Mask, RgbaImage } from "../core/types.js";
import type { UndoneFuzz } from "../pipeline/undo-fuzz.js";
import { CropGrid } from "./crop-grid.js";

export function UnfuzzDemo(original: RgbaImage, undo: UndoneFuzz, mask: Mask, { id }: { id: string }): HTMLElement {
  const bounds = maskBounds(mask);
  const found = (check: UndoneFuzz["afterFuzz"]) => `${check.stillFound} of ${check.foundBefore} found`;
  const view = bounds
    ? CropGrid(
        [
          { title: "Original", image: original },
          { title: `Fuzz, radius ${undo.radius}`, note: found(undo.afterFuzz), image: undo.fuzzed },
          { title: "Undone with the seed", note: found(undo.afterUndo), image: undo.undone },
        ],
        padBox(bounds, 0.08, mask),
        { id, minWidth: 180 },
      )
    : Object.assign(document.createElement("p"), {
        id,
        textContent: "No one was hidden in this photo, so there is nothing to undo.",
      });
  Object.assign(view.dataset, {
    restored: undo.restoredShare.toFixed(3),
    foundFuzzed: undo.afterFuzz.stillFound,
    foundUndone: undo.afterUndo.stillFound,
  });
  return view;
}
