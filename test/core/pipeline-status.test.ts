// The home page's status line in words: what it says for each moment of the pipeline (a stage waiting for
// the models, one running, a provisional result, a preview, the final result), where each part runs and why,
// and a failure of the models or of the photo, which stays said. Also a sample's build-time stages, restored
// once with their detections' identity.
import { describe, expect, it } from "vitest";
import type { Detection } from "../../components/core/types.js";
import { builtStages, type SampleStagesFile, storeStages } from "../../components/pipeline/stage-data.js";
import { selectRegions } from "../../components/pipeline/stages.js";
import { type ClientView, describePipeline, type PipelineView } from "../../components/views/pipeline-status.js";

const inWorkers: ClientView = {
  models: { state: "ready", requested: "wasm", backend: "wasm", attempts: [{ name: "wasm", ok: true }] },
  status: { models: { where: "worker" }, pixels: { where: "worker" } },
  runs: { detector: 1, segmenter: 9 },
};
const final: PipelineView["frame"] = {
  kind: "final",
  people: 3,
  maskShare: 0.123,
  hideMs: 41.6,
  width: 640,
  height: 480,
};

describe("describePipeline", () => {
  it("a final result: done, with where everything ran and the model runs", () => {
    const update = describePipeline({ frame: final, source: "models" }, inWorkers);
    expect(update.state).toBe("done");
    expect(update.text).toBe("Done: 3 people found, 12.3% of pixels replaced.");
    expect(update.details).toBe(
      "Computed by the models in this browser · models: ready (TensorFlow.js wasm backend) in a worker · " +
        "pixel work in a worker · model runs so far: detector 1, segmenter 9 · hiding took 42 ms",
    );
    expect(update.data).toMatchObject({
      people: 3,
      detectorRuns: 1,
      segmenterRuns: 9,
      backend: "wasm",
      source: "models",
      frame: "final",
    });
  });

  it("a sample from its build-time stages needs no model; nobody found is its own state", () => {
    const idle: ClientView = {
      ...inWorkers,
      models: { state: "idle", requested: "wasm" },
      runs: { detector: 0, segmenter: 0 },
    };
    const update = describePipeline({ frame: { ...final, people: 0 }, source: "build" }, idle);
    expect(update.state).toBe("no-people");
    expect(update.details).toMatch(
      /^Shown from this sample's stages, computed when the site was built: no model needed · models: not loaded/,
    );
    expect(update.data).toMatchObject({ models: "idle", backend: "", source: "build" });
  });

  it("a stage that needs the models waits for them with a progress bar, then says it runs", () => {
    const loading: ClientView = { ...inWorkers, models: { state: "loading", requested: "wasm", progress: 0.4 } };
    const stage = { text: "Finding people…", models: true };
    expect(describePipeline({ stage }, loading)).toMatchObject({
      state: "loading",
      text: "Loading the models…",
      figure: "40%",
      progress: 0.4,
    });
    // The announced message stays the same as the models load: the percentage is the figure's, not the text's.
    const later: ClientView = { ...loading, models: { ...loading.models, progress: 0.85 } };
    expect(describePipeline({ stage }, later)).toMatchObject({ text: "Loading the models…", figure: "85%" });
    expect(describePipeline({ stage }, inWorkers)).toMatchObject({ state: "running", text: "Finding people…" });
  });

  it("a provisional result and a preview are not done", () => {
    const stage = { text: "Segmenting…", models: true };
    expect(describePipeline({ stage, frame: { ...final, kind: "provisional" } }, inWorkers).state).toBe("running");
    const provisional = describePipeline({ frame: { ...final, kind: "provisional" } }, inWorkers);
    expect(provisional.text).toMatch(/^Found 3 people: each is hidden by an ellipse over their box/);
    const preview = describePipeline({ frame: { ...final, kind: "preview", width: 320, height: 240 } }, inWorkers);
    expect(preview).toMatchObject({
      state: "running",
      text: "Preview at 320 × 240; the full-size result follows when you stop.",
    });
  });

  it("says where a part runs on the main thread, and why", () => {
    const fallen: ClientView = {
      ...inWorkers,
      status: { models: { where: "main thread", reason: "the models worker crashed: x" }, pixels: { where: "worker" } },
    };
    expect(describePipeline({ frame: final }, fallen).details).toContain(
      "models: ready (TensorFlow.js wasm backend) on the main thread (the models worker crashed: x)",
    );
  });

  it("a refused photo, or models that could not load, are errors that stay while results are drawn", () => {
    expect(describePipeline({ problem: "x.txt is not an image", frame: final }, inWorkers)).toMatchObject({
      state: "error",
      text: "x.txt is not an image",
    });
    const failed: ClientView = {
      ...inWorkers,
      models: { state: "failed", requested: "wasm", error: "BodyPix failed to load." },
    };
    expect(describePipeline({ frame: final, source: "build" }, failed, "Reload.")).toMatchObject({
      state: "error",
      text: "BodyPix failed to load. Reload.",
    });
  });
});

describe("builtStages", () => {
  const person: Detection = { label: "person", score: 0.9, box: { x: 4, y: 4, width: 8, height: 12 } };
  const probabilities = { width: 10, height: 14, data: new Float32Array(140).fill(0.8) };
  const stored = storeStages(
    { width: 40, height: 30 },
    { detections: [person], ms: 5 },
    {
      mode: "boxes",
      regions: [
        { source: "box", box: { x: 3, y: 2, width: 10, height: 14 }, probabilities, detection: person, score: 0.9 },
      ],
      ms: 7,
    },
  );
  const file: SampleStagesFile = { backend: "wasm", mode: "boxes", internalResolution: "full", stages: stored };

  it("restores a sample's file once, its box regions referring to its own detections", () => {
    const stages = builtStages(file);
    expect(builtStages(file)).toBe(stages);
    expect(stages).toMatchObject({ backend: "wasm", mode: "boxes", internalResolution: "full" });
    expect(selectRegions(stages.segmentation, stages.detection, { scoreThreshold: 0.5, maxPeople: 5 })).toHaveLength(1);
    expect(builtStages(JSON.parse(JSON.stringify(file)))).not.toBe(stages);
  });
});
