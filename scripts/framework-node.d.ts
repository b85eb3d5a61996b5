// Framework's own bundler for node_modules imports (it ships no type declarations).
declare module "@observablehq/framework/dist/node.js" {
  /** Bundles `specifier` into `<root>/.observablehq/cache/_node/…` unless already there; returns "/_node/…". */
  export function resolveNodeImport(root: string, specifier: string): Promise<string>;
}
