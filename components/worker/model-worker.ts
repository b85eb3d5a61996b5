// Module worker entry: the model side (tfjs, both models) answering the page. Started by
// components/browser/pipeline-client.ts with new Worker(import.meta.resolve(…), {type: "module"}).
import { modelSide } from "./model-side.js";
import { type Port, serve } from "./protocol.js";

serve(self as unknown as Port, modelSide());
