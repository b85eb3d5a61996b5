// The judges of the privacy check as the views name them, in one order: the site's detector and the three
// independent observers, with who among them still finds a person.
import type { FullCheck, FullPersonCheck } from "../pipeline/check-everything.js";
import type { PrivacyCheck } from "../pipeline/match-people.js";

export type JudgeKey = "detector" | "objects" | "pose" | "faces";

export interface Judge {
  readonly key: JudgeKey;
  /** On box labels, where space is short. */
  readonly short: string;
  /** In tables and sentences. */
  readonly name: string;
  readonly model: string;
}

export const JUDGES: readonly Judge[] = [
  { key: "detector", short: "SSD", name: "the detector", model: "COCO-SSD" },
  { key: "objects", short: "CenterNet", name: "the second detector", model: "CenterNet" },
  { key: "pose", short: "pose", name: "the pose model", model: "MoveNet" },
  { key: "faces", short: "face", name: "the face detector", model: "BlazeFace" },
];

/** Whether a check asked the observers too (checkEverything), not only the detector (checkPrivacy). */
export function isFullCheck(check: PrivacyCheck | FullCheck): check is FullCheck {
  return "hidden" in check;
}

/** The judges that still find this person after hiding. */
export function judgesFinding(person: FullPersonCheck): Judge[] {
  const { after } = person.observers;
  const finds: Record<JudgeKey, boolean> = {
    detector: person.stillFound,
    objects: after.objects,
    pose: after.pose,
    faces: after.faces > 0,
  };
  return JUDGES.filter((judge) => finds[judge.key]);
}
