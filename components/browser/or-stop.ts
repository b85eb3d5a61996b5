import { setStatus } from "../views/status-line.js";

/**
 * `work`, or, when it fails, a promise that never settles while the status line says why (with `hint`
 * after the reason): the cells that need the result then stay blank instead of each showing the same error.
 */
export function orStop<T>(line: HTMLElement, work: Promise<T>, hint = ""): Promise<T> {
  return work.catch((error: unknown) => {
    const reason = (error as Error).message || String(error);
    setStatus(line, { state: "error", text: hint ? `${reason} ${hint}` : reason });
    return new Promise<T>(() => {});
  });
}
