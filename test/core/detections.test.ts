import { describe, expect, it } from "vitest";
import { selectPeople } from "../../components/core/detections.js";
import type { Detection } from "../../components/core/types.js";

const d = (label: string, score: number): Detection => ({ label, score, box: { x: 0, y: 0, width: 1, height: 1 } });

describe("selectPeople", () => {
  const all = [
    d("person", 0.4),
    d("dog", 0.99),
    d("person", 0.9),
    d("person", 0.6),
    d("person", 0.9),
    d("person", NaN),
  ];
  it("keeps confident people, best first, ties in input order", () => {
    const out = selectPeople(all);
    expect(out.map((x) => x.score)).toEqual([0.9, 0.9, 0.6]);
    expect(out[0]).toBe(all[2]);
    expect(out[1]).toBe(all[4]);
  });
  it("applies maxPeople, minScore and label", () => {
    expect(selectPeople(all, { maxPeople: 1 }).map((x) => x.score)).toEqual([0.9]);
    expect(selectPeople(all, { minScore: 0 }).length).toBe(4);
    expect(selectPeople(all, { label: "dog" }).map((x) => x.label)).toEqual(["dog"]);
    expect(selectPeople(all, { maxPeople: 0 })).toEqual([]);
  });
  it("does not modify its input", () => {
    const copy = [...all];
    selectPeople(all);
    expect(all).toEqual(copy);
  });
  it("rejects bad options", () => {
    expect(() => selectPeople(all, { minScore: 1.5 })).toThrow(/minScore must be a number in \[0, 1\], got 1.5/);
    expect(() => selectPeople(all, { maxPeople: -1 })).toThrow(/maxPeople must be a non-negative integer, got -1/);
    expect(() => selectPeople(all, { maxPeople: 2.5 })).toThrow(RangeError);
    expect(() => selectPeople(all, { label: 3 as unknown as string })).toThrow(TypeError);
    expect(() => selectPeople(null as unknown as Detection[])).toThrow(/detections must be an array/);
  });
});
