/** Time, regions and people per segmentation mode, for one photo on one backend. */
export function TimingTable(
  rows: ReadonlyArray<{ mode: string; ms: number; regions: number; people: number }>,
): HTMLTableElement {
  const table = document.createElement("table");
  table.id = "timing-table";
  table.innerHTML = "<thead><tr><th>mode</th><th>segmentation time</th><th>regions</th><th>people</th></tr></thead>";
  const body = table.createTBody();
  for (const { mode, ms, regions, people } of rows) {
    const tr = body.insertRow();
    for (const text of [mode, `${Math.round(ms).toLocaleString("en")} ms`, String(regions), String(people)])
      tr.insertCell().textContent = text;
    tr.dataset.mode = mode;
    tr.dataset.ms = String(Math.round(ms));
  }
  return table;
}
