// The stage views' text alternatives, from stage data: who is found and where, what the masks cover, what the
// result hides.
import { describe, expect, test } from "vitest";
import type { Detection } from "../../components/core/types.js";
import {
  describeBoxes,
  describeMasks,
  describeResult,
  placeInPhoto,
} from "../../components/views/stage-descriptions.js";

const SIZE = { width: 300, height: 300 };
const at = (x: number, y: number, score: number, label = "person"): Detection => ({
  box: { x, y, width: 20, height: 40 },
  score,
  label,
});

describe("placeInPhoto", () => {
  test("names the third of the photo the box's centre is in", () => {
    expect(placeInPhoto({ x: 0, y: 0, width: 10, height: 10 }, SIZE)).toBe("the top left");
    expect(placeInPhoto({ x: 140, y: 140, width: 20, height: 20 }, SIZE)).toBe("the centre");
    expect(placeInPhoto({ x: 140, y: 280, width: 20, height: 20 }, SIZE)).toBe("the bottom");
    expect(placeInPhoto({ x: 280, y: 140, width: 20, height: 20 }, SIZE)).toBe("the right");
    // A box reaching the far edge is still inside the last third.
    expect(placeInPhoto({ x: 200, y: 200, width: 100, height: 100 }, SIZE)).toBe("the bottom right");
  });
});

describe("describeBoxes", () => {
  const detections = [at(10, 10, 0.9), at(250, 240, 0.6), at(140, 130, 0.2), at(100, 100, 0.8, "car")];

  test("counts the people under the settings, best first, and says where their boxes are", () => {
    expect(describeBoxes(detections, { threshold: 0.5, maxPeople: 10 }, SIZE)).toBe(
      "2 people found: boxes around people at the top left (score 0.90), the bottom right (score 0.60). " +
        "1 doubtful guess is drawn dashed, not counted. 1 other object boxed: car.",
    );
  });

  test("follows the threshold and the people limit, and leaves other classes out when asked", () => {
    const text = describeBoxes(detections, { threshold: 0.1, maxPeople: 1 }, SIZE, { classes: "person" });
    expect(text).toBe(
      "1 person found: boxes around people at the top left (score 0.90). 2 doubtful guesses are drawn dashed, not counted.",
    );
    expect(describeBoxes(detections, { threshold: 0.95, maxPeople: 10 }, SIZE, { classes: "person" })).toMatch(
      /^No people found at score 0\.95 or more\. 3 doubtful guesses/,
    );
  });

  test("lists at most 8 people and counts the rest", () => {
    const crowd = Array.from({ length: 11 }, (_, i) => at(i * 25, 10, 0.9 - i * 0.01));
    expect(describeBoxes(crowd, { threshold: 0.5, maxPeople: 20 }, SIZE)).toMatch(/, and 3 more\.$/);
  });
});

describe("describeMasks and describeResult", () => {
  test("say how many people and what share of the pixels", () => {
    expect(describeMasks({ masks: 6, maskShare: 0.0234 })).toBe(
      "The dimmed photo: 6 person masks, each in its own colour; the white outline, the grown mask, covers 2.3% of the pixels.",
    );
    expect(describeMasks({ masks: 1 })).toBe("The dimmed photo: 1 person mask, each in its own colour.");
    expect(describeMasks({})).toMatch(/appears as they are segmented/);
    const summary = { people: 6, hiddenShare: 0.0234, method: "Background" };
    expect(describeResult("final", summary)).toBe(
      "The photo with 6 people hidden by background: 2.3% of the pixels are hidden.",
    );
    expect(describeResult("preview", summary)).toMatch(/\(a preview while a control moves\)/);
    expect(describeResult("provisional", summary)).toMatch(
      /^The photo with an ellipse over each of the 6 people found/,
    );
    expect(describeResult("final", { ...summary, people: 0, hiddenShare: 0 })).toMatch(/unchanged/);
  });
});
