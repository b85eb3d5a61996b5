// A photo picker that also takes a dropped file, usable with Framework's view() or Generators.input():
// its value is the chosen File, or null, and it dispatches "input" when a file is picked, dropped or put
// away. The file is not read here: the page decodes it and says what is wrong with it.

export interface DropInputOptions {
  /** What the zone says; also the file input's accessible name. */
  label?: string;
  /** Smaller text after the label. */
  hint?: string;
  /** The file input's accept attribute. */
  accept?: string;
  /** Text of the button that puts the file away (value back to null). */
  clearLabel?: string;
  /** Another input (a sample picker) whose "input" event puts the file away too. */
  clearedBy?: EventTarget;
}

export interface DropInputElement extends HTMLDivElement {
  value: File | null;
}

const STYLE = `
.drop-input { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; font: 13px var(--sans-serif); }
.drop-input-zone { flex: 1 1 14rem; display: block; position: relative; padding: 0.75rem 1rem; cursor: pointer;
  border: 2px dashed var(--theme-foreground-faint); border-radius: 0.5rem; color: var(--theme-foreground); }
.drop-input-zone:hover, .drop-input-zone.dragging { border-color: var(--theme-foreground-focus); }
/* The file input is invisible over the zone: the zone shows its focus ring (from the keyboard only). */
.drop-input-zone:has(input:focus-visible) { outline: 3px solid var(--theme-foreground-focus); outline-offset: 2px; }
.drop-input-zone input { position: absolute; inset: 0; opacity: 0; width: 100%; cursor: pointer; }
.drop-input-label { font-weight: 600; }
.drop-input-hint, .drop-input-name { color: var(--theme-foreground-muted); }
.drop-input-name:not(:empty)::before { content: "Using: "; }
.drop-input-name { display: block; overflow-wrap: anywhere; }
`;

export function DropInput({
  label = "Choose a photo",
  hint = "or drop one here",
  accept = "image/*",
  clearLabel = "Back to the samples",
  clearedBy,
}: DropInputOptions = {}): DropInputElement {
  const root = document.createElement("div") as DropInputElement;
  root.className = "drop-input";
  const style = document.createElement("style");
  style.textContent = STYLE;

  // The <label> wraps the file input, so the whole zone opens the picker and names the input.
  const zone = document.createElement("label");
  zone.className = "drop-input-zone";
  const file = document.createElement("input");
  file.type = "file";
  file.accept = accept;
  const title = Object.assign(document.createElement("span"), { className: "drop-input-label", textContent: label });
  const hintText = Object.assign(document.createElement("span"), {
    className: "drop-input-hint",
    textContent: ` ${hint}`,
  });
  const name = Object.assign(document.createElement("span"), { className: "drop-input-name" });
  name.setAttribute("aria-live", "polite");
  zone.append(file, title, hintText, name);

  const clear = Object.assign(document.createElement("button"), {
    type: "button",
    textContent: clearLabel,
    hidden: true,
  });
  root.append(style, zone, clear);

  let value: File | null = null;
  Object.defineProperty(root, "value", {
    get: () => value,
    // Like Observable Inputs, setting the value updates the display but dispatches nothing.
    set: (next: File | null) => {
      value = next;
      name.textContent = next ? next.name : "";
      clear.hidden = next === null;
    },
  });
  const choose = (next: File | null) => {
    root.value = next;
    root.dispatchEvent(new Event("input", { bubbles: true }));
  };

  // The native input's own "input" event would reach view() before the value is set: stop it, use change.
  file.addEventListener("input", (event) => event.stopPropagation());
  file.addEventListener("change", () => {
    const picked = file.files?.[0];
    file.value = ""; // so picking the same file again still counts
    if (picked) choose(picked);
  });
  // Enter opens the picker in every browser (natively some open it on Space only), and only once.
  file.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || event.repeat) return;
    event.preventDefault();
    file.showPicker();
  });
  clear.addEventListener("click", () => choose(null));
  clearedBy?.addEventListener("input", () => {
    if (value !== null) choose(null);
  });

  zone.addEventListener("dragenter", (event) => {
    event.preventDefault();
    zone.classList.add("dragging");
  });
  zone.addEventListener("dragover", (event) => event.preventDefault()); // allows the drop
  zone.addEventListener("dragleave", () => zone.classList.remove("dragging"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("dragging");
    const dropped = event.dataTransfer?.files[0];
    if (dropped) choose(dropped);
  });
  return root;
}
