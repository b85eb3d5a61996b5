// What `npm run video-eval` measured of the page's two profiles on the sample clip (data/video-summary.json,
// "schedules"): in how many frames the detector still finds someone after hiding. Figures from the file only.
import type { VideoSettings } from "../pipeline/video-settings.js";

export interface ScheduleRow {
  readonly profile: string;
  readonly detectEvery: number;
  readonly segmentEvery: number;
  readonly detectOnMotion: boolean;
  readonly framesWithPeople: number;
  readonly framesStillFound: number;
  readonly personFrames: number;
  readonly minReplaced: number;
  readonly fps: number;
}

/** "every frame", "every 2nd frame", "every 3rd frame", … */
export function everyNth(n: number): string {
  if (n === 1) return "every frame";
  const suffix =
    n % 10 === 1 && n % 100 !== 11
      ? "st"
      : n % 10 === 2 && n % 100 !== 12
        ? "nd"
        : n % 10 === 3 && n % 100 !== 13
          ? "rd"
          : "th";
  return `every ${n}${suffix} frame`;
}

type Schedule = Pick<VideoSettings, "detectEvery" | "segmentEvery" | "detectOnMotion">;

/** A list item per profile: the measured row with the profile's schedule, or "not measured". */
export function ScheduleFindings(
  rows: readonly ScheduleRow[],
  profiles: ReadonlyArray<{ readonly name: string; readonly profile: string; readonly schedule: Schedule }>,
): HTMLUListElement {
  const list = document.createElement("ul");
  for (const { name, profile, schedule } of profiles) {
    const row = rows.find(
      (r) =>
        r.profile === profile &&
        r.detectEvery === schedule.detectEvery &&
        r.segmentEvery === schedule.segmentEvery &&
        // With the detector on every frame, motion has nothing to trigger: both rows are the same schedule.
        (r.detectOnMotion === schedule.detectOnMotion || schedule.detectEvery === 1),
    );
    const item = document.createElement("li");
    const strong = document.createElement("strong");
    strong.textContent = name;
    item.append(
      strong,
      row
        ? `: someone still found in ${row.framesStillFound} of ${row.framesWithPeople} frames with people (${row.personFrames} people over all frames); at least ${Math.round(100 * row.minReplaced)}% of every found person's box replaced.`
        : ": not measured with this schedule.",
    );
    list.append(item);
  }
  return list;
}
