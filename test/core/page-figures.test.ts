// Every figure the site states comes from data (data/eval-summary.json, the model manifest) or from an
// exported constant, never typed into a page: a typed figure goes stale when the data or the constant
// changes (as "1% detectable" did when the evaluation said 0 of 95). Pages interpolate figures (`${…}`),
// so their prose, once code and interpolations are taken out, must hold no percentage and no decimal
// number except the few below, which define a scale rather than report a measurement. The figures the
// pages interpolate are checked against the data, and so is the README's summary of the evaluation.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { OBFUSCATION_METHOD_IDS, OBFUSCATION_METHODS } from "../../components/core/obfuscate.js";
import type { EvalSummary } from "../../components/pipeline/eval-summary.js";
import { evalFigures } from "../../components/views/eval-figures.js";
import { percent } from "../../components/views/percent.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const summary = JSON.parse(readFileSync(join(root, "data/eval-summary.json"), "utf8")) as EvalSummary;

/** Figures a page may type, by page: each defines a scale or names a thing, it reports no measurement. */
const ALLOWED: Record<string, string[]> = {
  "about.md": [
    "2.0", // the Apache License's version, in its name
    "0.75", // the name of the BodyPix variant (MobileNetV1 at width 0.75)
  ],
  "privacy.md": [
    "0%", // "colour change … 0% = untouched, 100% = black to white": the scale of the measure
    "100%",
    "90%", // "people at least 90% hidden": the definition of the covered90 measure
    "90%",
  ],
};

