// A table of figures with a caption: the text equivalent of a chart (for screen readers, and for anyone who
// wants the numbers), or a table in its own right. Numbers are right-aligned in tabular figures.

export interface Column<R> {
  readonly label: string;
  readonly value: (row: R) => string;
  /** Right-aligned, tabular figures. */
  readonly numeric?: boolean;
}

export interface FigureTableOptions<R> {
  readonly caption: string;
  readonly id?: string;
  /** A class for a row (e.g. to set the defaults apart). */
  readonly rowClass?: (row: R) => string | undefined;
}

/** A table with its caption and column headers, and an empty body to fill. */
export function captionedTable(
  caption: string,
  headers: ReadonlyArray<{ readonly label: string; readonly numeric?: boolean }>,
): HTMLTableElement {
  const table = document.createElement("table");
  const c = table.createCaption();
  c.textContent = caption;
  c.style.cssText = "caption-side:top;text-align:left;font-size:0.85rem;color:var(--theme-foreground-muted);";
  const head = table.createTHead().insertRow();
  for (const { label, numeric } of headers) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = label;
    if (numeric) th.style.textAlign = "right";
    head.append(th);
  }
  table.createTBody();
  return table;
}

/** A wide table scrolls sideways on a phone, and can be scrolled from the keyboard (a labelled region). */
export function scrolling(table: HTMLTableElement): HTMLElement {
  const wrapper = document.createElement("div");
  wrapper.className = "figure-table";
  wrapper.style.cssText = "overflow-x:auto;max-width:100%;";
  wrapper.tabIndex = 0;
  wrapper.setAttribute("role", "region");
  wrapper.setAttribute("aria-label", table.caption?.textContent ?? "table");
  wrapper.append(table);
  return wrapper;
}

/** One row per item, one column each; the first column names the row (a row header for screen readers). */
export function FigureTable<R>(
  rows: readonly R[],
  columns: readonly Column<R>[],
  { caption, id, rowClass }: FigureTableOptions<R>,
): HTMLElement {
  const table = captionedTable(caption, columns);
  if (id) table.id = id;
  table.style.cssText = "font-size:0.85rem;max-width:none;";
  const body = table.tBodies[0]!;
  for (const row of rows) {
    const tr = body.insertRow();
    const extra = rowClass?.(row);
    if (extra) tr.className = extra;
    columns.forEach((column, k) => {
      const cell = k === 0 ? document.createElement("th") : tr.insertCell();
      if (k === 0) {
        (cell as HTMLTableCellElement).scope = "row";
        cell.style.fontWeight = "normal";
        tr.append(cell);
      }
      cell.textContent = column.value(row);
      if (column.numeric) cell.style.cssText = "text-align:right;font-variant-numeric:tabular-nums;";
    });
  }
  return scrolling(table);
}
