import { describe, expect, it } from 'vitest';
import { resolveLang, useColor } from '../../src/cli/options.js';
import { ProgressBar } from '../../src/cli/progress.js';

function fakeStream(isTTY: boolean): NodeJS.WriteStream & { written: string } {
  const stream = {
    isTTY,
    columns: 100,
    written: '',
    write(chunk: string) {
      stream.written += chunk;
      return true;
    },
  };
  return stream as unknown as NodeJS.WriteStream & { written: string };
}

describe('ProgressBar', () => {
  it('stays silent during the first second, then draws and clears itself', () => {
    let now = 0;
    const stream = fakeStream(true);
    const bar = new ProgressBar({ stream, enabled: true, lang: 'en', now: () => now });
    bar.update('discovery', 10, 100);
    bar.println('open  127.12.6.1:80');
    expect(stream.written).toBe('open  127.12.6.1:80\n');
    now = 1500;
    bar.countOpenPort();
    bar.update('discovery', 50, 100);
    expect(stream.written).toContain('[############............]  50% ports 50/100 · 1 open');
    bar.stop();
    expect(stream.written.endsWith('\r\u001b[K')).toBe(true);
  });

  it('writes nothing but result lines when disabled (no TTY, -q)', () => {
    let now = 0;
    const stream = fakeStream(false);
    const bar = new ProgressBar({ stream, enabled: false, lang: 'de', now: () => now });
    now = 5000;
    bar.update('discovery', 1, 2);
    bar.println('x');
    bar.stop();
    expect(stream.written).toBe('x\n');
  });
});

describe('options', () => {
  it('takes the language from --lang, else LC_ALL, LC_MESSAGES, LANG', () => {
    expect(resolveLang(undefined, { LANG: 'de_DE.UTF-8' })).toBe('de');
    expect(resolveLang(undefined, { LANG: 'de_DE.UTF-8', LC_ALL: 'en_US.UTF-8' })).toBe('en');
    expect(resolveLang(undefined, {})).toBe('en');
    expect(resolveLang('de', { LANG: 'C' })).toBe('de');
    expect(() => resolveLang('fr', {})).toThrow('--lang must be "de" or "en"');
  });

  it('colours only on a terminal without NO_COLOR', () => {
    expect(useColor(fakeStream(true), true, {})).toBe(true);
    expect(useColor(fakeStream(true), true, { NO_COLOR: '1' })).toBe(false);
    expect(useColor(fakeStream(false), true, {})).toBe(false);
    expect(useColor(fakeStream(true), false, {})).toBe(false);
  });
});
