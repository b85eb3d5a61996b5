// Following people from frame to frame, failing closed: a person seen once stays hidden for a few frames
// after the detector stops seeing them, where a constant-velocity model says they went, in a region that
// grows with every frame unseen. Pure: the state goes in and comes out, so a step can be replayed and tested.
import { maxWeightMatching } from "./assignment.js";
import { boxIoU, clampBox, growBox } from "./geometry.js";
import type { Box } from "./types.js";

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Track {
  readonly id: number;
  /** The box at the last frame the person was observed. */
  readonly box: Box;
  /** Smoothed motion of the box's centre, in pixels per frame. */
  readonly velocity: Point;
  /** Index of the last frame the person was observed in. */
  readonly lastSeen: number;
  /** How many frames the person was observed in. */
  readonly hits: number;
}

export interface TrackerState {
  /** Index of the next frame to step. */
  readonly frame: number;
  readonly tracks: readonly Track[];
  readonly nextId: number;
}

export const EMPTY_TRACKER: TrackerState = { frame: 0, tracks: [], nextId: 1 };

export interface TrackerOptions {
  /** Frame size: remembered regions are clipped to it. */
  readonly width: number;
  readonly height: number;
  /** Frames a person stays tracked, and hidden, after the last frame they were observed in. */
  readonly memory: number;
  /** Margin around a remembered region, per frame unseen, as a share of the person's size (their box's longer side). */
  readonly growth: number;
  /** Fastest expected motion, in sizes per frame: the extra margin for a person seen only once (motion unknown). */
  readonly maxSpeed: number;
  /** A box may continue a track when it overlaps the prediction by at least this IoU… */
  readonly minIoU: number;
  /** …or its centre lies within this many sizes of the predicted centre… */
  readonly maxDistance: number;
  /** …and the two sizes differ by at most this factor. */
  readonly maxScale: number;
  /** Weight of the newest measured motion against the smoothed one, in (0, 1]. */
  readonly velocitySmoothing: number;
}

// A walker covers about 0.08 of their height per frame at 10 fps (1.4 m/s, 1.7 m tall): the distance gate
// lets a detector frame every third frame still find them, and the margin absorbs turns and stops.
export const DEFAULT_TRACKER_OPTIONS: Omit<TrackerOptions, "width" | "height"> = {
  memory: 5,
  growth: 0.04,
  maxSpeed: 0.1,
  minIoU: 0.1,
  maxDistance: 0.6,
  maxScale: 2,
  velocitySmoothing: 0.5,
};

export interface TrackedPerson {
  readonly id: number;
  /** Where the person is this frame: the observed box, or the predicted one. */
  readonly box: Box;
  /** Index of the observed box in this frame's input, or -1 when the person is remembered. */
  readonly observed: number;
  /** Frames since the person was last observed: 0 when observed this frame. */
  readonly framesUnseen: number;
  /** Predicted movement since the last observation (0 when observed). */
  readonly shift: Point;
  /** Pixels added on every side of a remembered region (0 when observed). */
  readonly margin: number;
  /**
   * What to hide: the observed box; or, when remembered, the hull of the last observed box and the predicted
   * one (the person may have stopped or kept going), grown by `margin` and clipped to the frame.
   */
  readonly hide: Box;
}

export interface TrackerStep {
  readonly state: TrackerState;
  /** Every person tracked this frame, observed or remembered, by track id. */
  readonly people: TrackedPerson[];
}

/**
 * Advances the tracker by one frame. `boxes` are the people found in this frame (e.g. detector boxes above
 * the score threshold), or null when no detector ran on it: then every track is carried by its motion.
 * Boxes are matched to tracks by the best total affinity (overlap and closeness to each track's predicted
 * box, gated by size); unmatched boxes start new tracks; unmatched tracks are remembered for `memory` frames.
 */
