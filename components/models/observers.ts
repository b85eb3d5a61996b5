// The independent observers: models that play no part in choosing the mask, asked afterwards whether they
// still find the people. Loaded together, only when a privacy check is asked for.
import { type FaceObserver, loadBlazeFace } from "./blazeface.js";
import { loadCenterNet, type ObjectObserver } from "./centernet.js";
import type { ModelSource, ProgressCallback } from "./model-source.js";
import { loadMoveNet, type PoseObserver } from "./movenet.js";

export interface Observers {
  /** A second person detector, of another family than COCO-SSD (CenterNet). */
  readonly objects: ObjectObserver;
  /** A pose model run on each person's box (MoveNet). */
  readonly pose: PoseObserver;
  /** A face detector run on each person's head region (BlazeFace). */
  readonly faces: FaceObserver;
}

/** Loads the three observers; progress is the mean of their own fractions. */
export async function loadObservers(source: ModelSource, onProgress?: ProgressCallback): Promise<Observers> {
  const fractions = [0, 0, 0];
  const part = (k: number) => (fraction: number) => {
    fractions[k] = fraction;
    onProgress?.((fractions[0]! + fractions[1]! + fractions[2]!) / 3);
  };
  const [objects, pose, faces] = await Promise.all([
    loadCenterNet(source, part(0)),
    loadMoveNet(source, part(1)),
    loadBlazeFace(source, part(2)),
  ]);
  return { objects, pose, faces };
}

export function disposeObservers(observers: Observers): void {
  observers.objects.dispose();
  observers.pose.dispose();
  observers.faces.dispose();
}
