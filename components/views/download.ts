// A button that saves an image as a PNG at full resolution. The PNG is encoded in the browser from the
// pixels alone, so none of the original file's metadata (EXIF, GPS position) comes along.
import type { RgbaImage } from "../core/types.js";

export interface DownloadOptions {
  /** The original file's name; the download is called NAME-fuzzy.png. */
  name?: string;
  label?: string;
}

/** "street group.jpg" → "street group-fuzzy.png". */
export function downloadName(name: string): string {
  const stem = name.replace(/\.[^./\\]*$/, "") || "photo";
  return `${stem}-fuzzy.png`;
}

export function Download(
  image: RgbaImage,
  { name = "photo", label = "Download the result (PNG)" }: DownloadOptions = {},
): HTMLButtonElement {
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = label;
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      // Encoded on demand, so the page does not hold a second copy of a large image.
      const canvas = document.createElement("canvas");
      canvas.width = image.width;
      canvas.height = image.height;
      canvas
        .getContext("2d")!
        .putImageData(new ImageData(new Uint8ClampedArray(image.data), image.width, image.height), 0, 0);
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
      if (!blob) throw new Error("this browser could not encode the PNG");
      const link = Object.assign(document.createElement("a"), {
        href: URL.createObjectURL(blob),
        download: downloadName(name),
      });
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
    } finally {
      button.disabled = false;
    }
  });
  return button;
}
