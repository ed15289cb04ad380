/**
 * Word-wraps `text` to `width` columns: the first line continues after a prefix of `firstUsed`
 * columns, later lines start with `indent`. Words longer than a line stay whole (URLs, paths).
 * Without a width (output to a file or a pipe) the text stays on one line, so grep still works.
 */
export function wrapText(text: string, opts: { width?: number; firstUsed: number; indent: string }): string {
  if (!opts.width) return text;
  const lines: string[] = [];
  let line = '';
  let room = Math.max(20, opts.width - opts.firstUsed);
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > room) {
      lines.push(line);
      line = word;
      room = Math.max(20, opts.width - opts.indent.length);
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  lines.push(line);
  return lines.join(`\n${opts.indent}`);
}