/** The page's prose: no front matter, code blocks, styles, `${…}` interpolations, HTML tags or link targets. */
function prose(markdown: string): string {
  let text = markdown
    .replace(/^---\n[\s\S]*?\n---\n/, "")
    .replace(/```[\s\S]*?```/g, "")
    .replace(/<style>[\s\S]*?<\/style>/g, "");
  let out = "";
  for (let i = 0, depth = 0; i < text.length; i++) {
    if (depth === 0 && text.startsWith("${", i)) {
      depth = 1;
      i++;
    } else if (depth > 0) {
      if (text[i] === "{") depth++;
      else if (text[i] === "}") depth--;
    } else out += text[i];
  }
  text = out
    .replace(/<[^>]*>/g, " ")
    .replace(/\]\([^)]*\)/g, "]")
    .replace(/`[^`]*`/g, "");
  return text;
}

/** Percentages and decimal numbers (not inside a name such as Apache-2.0): the forms a measured figure takes. */
function figuresIn(text: string): string[] {
  return [...text.matchAll(/(?<![\w.-])(?:\d+(?:\.\d+)?\s?%|\d*\.\d+)/g)].map((m) => m[0].replace(/\s/g, ""));
}

describe("figures in the pages", () => {
  const pages = readdirSync(join(root, "src")).filter((f) => f.endsWith(".md"));

  it("the scan finds a figure typed into prose, and not one interpolated or in code", () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: page markdown, where ${…} is Framework's interpolation
    const page = "---\ntitle: T\n---\nIt finds 16% of them, ${pct(0.9)} after, at 0.5.\n```js\nconst x = 0.25;\n```\n";
    expect(figuresIn(prose(page))).toEqual(["16%", "0.5"]);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: as above
    expect(figuresIn(prose('<div style="width: 50%">at ${x.toFixed(2)} px</div>'))).toEqual([]);
  });

  it.each(pages)("%s types no figure of its own", (page) => {
    const typed = figuresIn(prose(readFileSync(join(root, "src", page), "utf8")));
    expect(typed, `${page} states these figures itself; interpolate them from data or a constant`).toEqual(
      ALLOWED[page] ?? [],
    );
  });
});

describe("the evaluation's figures as the pages state them", () => {
  const figures = evalFigures(summary);
  const defaults = summary.settings;
  const row = (method: string, radius: number) =>
    summary.residual.filter(
      (r) =>
        r.mode === defaults.mode &&
        r.segmentationThreshold === defaults.segmentationThreshold &&
        r.growth === defaults.growth &&
        r.method === method &&
        r.radius === radius,
    );

  it("come from the rows of the defaults, for every method and radius a page names", () => {
    const mask = summary.masks.filter(
      (r) => r.mode === defaults.mode && r.segmentationThreshold === defaults.segmentationThreshold && r.growth === 0,
    );
    expect(mask).toHaveLength(1);
    expect(figures.defaults.recall).toBe(percent(mask[0]!.recall));
    expect(figures.defaults.precision).toBe(mask[0]!.precision.toFixed(2));
    expect(figures.defaults.covered90).toBe(percent(mask[0]!.covered90));
    for (const [method, radius] of [
      ["fuzz", 8],
      ["fuzz", 16],
      ["fuzz", 32],
      ["blur", 8],
      ["pixelate", 8],
      ["fill", 8],
      ["background", 8],
    ] as const) {
      expect(row(method, radius), `${method} r ${radius}`).toHaveLength(1);
      expect(figures.stillDetected(method, radius)).toBe(percent(row(method, radius)[0]!.stillDetected));
    }
    const own = row(defaults.method, defaults.radius)[0]!;
    expect(figures.defaults.stillDetectedCount).toBe(
      `${Math.round(own.stillDetected * summary.people)} of ${summary.people}`,
    );
  });

  it("say plainly when a row is missing", () => {
    expect(() => figures.stillDetected("fuzz", 5)).toThrow(
      "data/eval-summary.json has no residual row for fuzz at radius 5 on the default mask (union mode, threshold 0.4, growth 0)",
    );
    expect(() => figures.judged("fuzz", 5)).toThrow("no residual row for fuzz at radius 5");
    expect(() => figures.grown("fuzz", 8, 3)).toThrow(
      "no residual row for fuzz at radius 8 (union mode, threshold 0.4, growth 3)",
    );
  });

  it("state every judge's figures of a method and radius as the data holds them, with the counts behind them", () => {
    const judgedRows = summary.residual.filter((r) => r.observers !== null);
    // Every method at three radii on the default mask, and the 2019 method.
    expect(judgedRows.length).toBe(OBFUSCATION_METHOD_IDS.length * 3 + 1);
    for (const method of OBFUSCATION_METHOD_IDS) {
      for (const radius of [8, 16, 32]) {
        const r = row(method, radius)[0]!;
        const f = figures.judged(method, radius);
        const o = r.observers!;
        expect(f.any).toBe(percent(o.any, 1));
        expect(f.anyCount).toBe(`${Math.round(o.any * summary.people)} of ${summary.people}`);
        expect([f.cocoSsd, f.centerNet, f.pose]).toEqual([o.cocoSsd, o.centerNet, o.pose].map((x) => percent(x, 1)));
        // The worst observer is the one still finding the most people.
        expect(f.worst.share).toBe(percent(Math.max(o.cocoSsd, o.centerNet, o.pose, o.face), 1));
        expect(f.facesAgain).toBe(`${r.faces!.foundAgain} of ${r.faces!.before}`);
        expect(f.rank1).toBe(percent(r.reid!.rank1, 1));
        expect(f.timesChance).toBe((r.reid!.rank1 * summary.gallery).toFixed(1));
        expect(f.kept).toBe(percent(r.utility.kept, 1));
        expect(f.keptCount).toBe(`${Math.round(r.utility.kept * r.utility.objects)} of ${r.utility.objects}`);
        expect(f.keptClearCount).toBe(`${Math.round(r.utility.keptClear * r.utility.clear)} of ${r.utility.clear}`);
        expect(f.painted).toBe(r.utility.paintedPer10.toFixed(1));
      }
    }
    const baseline = summary.residual.find((r) => r.mode === "boxes")!;
    expect(figures.judged2019.any).toBe(percent(baseline.observers!.any, 1));
    const grown = summary.residual.find((r) => r.growth === 4 && r.method === "background")!;
    const grownMask = summary.masks.find(
      (m) => m.mode === defaults.mode && m.segmentationThreshold === defaults.segmentationThreshold && m.growth === 4,
    )!;
    expect(figures.grown("background", grown.radius, 4)).toEqual({
      rank1: percent(grown.reid!.rank1, 1),
      kept: percent(grown.utility.kept, 1),
      painted: grown.utility.paintedPer10.toFixed(1),
      precision: grownMask.precision.toFixed(2),
    });
    expect(figures.chance).toBe(percent(1 / summary.gallery, 1));
    expect(figures.before.any).toBe(percent(summary.before.observers.any, 1));
    expect(figures.target.any).toBe(percent(summary.targets.stillFoundByAny));
  });

  it("count the targets met and name the methods within each target as the data says", () => {
    const t = summary.targets;
    const mask = summary.masks.find(
      (r) => r.mode === defaults.mode && r.segmentationThreshold === defaults.segmentationThreshold && r.growth === 0,
    )!;
    const own = row(defaults.method, defaults.radius)[0]!;
    const met = [
      mask.recall >= t.recall,
      mask.precision >= t.precision,
      mask.covered90 >= t.covered90,
      own.stillDetected <= t.stillDetected,
      own.observers!.any <= t.stillFoundByAny,
      own.faces!.share <= t.facesFoundAgain,
      own.reid!.rank1 <= t.reidRank1,
      own.utility.keptClear >= t.keptClear,
      own.utility.kept >= t.kept,
      own.utility.paintedPer10 <= t.paintedPer10,
    ];
    expect(figures.againstTargets).toMatchObject({ met: met.filter(Boolean).length, total: met.length });
    expect(figures.againstTargets.missed.split("; ")).toHaveLength(met.filter((m) => !m).length);
    // Within the observers' target: the worst of the four observers still finds at most that share.
    const judged = summary.residual.filter((r) => r.observers !== null && r.mode === defaults.mode);
    const worst = (r: (typeof judged)[number]) =>
      Math.max(r.observers!.cocoSsd, r.observers!.centerNet, r.observers!.pose, r.observers!.face);
    const within = judged.filter((r) => worst(r) <= t.stillFoundByAny);
    const names = figures.tradeoff.private === "none" ? [] : figures.tradeoff.private.split(", ");
    expect(names).toHaveLength(within.length);
    for (const r of within)
      expect(names).toContain(`${OBFUSCATION_METHODS[r.method].label.toLowerCase()} r ${r.radius}`);
  });
});

describe("the README's summary of the evaluation", () => {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const section = readme.slice(
    readme.indexOf("## How private is it?"),
    readme.indexOf("\n## ", readme.indexOf("## How private is it?") + 1),
  );
  /** Every number in the data, to compare the README's rounded figures with. */
  const values: number[] = [];
  const collect = (v: unknown): void => {
    if (typeof v === "number") values.push(v);
    else if (v && typeof v === "object") for (const x of Object.values(v)) collect(x);
  };
  collect(summary);
  // Derived, as the README states it: re-identification's chance level, one in the gallery.
  values.push(1 / summary.gallery);
  /** Whether `figure` ("0.977", "15.8%") is one of `among`, rounded to the figure's own precision. */
  const isOneOf = (figure: string, among: readonly number[]): boolean => {
    const isPercent = figure.endsWith("%");
    const digits = figure.replace("%", "").split(".")[1]?.length ?? 0;
    const stated = Number(figure.replace("%", ""));
    return among.some((v) => Math.abs((isPercent ? 100 * v : v) - stated) <= 0.5 * 10 ** -digits + 1e-9);
  };
  const inData = (figure: string): boolean => isOneOf(figure, values);
  it("states only figures the data holds", () => {
    const figures = figuresIn(section);
    expect(figures.length).toBeGreaterThan(100);
    expect(figures.filter((f) => !inData(f))).toEqual([]);
  });

  it("the check tells a figure the data holds from one it does not", () => {
    const among = [0.1579, 0.9775, 0]; // fuzz r 16 still detected, the defaults' recall, background fill's 0 of 95
    expect(isOneOf("15.8%", among)).toBe(true);
    expect(isOneOf("0.977", among)).toBe(true); // rounded either way
    expect(isOneOf("0.978", among)).toBe(true);
    expect(isOneOf("1%", among)).toBe(false); // what the fuzz page once said of background fill
    expect(isOneOf("15.7%", among)).toBe(false);
  });
});
