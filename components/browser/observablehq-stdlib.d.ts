// Types for the parts of Observable Framework's client library that components/browser/ uses. Framework
// provides "observablehq:stdlib" in the browser; this declaration only lets `tsc --noEmit` check the code.
declare module "observablehq:stdlib" {
  export interface AbstractFile {
    readonly name: string;
    readonly mimeType: string;
    readonly lastModified: number | undefined;
    readonly size: number | undefined;
    /** The URL Framework serves the file from (content-hashed in a build). */
    readonly href: string;
    url(): Promise<string>;
    blob(): Promise<Blob>;
    arrayBuffer(): Promise<ArrayBuffer>;
    text(): Promise<string>;
    json(): Promise<unknown>;
    image(props?: Partial<HTMLImageElement>): Promise<HTMLImageElement>;
  }
  /** Takes a string literal only: Framework finds the files to ship by reading the source. */
  export function FileAttachment(name: string): AbstractFile;
}
