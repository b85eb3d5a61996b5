// Something moved where nobody is tracked: cheap frame differencing that tells the frame pipeline to run
// the detector early, so a person who walks in between two scheduled detector runs is not left visible.
import { checkImage } from "./image.js";
import type { Box, RgbaImage } from "./types.js";

export interface MotionOptions {
  /** Side of the square cells the frame is cut into, in pixels. */
  readonly cell: number;
  /** A sampled pixel has changed when its largest R, G or B difference exceeds this. */
  readonly threshold: number;
  /** A cell moves when at least this share of its sampled pixels changed. */
  readonly minShare: number;
  /** Every `step`-th pixel of every `step`-th row is sampled. */
  readonly step: number;
}

// A walker 30 px wide moving 3 px a frame changes about a third of the cells along their edges; H.264 at the
// writer's quality changes far fewer than a fifth of a still cell's pixels by more than 24.
export const DEFAULT_MOTION_OPTIONS: MotionOptions = { cell: 16, threshold: 24, minShare: 0.2, step: 2 };

/**
 * The cells of `current` that moved since `previous`, among the cells no box of `ignore` touches (the people
 * already tracked, whose own motion is expected), as indices row by row in a grid of ceil(width / cell)
 * columns.
 */
export function movingCells(
  previous: RgbaImage,
  current: RgbaImage,
  ignore: readonly Box[],
  options: Partial<MotionOptions> = {},
): number[] {
  const { cell, threshold, minShare, step } = { ...DEFAULT_MOTION_OPTIONS, ...options };
  checkImage(previous, "previous");
  checkImage(current, "current");
  if (previous.width !== current.width || previous.height !== current.height) {
    throw new RangeError(
      `previous is ${previous.width}×${previous.height} but current is ${current.width}×${current.height}`,
    );
  }
  if (!(Number.isInteger(cell) && cell > 0 && Number.isInteger(step) && step > 0 && step <= cell)) {
    throw new RangeError(`cell and step must be integers with 0 < step ≤ cell, got ${cell} and ${step}`);
  }
  const { width, height } = current;
  const columns = Math.ceil(width / cell);
  const rows = Math.ceil(height / cell);
  const ignored = new Uint8Array(columns * rows);
  for (const box of ignore) {
    const c0 = Math.max(0, Math.floor(box.x / cell));
    const c1 = Math.min(columns - 1, Math.floor((box.x + box.width) / cell));
    const r0 = Math.max(0, Math.floor(box.y / cell));
    const r1 = Math.min(rows - 1, Math.floor((box.y + box.height) / cell));
    for (let r = r0; r <= r1; r++) ignored.fill(1, r * columns + c0, r * columns + Math.max(c0, c1 + 1));
  }
  const a = previous.data;
  const b = current.data;
  const moving: number[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      if (ignored[r * columns + c]) continue;
      let sampled = 0;
      let changed = 0;
      for (let y = r * cell; y < Math.min(height, (r + 1) * cell); y += step) {
        for (let x = c * cell; x < Math.min(width, (c + 1) * cell); x += step) {
          const i = (y * width + x) * 4;
          const d = Math.max(Math.abs(a[i]! - b[i]!), Math.abs(a[i + 1]! - b[i + 1]!), Math.abs(a[i + 2]! - b[i + 2]!));
          sampled++;
          if (d > threshold) changed++;
        }
      }
      if (changed >= minShare * sampled) moving.push(r * columns + c);
    }
  }
  return moving;
}
