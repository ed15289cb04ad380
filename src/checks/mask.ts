/**
 * Redaction used by every check (DESIGN.md §5): the tool must never become the next leak.
 */

/** A secret as its first two characters plus its length: "se…(12)". */
export function maskSecret(secret: string): string {
  const chars = [...secret];
  return `${chars.slice(0, 2).join('')}…(${chars.length})`;
}

/**
 * A file name as its length and extension only: "…(23).pdf". File names in practices often
 * carry patient names, so not even initials are kept.
 */
export function maskFileName(name: string): string {
  const base = name.split('/').filter(Boolean).pop() ?? name;
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 && base.length - dot <= 6 ? base.slice(dot).toLowerCase() : '';
  return `…(${[...base].length})${ext}`;
}

/** "3 pdf, 1 dcm" from a count per type, largest first, ties by name for stable output. */
export function formatCounts(counts: ReadonlyMap<string, number>): string {
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([type, n]) => `${n} ${type}`)
    .join(', ');
}

/** Caps evidence text so a hostile server cannot inflate reports or the database. */
export function capEvidence(text: string, max = 500): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
