// A tar archive (POSIX ustar) of a few files in memory: what a data loader writes when a page is to fetch one
// of several files (Framework extracts each file from the archive at build time).

const BLOCK = 512;

/** The archive of `files` (names of at most 100 ASCII bytes, flat). */
export function tarArchive(files: ReadonlyArray<{ readonly name: string; readonly data: Uint8Array }>): Buffer {
  const parts: Buffer[] = [];
  for (const { name, data } of files) {
    if (!/^[\x20-\x7e]{1,100}$/.test(name))
      throw new RangeError(`tar: file name must be 1–100 ASCII characters: ${name}`);
    const header = Buffer.alloc(BLOCK);
    const field = (offset: number, length: number, value: string) => header.write(value, offset, length, "ascii");
    const octal = (offset: number, length: number, value: number) =>
      field(offset, length, `${value.toString(8).padStart(length - 1, "0")}\0`);
    field(0, 100, name);
    octal(100, 8, 0o644); // mode
    octal(108, 8, 0); // uid
    octal(116, 8, 0); // gid
    octal(124, 12, data.length);
    octal(136, 12, 0); // mtime: fixed, so the archive depends on its contents only
    header.fill(0x20, 148, 156); // the checksum is computed with its own field as spaces
    field(156, 1, "0"); // a regular file
    field(257, 8, "ustar\x0000");
    let sum = 0;
    for (const byte of header) sum += byte;
    field(148, 8, `${sum.toString(8).padStart(6, "0")}\0 `);
    parts.push(header, Buffer.from(data), Buffer.alloc((BLOCK - (data.length % BLOCK)) % BLOCK));
  }
  parts.push(Buffer.alloc(2 * BLOCK)); // two empty blocks end the archive
  return Buffer.concat(parts);
}
