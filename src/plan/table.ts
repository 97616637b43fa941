/** Plain-text tables for terminal reports. */

/** Left-aligned first column, right-aligned others; widths from the longest cell (no spreads). */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h) => h.length);
  for (const r of rows) {
    for (let i = 0; i < widths.length; i++) widths[i] = Math.max(widths[i]!, (r[i] ?? '').length);
  }
  const line = (r: readonly string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/**
 * The first `max` rows and, when there are more, a line saying how many were left out and where
 * the complete list is.
 */
export function limitRows<T>(rows: readonly T[], max: number, what: string): { rows: readonly T[]; more: string | null } {
  if (rows.length <= max) return { rows, more: null };
  const rest = rows.length - max;
  return { rows: rows.slice(0, max), more: `  … and ${rest.toLocaleString('en-US')} more ${what} (--json lists all)` };
}