export function stepTracker(
  state: TrackerState,
  boxes: readonly Box[] | null,
  options: Partial<TrackerOptions> & Pick<TrackerOptions, "width" | "height">,
): TrackerStep {
  const o = { ...DEFAULT_TRACKER_OPTIONS, ...options };
  checkOptions(o);
  const frame = state.frame;
  const found = boxes ?? [];
  const predicted = state.tracks.map((track) => shiftBox(track.box, scale(track.velocity, frame - track.lastSeen)));
  const weights = predicted.map((p) => found.map((box) => affinity(p, box, o)));
  const matchOf = new Map(maxWeightMatching(weights));
  const matched = new Set(matchOf.values());

  const tracks: Track[] = [];
  const people: TrackedPerson[] = [];
  for (const [t, track] of state.tracks.entries()) {
    const b = matchOf.get(t);
    if (b !== undefined) {
      const box = found[b]!;
      const measured = scale(subtract(centre(box), centre(track.box)), 1 / (frame - track.lastSeen));
      const a = track.hits === 1 ? 1 : o.velocitySmoothing;
      const velocity = {
        x: a * measured.x + (1 - a) * track.velocity.x,
        y: a * measured.y + (1 - a) * track.velocity.y,
      };
      tracks.push({ id: track.id, box, velocity, lastSeen: frame, hits: track.hits + 1 });
      people.push(observedPerson(track.id, box, b));
      continue;
    }
    const unseen = frame - track.lastSeen;
    const box = predicted[t]!;
    // Kept even when predicted outside the frame: they may have stopped at its edge (the hull covers that).
    if (unseen > o.memory) continue;
    tracks.push(track);
    const margin = (o.growth + (track.hits === 1 ? o.maxSpeed : 0)) * size(track.box) * unseen;
    const hull = clampBox(growBox(union(track.box, box), margin), o);
    people.push({
      id: track.id,
      box,
      observed: -1,
      framesUnseen: unseen,
      shift: scale(track.velocity, unseen),
      margin,
      hide: hull,
    });
  }
  let nextId = state.nextId;
  for (const [b, box] of found.entries()) {
    if (matched.has(b)) continue;
    tracks.push({ id: nextId, box, velocity: { x: 0, y: 0 }, lastSeen: frame, hits: 1 });
    people.push(observedPerson(nextId++, box, b));
  }
  people.sort((a, b) => a.id - b.id);
  return { state: { frame: frame + 1, tracks, nextId }, people };
}

function observedPerson(id: number, box: Box, index: number): TrackedPerson {
  return { id, box, observed: index, framesUnseen: 0, shift: { x: 0, y: 0 }, margin: 0, hide: box };
}

/** How well a box continues a track predicted at `p`: > 0 when allowed, higher is better. */
function affinity(p: Box, box: Box, o: TrackerOptions): number {
  const ratio = Math.max(size(p), size(box)) / Math.max(1e-9, Math.min(size(p), size(box)));
  if (!(ratio <= o.maxScale)) return 0;
  const iou = boxIoU(p, box);
  const d = subtract(centre(p), centre(box));
  const distance = Math.hypot(d.x, d.y) / Math.max(1e-9, size(p), size(box));
  if (iou < o.minIoU && distance > o.maxDistance) return 0;
  return iou + Math.max(0, 1 - distance / o.maxDistance) + 1e-6;
}

function checkOptions(o: TrackerOptions): void {
  for (const name of ["width", "height", "memory"] as const) {
    if (!Number.isInteger(o[name]) || o[name] < 0)
      throw new RangeError(`${name} must be an integer ≥ 0, got ${o[name]}`);
  }
  for (const name of ["growth", "maxSpeed", "minIoU", "maxDistance"] as const) {
    if (!(o[name] >= 0 && Number.isFinite(o[name])))
      throw new RangeError(`${name} must be a number ≥ 0, got ${o[name]}`);
  }
  if (!(o.maxScale >= 1)) throw new RangeError(`maxScale must be ≥ 1, got ${o.maxScale}`);
  if (!(o.velocitySmoothing > 0 && o.velocitySmoothing <= 1)) {
    throw new RangeError(`velocitySmoothing must be in (0, 1], got ${o.velocitySmoothing}`);
  }
}

/** A person's size: their box's longer side (the height, unless the frame's edge cuts them). */
function size(box: Box): number {
  return Math.max(box.width, box.height);
}

function centre(box: Box): Point {
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

function subtract(a: Point, b: Point): Point {
  return { x: a.x - b.x, y: a.y - b.y };
}

function scale(p: Point, k: number): Point {
  return { x: p.x * k, y: p.y * k };
}

function shiftBox(box: Box, by: Point): Box {
  return { ...box, x: box.x + by.x, y: box.y + by.y };
}

function union(a: Box, b: Box): Box {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return {
    x,
    y,
    width: Math.max(a.x + a.width, b.x + b.width) - x,
    height: Math.max(a.y + a.height, b.y + b.height) - y,
  };
}
