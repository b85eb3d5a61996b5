// Plain data shapes shared by every stage. No DOM, no tfjs: these run unchanged in Node and the browser.

/** RGBA pixels, row-major, 4 bytes per pixel. Structurally compatible with the DOM's ImageData. */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8ClampedArray;
}

/** One byte per pixel, row-major: 1 where the pixel belongs to the mask, 0 elsewhere. */
export interface Mask {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** Per-pixel person probability in [0, 1], row-major. */
export interface ProbabilityMap {
  readonly width: number;
  readonly height: number;
  readonly data: Float32Array;
}

/** Axis-aligned rectangle in pixels; x, y is the top-left corner. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** One object found by the detector, with its confidence in [0, 1]. */
export interface Detection {
  readonly box: Box;
  readonly score: number;
  readonly label: string;
}

/** A source of uniformly distributed 32-bit unsigned integers. */
export type RandomUint32 = () => number;
