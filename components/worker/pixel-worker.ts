// Module worker entry: the pixel service (masks and obfuscation, no tfjs) answering the page. Started by
// components/browser/pipeline-client.ts with new Worker(import.meta.resolve(…), {type: "module"}).
import { pixelService } from "./pixel-service.js";
import { type Port, serve } from "./protocol.js";

serve(self as unknown as Port, pixelService());
