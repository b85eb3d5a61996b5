// Everything the model side answers, in its worker or on the page when the worker fails: each service adds its
// own request kinds over one shared ModelContext (the backend, the model files, the current photo). A new kind
// of request is a new service module added here, and a method in the client (pipeline-client.ts).
import { type ModelContext, type ModelService, modelService } from "./model-service.js";

export type ModelSide = ModelService;

export function modelSide(context: ModelContext = {}): ModelSide {
  return { ...modelService(context) };
}
