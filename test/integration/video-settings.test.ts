// How the command's flags become video settings: defaults, the fast profile, intervals and seeds.
import { describe, expect, it } from "vitest";
import { videoSettingsFrom } from "../../components/cli/video-options.js";
import { DEFAULT_SETTINGS } from "../../components/pipeline/settings.js";
import {
  DEFAULT_VIDEO_SETTINGS,
  FAST_VIDEO_PROFILE,
  resolveVideoSettings,
} from "../../components/pipeline/video-settings.js";

describe("video settings", () => {
  it("defaults: the photo defaults, the video intervals, and a seed per frame only for fuzz", () => {
    const settings = resolveVideoSettings();
    expect(settings).toEqual({ ...DEFAULT_VIDEO_SETTINGS, seedPerFrame: false });
    expect(resolveVideoSettings({ method: "fuzz" }).seedPerFrame).toBe(true);
    expect(resolveVideoSettings({ method: "fuzz", seedPerFrame: false }).seedPerFrame).toBe(false);
  });

  it("--fast fills in only what the flags do not set", () => {
    const fast = videoSettingsFrom(DEFAULT_SETTINGS, { fast: true });
    expect(fast).toMatchObject(FAST_VIDEO_PROFILE);
    const mine = videoSettingsFrom(
      { ...DEFAULT_SETTINGS, mode: "union" },
      { fast: true, mode: "union", "detect-every": "2" },
    );
    expect([mine.mode, mine.internalResolution, mine.detectEvery, mine.segmentEvery]).toEqual([
      "union",
      FAST_VIDEO_PROFILE.internalResolution,
      2,
      FAST_VIDEO_PROFILE.segmentEvery,
    ]);
  });

  it("given the detector's interval alone, runs the segmenter on the first multiple of it at or after the profile's", () => {
    const every = (n: number) => videoSettingsFrom(DEFAULT_SETTINGS, { "detect-every": String(n) }).segmentEvery;
    expect([1, 2, 3, 4, 5].map(every)).toEqual([3, 4, 3, 4, 5]);
    const fast = (n: number) =>
      videoSettingsFrom(DEFAULT_SETTINGS, { fast: true, "detect-every": String(n) }).segmentEvery;
    expect([1, 3, 4, 6].map(fast)).toEqual([4, 6, 4, 6]);
  });

  it("reads --motion, which wins over the fast profile's", () => {
    expect(videoSettingsFrom(DEFAULT_SETTINGS, {}).detectOnMotion).toBe(true);
    expect(videoSettingsFrom(DEFAULT_SETTINGS, { fast: true }).detectOnMotion).toBe(false);
    expect(videoSettingsFrom(DEFAULT_SETTINGS, { fast: true, motion: "on" }).detectOnMotion).toBe(true);
    expect(() => videoSettingsFrom(DEFAULT_SETTINGS, { motion: "yes" })).toThrow(
      /--motion must be on or off, got "yes"/,
    );
  });

  it("reads --frame-seeds and refuses bad values with the flag's name", () => {
    expect(videoSettingsFrom(DEFAULT_SETTINGS, { "frame-seeds": "per-frame" }).seedPerFrame).toBe(true);
    expect(videoSettingsFrom({ ...DEFAULT_SETTINGS, method: "fuzz" }, { "frame-seeds": "same" }).seedPerFrame).toBe(
      false,
    );
    expect(() => videoSettingsFrom(DEFAULT_SETTINGS, { "frame-seeds": "each" })).toThrow(
      /--frame-seeds must be per-frame or same, got "each"/,
    );
    expect(() => videoSettingsFrom(DEFAULT_SETTINGS, { memory: "2.5" })).toThrow(
      /--memory must be an integer, got "2.5"/,
    );
    expect(() => videoSettingsFrom(DEFAULT_SETTINGS, { memory: "61" })).toThrow(
      /memory must be an integer between 0 and 60/,
    );
  });
});
