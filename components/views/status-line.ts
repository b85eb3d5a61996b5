// One line saying what a page or a section is doing, for people (text, a progress bar, a smaller second
// line) and for tests and scripts (data-state and other data-* attributes). Cells update it as they run,
// since a cell that waited for every stage could not say which one is running.

export type StatusState = "loading" | "running" | "done" | "no-people" | "error";

export interface StatusUpdate {
  readonly state: StatusState;
  /** The message, announced politely when it changes: say a state here, not a figure that moves. */
  readonly text: string;
  /**
   * A figure shown after the message that changes too often to be announced (a loading percentage): hidden from
   * screen readers, who get it from the progress bar.
   */
  readonly figure?: string;
  /** Share of the work done, 0–1: a progress bar shows until it reaches 1. */
  readonly progress?: number;
  /** A smaller second line (timings, the backend); the last one given stays until replaced. */
  readonly details?: string;
  /** Extra data-* attributes (camelCase keys), added to those already set. */
  readonly data?: Readonly<Record<string, string | number>>;
}

/** A status line, `<p id=… role="status" data-state=…>`, showing `update`. */
export function StatusLine(update: StatusUpdate, { id }: { id: string }): HTMLParagraphElement {
  const line = document.createElement("p");
  line.id = id;
  line.className = "status-line";
  line.setAttribute("role", "status");
  line.style.cssText = "font-weight:500;max-width:none;";
  const message = document.createElement("span");
  message.id = `${id}-message`;
  const figure = document.createElement("span");
  figure.setAttribute("aria-hidden", "true");
  const progress = document.createElement("progress");
  progress.max = 1;
  progress.setAttribute("aria-labelledby", message.id);
  progress.style.cssText = "margin-left:0.5em;vertical-align:middle;";
  const details = document.createElement("small");
  // The line is a polite live region (role=status): its message is read out as it changes, but not the figure
  // or the second line's timings and loading figures, which change too often to be worth hearing.
  details.setAttribute("aria-live", "off");
  details.style.cssText = "display:block;font-weight:normal;color:var(--theme-foreground-muted);";
  line.append(message, figure, progress, details);
  setStatus(line, update);
  return line;
}

/** Shows `update` on a line made by StatusLine. */
export function setStatus(
  line: HTMLElement,
  { state, text, figure = "", progress, details, data = {} }: StatusUpdate,
): void {
  const [message, shownFigure, bar, second] = line.children as unknown as [
    HTMLSpanElement,
    HTMLSpanElement,
    HTMLProgressElement,
    HTMLElement,
  ];
  line.dataset.state = state;
  // Rewriting the same text would be a change to the live region, which some screen readers read out again.
  if (message.textContent !== text) message.textContent = text;
  shownFigure.textContent = figure && ` ${figure}`;
  bar.hidden = progress === undefined || progress >= 1;
  if (progress !== undefined) bar.value = progress;
  if (details !== undefined) second.textContent = details;
  second.hidden = !second.textContent;
  line.style.color = state === "error" ? "var(--theme-red)" : "";
  for (const [key, value] of Object.entries(data)) line.dataset[key] = String(value);
}
