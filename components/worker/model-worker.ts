// Module worker entry: the model service (tfjs, both models) answering the page. Started by
// components/browser/pipeline-client.ts with new Worker(import.meta.resolve(…), {type: "module"}).
import { modelWorkerService } from "./model-worker-service.js";
import { type Port, serve } from "./protocol.js";

serve(self as unknown as Port, modelWorkerService());
