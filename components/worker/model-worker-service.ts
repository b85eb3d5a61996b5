// Everything the model worker serves, in one tfjs: the pipeline's model stages (model-service.ts) and the
// independent observers (observer-service.ts). The worker entry and the client's main-thread fallback serve
// the same, so a request finds its method wherever the models run.
import { type ModelService, modelService } from "./model-service.js";
import { type ObserverService, observerService } from "./observer-service.js";

export type ModelWorkerService = ModelService & ObserverService;

export function modelWorkerService(): ModelWorkerService {
  return { ...modelService(), ...observerService() };
}
