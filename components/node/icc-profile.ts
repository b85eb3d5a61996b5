// Embeds an ICC colour profile in encoded JPEG, PNG or WebP bytes as they are, without touching the pixels:
// sharp can only attach a profile by converting the pixels into it, and these pixels are already in it.
import * as zlib from "node:zlib";

export type ProfiledFormat = "jpeg" | "png" | "webp";

/** The colour space an ICC profile describes ("RGB", "GRAY", "CMYK", …), from its header. */
export function iccColourSpace(icc: Uint8Array): string {
  return Buffer.from(icc.buffer, icc.byteOffset, icc.byteLength).toString("latin1", 16, 20).trim();
}

/** `bytes` (as sharp wrote them, with no profile) with `icc` embedded; `width`, `height` and `alpha` describe the image. */
export function attachIccProfile(
  bytes: Buffer,
  format: ProfiledFormat,
  icc: Uint8Array,
  image: { width: number; height: number; alpha: boolean },
): Buffer {
  const profile = Buffer.from(icc.buffer, icc.byteOffset, icc.byteLength);
  if (format === "jpeg") return jpegWithProfile(bytes, profile);
  if (format === "png") return pngWithProfile(bytes, profile);
  return webpWithProfile(bytes, profile, image);
}

const JPEG_ICC_CHUNK = 65_519; // 65535 minus the length field and the 14-byte "ICC_PROFILE\0", n, count header

/** APP2 "ICC_PROFILE" segments right after the start-of-image marker (the ICC specification, annex B.4). */
function jpegWithProfile(bytes: Buffer, profile: Buffer): Buffer {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new Error("not a JPEG stream");
  const count = Math.ceil(profile.length / JPEG_ICC_CHUNK);
  if (count > 255) throw new Error(`the colour profile is too large for JPEG (${profile.length} bytes)`);
  const segments: Buffer[] = [];
  for (let n = 0; n < count; n++) {
    const chunk = profile.subarray(n * JPEG_ICC_CHUNK, (n + 1) * JPEG_ICC_CHUNK);
    const header = Buffer.alloc(18);
    header.writeUInt16BE(0xffe2, 0);
    header.writeUInt16BE(2 + 14 + chunk.length, 2);
    header.write("ICC_PROFILE\0", 4, "latin1");
    header[16] = n + 1;
    header[17] = count;
    segments.push(header, chunk);
  }
  return Buffer.concat([bytes.subarray(0, 2), ...segments, bytes.subarray(2)]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const frame = Buffer.alloc(12 + data.length);
  frame.writeUInt32BE(data.length, 0);
  frame.write(type, 4, "latin1");
  data.copy(frame, 8);
  frame.writeUInt32BE(zlib.crc32(frame.subarray(4, 8 + data.length)), 8 + data.length);
  return frame;
}

/** An iCCP chunk right after IHDR (it must come before PLTE and IDAT). */
function pngWithProfile(bytes: Buffer, profile: Buffer): Buffer {
  const afterHeader = 8 + 8 + 13 + 4; // signature, then IHDR: length, type, 13 bytes of data, CRC
  if (bytes.toString("latin1", 12, 16) !== "IHDR") throw new Error("not a PNG stream");
  const data = Buffer.concat([Buffer.from("ICC Profile\0\0", "latin1"), zlib.deflateSync(profile)]);
  return Buffer.concat([bytes.subarray(0, afterHeader), pngChunk("iCCP", data), bytes.subarray(afterHeader)]);
}

function riffChunk(type: string, data: Buffer): Buffer {
  const frame = Buffer.alloc(8 + data.length + (data.length & 1));
  frame.write(type, 0, "latin1");
  frame.writeUInt32LE(data.length, 4);
  data.copy(frame, 8);
  return frame;
}

/** The extended WebP layout: a VP8X header with the ICC flag, the ICCP chunk, then the image's own chunks. */
function webpWithProfile(bytes: Buffer, profile: Buffer, image: { width: number; height: number; alpha: boolean }) {
  if (bytes.toString("latin1", 0, 4) !== "RIFF" || bytes.toString("latin1", 8, 12) !== "WEBP")
    throw new Error("not a WebP stream");
  const ICC_FLAG = 0x20;
  const ALPHA_FLAG = 0x10;
  let body = bytes.subarray(12);
  let header: Buffer;
  if (body.toString("latin1", 0, 4) === "VP8X") {
    header = Buffer.from(body.subarray(0, 18));
    header[8] = header[8]! | ICC_FLAG;
    body = body.subarray(18);
  } else {
    const data = Buffer.alloc(10);
    data[0] = ICC_FLAG | (image.alpha ? ALPHA_FLAG : 0);
    data.writeUIntLE(image.width - 1, 4, 3);
    data.writeUIntLE(image.height - 1, 7, 3);
    header = riffChunk("VP8X", data);
  }
  const chunks = Buffer.concat([Buffer.from("WEBP", "latin1"), header, riffChunk("ICCP", profile), body]);
  const riff = Buffer.alloc(8);
  riff.write("RIFF", 0, "latin1");
  riff.writeUInt32LE(chunks.length, 4);
  return Buffer.concat([riff, chunks]);
}
