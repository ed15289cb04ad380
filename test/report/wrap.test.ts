import { describe, expect, it } from 'vitest';
import { wrapText } from '../../src/report/wrap.js';

describe('wrapText', () => {
  it('keeps one line without a width (files, pipes)', () => {
    const text = 'a '.repeat(200).trim();
    expect(wrapText(text, { firstUsed: 10, indent: '  ' })).toBe(text);
  });

  it('wraps at the width with a hanging indent and loses no word', () => {
    const words = Array.from({ length: 60 }, (_, i) => `word${i}`);
    const wrapped = wrapText(words.join(' '), { width: 50, firstUsed: 20, indent: '    ' });
    const lines = wrapped.split('\n');
    expect(lines.length).toBeGreaterThan(3);
    expect(20 + lines[0]!.length).toBeLessThanOrEqual(50);
    for (const line of lines.slice(1)) {
      expect(line.startsWith('    ')).toBe(true);
      expect(line.length).toBeLessThanOrEqual(50);
    }
    expect(wrapped.split(/\s+/).filter(Boolean)).toEqual(words);
  });

  it('never breaks a word longer than the line (URLs stay usable)', () => {
    const url = `https://example.test/${'x'.repeat(80)}`;
    expect(wrapText(`see ${url} now`, { width: 40, firstUsed: 0, indent: '' }).split('\n')).toContain(url);
  });
});
