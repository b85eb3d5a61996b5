// The size an element is drawn at, in device pixels (CSS size × devicePixelRatio): previews are computed at
// this size, so a control's feedback costs what the screen shows, not what the photo holds.
import type { Size } from "../pipeline/preview.js";

export interface DrawnSize {
  /** The element's drawn size in device pixels with `aspect` (width / height), or undefined before layout. */
  size(aspect: number): Size | undefined;
  /** Stops watching. */
  disconnect(): void;
}

/** Watches `element`'s width (ResizeObserver: no layout is forced when a size is asked for). */
export function watchDrawnSize(element: Element): DrawnSize {
  let width = 0;
  const observer = new ResizeObserver(([entry]) => {
    width = entry?.contentRect.width ?? 0;
  });
  observer.observe(element);
  return {
    size(aspect) {
      if (!(width > 0)) return undefined;
      const w = Math.max(1, Math.round(width * (globalThis.devicePixelRatio || 1)));
      return { width: w, height: Math.max(1, Math.round(w / aspect)) };
    },
    disconnect: () => observer.disconnect(),
  };
}
