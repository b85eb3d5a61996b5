// Everything the model side answers, in its worker or on the page when the worker fails: the pipeline's model
// stages (model-service.ts, over one shared ModelContext: the backend, the model files, the current photo),
// the independent observers (observer-service.ts) and moving pictures (frame-service.ts, over the same
// models), in one tfjs. A new kind of request is a new service module added here, and a method in a client
// (pipeline-client.ts, observer-client.ts, video-webcam.ts).
import { type FrameService, frameService } from "./frame-service.js";
import { type ModelContext, type ModelService, modelService } from "./model-service.js";
import { type ObserverService, observerService } from "./observer-service.js";

export type ModelSide = ModelService & ObserverService & FrameService;

export function modelSide(context: ModelContext = {}): ModelSide {
  return { ...modelService(context), ...observerService(), ...frameService(() => context.models) };
}
