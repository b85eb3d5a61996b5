// For visitors who prefer reduced motion: nothing on the home page or the video page transitions, animates or
// scrolls smoothly, and the phone's result preview jumps to the result instead of gliding. The same probe on
// the same page without the preference finds Framework's own transitions, so it can see motion.
import type { Page } from "playwright-core";
import { afterAll, describe, expect, test } from "vitest";
import { closeBrowser, DESKTOP, openPage, PHONE } from "./browser.js";
import { SAMPLE_NAME, waitForPhoto } from "./home-page.js";
import { waitUntilSettled } from "./settled.js";

afterAll(closeBrowser);

/**
 * Everything on the page that would move: each element or pseudo-element with a transition or an animation that
 * lasts, or smooth scrolling, as "tag#id.class::pseudo property: value"; and every animation the document runs.
 */
function motion(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    // "0s, 0.15s" → the longest, in seconds.
    const longest = (durations: string) =>
      Math.max(
        ...durations
          .split(",")
          .map((d) => (d.trim().endsWith("ms") ? Number.parseFloat(d) / 1000 : Number.parseFloat(d))),
      );
    const found: string[] = [];
    for (const element of document.querySelectorAll("*")) {
      const name = `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ""}${element.classList.length ? `.${[...element.classList].join(".")}` : ""}`;
      for (const pseudo of [null, "::before", "::after"]) {
        const style = getComputedStyle(element, pseudo);
        const where = `${name}${pseudo ?? ""}`;
        if (longest(style.transitionDuration) > 0 && style.transitionProperty !== "none")
          found.push(`${where} transition: ${style.transitionProperty} ${style.transitionDuration}`);
        if (style.animationName !== "none" && longest(style.animationDuration) > 0)
          found.push(`${where} animation: ${style.animationName} ${style.animationDuration}`);
        if (pseudo === null && style.scrollBehavior === "smooth") found.push(`${where} scroll-behavior: smooth`);
      }
    }
    for (const animation of document.getAnimations()) {
      if (animation.playState === "running") found.push(`running: ${animation.constructor.name} ${animation.id}`);
    }
    return found;
  });
}

describe("reduced motion", () => {
  test("the home page: Framework's transitions move without the preference, nothing moves with it", async () => {
    const moving = await openPage("", DESKTOP);
    try {
      await waitForPhoto(moving.page, SAMPLE_NAME);
      await waitUntilSettled(moving.page);
      // Framework's own transitions (the sidebar's carets and highlight): proof that the probe sees motion.
      expect(await motion(moving.page)).not.toEqual([]);
    } finally {
      await moving.close();
    }

    const opened = await openPage("", DESKTOP, { reducedMotion: "reduce" });
    try {
      await waitForPhoto(opened.page, SAMPLE_NAME);
      await waitUntilSettled(opened.page);
      expect(await motion(opened.page)).toEqual([]);
      expect(opened.pageErrors).toEqual([]);
    } finally {
      await opened.close();
    }
  });

  test("the video page: nothing moves", async () => {
    const opened = await openPage("video", DESKTOP, { reducedMotion: "reduce" });
    try {
      await waitUntilSettled(opened.page);
      expect(await motion(opened.page)).toEqual([]);
      expect(opened.pageErrors).toEqual([]);
    } finally {
      await opened.close();
    }
  });

  test("on a phone, the result preview jumps to the result instead of gliding", async () => {
    const opened = await openPage("", PHONE, { reducedMotion: "reduce" });
    const { page } = opened;
    try {
      await waitForPhoto(page, SAMPLE_NAME);
      await waitUntilSettled(page);
      const bar = page.locator(".result-preview");
      await page.getByRole("slider", { name: "Detector score at least" }).scrollIntoViewIfNeeded();
      await expect.poll(() => bar.isVisible()).toBe(true);
      expect(await motion(page)).toEqual([]);
      // An instant scroll has moved the page by the time click() returns; a smooth one has not started yet.
      const jump = await page.evaluate(() => {
        const before = window.scrollY;
        document.querySelector<HTMLElement>(".result-preview")!.click();
        const result = document.querySelector("#fuzz-output")!.getBoundingClientRect();
        return { before, after: window.scrollY, top: result.top, bottom: result.bottom, height: window.innerHeight };
      });
      expect(jump.after).not.toBe(jump.before);
      expect(jump.top).toBeGreaterThanOrEqual(0);
      expect(jump.bottom).toBeLessThanOrEqual(jump.height);
    } finally {
      await opened.close();
    }
  });
});
