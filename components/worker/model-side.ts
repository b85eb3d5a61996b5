// Everything the model side answers, in its worker or on the page when the worker fails: the pipeline's model
// stages (model-service.ts, over one shared ModelContext: the backend, the model files, the current photo) and
// the independent observers (observer-service.ts), in one tfjs. A new kind of request is a new service module
// added here, and a method in a client (pipeline-client.ts, observer-client.ts).
import { type ModelContext, type ModelService, modelService } from "./model-service.js";
import { type ObserverService, observerService } from "./observer-service.js";

export type ModelSide = ModelService & ObserverService;

export function modelSide(context: ModelContext = {}): ModelSide {
  return { ...modelService(context), ...observerService() };
}
