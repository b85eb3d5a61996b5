// A module worker under the page's own Content-Security-Policy. A worker loaded from the site's URL takes its
// policy from that script's response headers, and a static site sends none (the pages carry theirs in a
// <meta>): such a worker could connect anywhere, photo in hand. A worker started from a blob: URL inherits
// the page's policy (CSP 3, "local scheme" workers), so the worker here is a one-line blob that imports the
// real module; connect-src 'self' then holds inside it too. The page's policy must allow blob: workers.

/**
 * Starts `url` (a module worker script of this site) as a module worker governed by the page's policy. The
 * blob URL carries the script's name after "#", so the worker can still be told apart by its URL.
 */
export function startPolicedWorker(url: string): Worker {
  const absolute = new URL(url, location.href).href;
  const source = `import ${JSON.stringify(absolute)};\n`;
  const blob = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
  const name = new URL(absolute).pathname.split("/").pop() ?? "worker";
  return new Worker(`${blob}#${name}`, { type: "module" });
}
