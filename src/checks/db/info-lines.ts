/** "key:value" / "STAT key value" lines of Redis INFO and memcached stats as a map (first wins). */
export function parseStatLines(text: string, pattern: RegExp): Map<string, string> {
  const stats = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = pattern.exec(line);
    if (m?.[1] && m[2] !== undefined && !stats.has(m[1])) stats.set(m[1], m[2]);
  }
  return stats;
}
