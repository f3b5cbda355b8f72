// Fixed-width tables for the benchmarks' output: column names in the header are separated by two
// spaces, and each cell is right-aligned under its name.
export function tableRow(header: string, cells: ReadonlyArray<string | number>): string {
  const widths = header.split(/ {2,}/).map((name, i) => name.length + (i ? 1 : 0));
  return cells.map((cell, i) => String(cell).padStart(widths[i] ?? 0)).join(' ');
}

/** Ratio of calls made to the minimum, two decimals. */
export function ratio(calls: number, minimum: number): string {
  return (calls / minimum).toFixed(2);
}
