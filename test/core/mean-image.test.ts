import { describe, expect, it } from "vitest";
import { meanImage } from "../../components/core/mean-image.js";
import { randomImage } from "./helpers.js";

describe("meanImage", () => {
  it("averages every byte over the images, rounding to the nearest", () => {
    const images = [randomImage(7, 5, 1), randomImage(7, 5, 2), randomImage(7, 5, 3)];
    const mean = meanImage(images);
    for (let i = 0; i < mean.data.length; i++) {
      expect(mean.data[i]).toBe(Math.round((images[0]!.data[i]! + images[1]!.data[i]! + images[2]!.data[i]!) / 3));
    }
    expect(meanImage([images[0]!]).data).toEqual(images[0]!.data);
  });

  it("refuses no images, or images of different sizes", () => {
    expect(() => meanImage([])).toThrow(/at least one image/);
    expect(() => meanImage([randomImage(2, 2), randomImage(2, 3)])).toThrow(/images\[1\] is 2×3; images\[0\] is 2×2/);
  });
});
