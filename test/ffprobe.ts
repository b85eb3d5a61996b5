// What ffprobe says of a video file's first video stream, its frames counted by decoding them all: the check of
// "playable, with the right number of frames" for the command line's and the browser's exports alike.
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface ProbedVideo {
  readonly frames: number;
  /** As ffprobe gives it, e.g. "10/1". */
  readonly rate: string;
  readonly width: number;
  readonly height: number;
}

export async function ffprobe(path: string): Promise<ProbedVideo> {
  const { stdout } = await run("ffprobe", [
    ...["-v", "error", "-count_frames", "-select_streams", "v:0"],
    ...["-show_entries", "stream=nb_read_frames,r_frame_rate,width,height", "-of", "json", path],
  ]);
  const [stream] = (JSON.parse(stdout) as { streams: Array<Record<string, string | number>> }).streams;
  return {
    frames: Number(stream!.nb_read_frames),
    rate: String(stream!.r_frame_rate),
    width: Number(stream!.width),
    height: Number(stream!.height),
  };
}
