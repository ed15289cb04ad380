import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/types.js';
import { countTargets, expandTargets, parseTargets, resolveNames, type TargetSpec } from '../../src/targets/index.js';

async function take(specs: TargetSpec[], n: number, resolve?: (name: string) => Promise<string[]>): Promise<string[]> {
  const out: string[] = [];
  for await (const t of expandTargets(specs, resolve ? { resolve } : {})) {
    out.push(t.address);
    if (out.length >= n) break;
  }
  return out;
}

function usageMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error('expected a UsageError');
}

describe('parseTargets', () => {
  it('accepts addresses, CIDR, last-octet and full ranges of both families', async () => {
    const specs = parseTargets(['127.12.0.1', '127.12.1.0/30', '127.12.2.1-3', '127.12.3.254-127.12.4.1', '::1', '2001:db8::/126', '::ffff:127.12.0.9']);
    expect(await take(specs, 100)).toEqual([
      '127.12.0.1',
      '127.12.1.0', '127.12.1.1', '127.12.1.2', '127.12.1.3',
      '127.12.2.1', '127.12.2.2', '127.12.2.3',
      '127.12.3.254', '127.12.3.255', '127.12.4.0', '127.12.4.1',
      '::1',
      '2001:db8::', '2001:db8::1', '2001:db8::2', '2001:db8::3',
      '::ffff:7f0c:9',
    ]);
    expect(countTargets(specs)).toBe(18);
  });

  it('aligns a CIDR token that is not on its network boundary', async () => {
    expect(await take(parseTargets(['127.12.9.77/31']), 10)).toEqual(['127.12.9.76', '127.12.9.77']);
  });

  it('names every bad token in one error', () => {
    const message = usageMessage(() =>
      parseTargets(['127.12.0.1', '300.1.1.1', '127.12.0.0/33', '127.12.0.9-3', 'bad_name!', '::1-127.0.0.1', '2001:db8::/64', '']),
    );
    for (const token of ['"300.1.1.1"', '"127.12.0.0/33"', '"127.12.0.9-3"', '"bad_name!"', '"::1-127.0.0.1"', '"2001:db8::/64"', 'empty target']) {
      expect(message).toContain(token);
    }
    expect(message).toContain('7 bad targets');
    expect(message).not.toContain('"127.12.0.1"');
  });

  it('reads @files with comments and blank lines; junk names file and line', () => {
    const files: Record<string, string> = {
      'ok.txt': '# practice Celle\n127.12.0.1   # router\n\n  127.12.0.2\r\n127.12.0.3',
      'junk.txt': '127.12.0.1\nthis is junk\n127.12.0.300\n@other.txt\n',
    };
    const readFile = (p: string): string => {
      const text = files[p];
      if (text === undefined) throw Object.assign(new Error('nope'), { code: 'ENOENT' });
      return text;
    };
    const specs = parseTargets(['@ok.txt'], { readFile });
    expect(specs.map((s) => s.token)).toEqual(['127.12.0.1', '127.12.0.2', '127.12.0.3']);
    expect(specs[0]?.origin).toBe('ok.txt:2');

    const message = usageMessage(() => parseTargets(['@junk.txt', '@missing.txt', '@'], { readFile }));
    expect(message).toContain('junk.txt:2: "this is junk": one target per line');
    expect(message).toContain('junk.txt:3: "127.12.0.300": not a valid IPv4 address');
    expect(message).toContain('junk.txt:4: "@other.txt"');
    expect(message).toContain('cannot read target file missing.txt: ENOENT');
    expect(message).toContain('"@" needs a file name');
  });

  it('refuses an empty target list', () => {
    expect(usageMessage(() => parseTargets(['@empty'], { readFile: () => '# nothing\n' }))).toContain('no targets');
  });

  it('skips repeated tokens but not overlapping ranges', () => {
    const specs = parseTargets(['127.12.0.1', '127.12.0.1', '127.12.0.0/31']);
    expect(specs).toHaveLength(2);
    expect(countTargets(specs)).toBe(3);
  });

  it('keeps a /16 lazy: memory does not grow while iterating', async () => {
    const specs = parseTargets(['127.12.0.0/16', '10.0.0.0/8']);
    expect(countTargets(specs)).toBe(65536 + 16777216);
    expect(await take(specs, 3)).toEqual(['127.12.0.0', '127.12.0.1', '127.12.0.2']);
    // Walk the whole /16 without keeping anything: heap must stay flat (an array of 65536 strings
    // plus objects would cost several MB).
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    let count = 0;
    let last = '';
    for await (const t of expandTargets([specs[0]!])) {
      count++;
      last = t.address;
    }
    const grown = process.memoryUsage().heapUsed - before;
    expect(count).toBe(65536);
    expect(last).toBe('127.12.255.255');
    expect(grown).toBeLessThan(8 * 1024 * 1024);
  });

  it('reports bigint counts beyond 2^53 and caps IPv6 blocks', () => {
    const big = Array.from({ length: 3000 }, (_, i) => `${i % 200}.${Math.floor(i / 200)}.0.0/0`);
    const specs = parseTargets(big.slice(0, 1));
    expect(countTargets(specs)).toBe(2 ** 32);
    expect(usageMessage(() => parseTargets(['2001:db8::/100']))).toContain('block too large (at most /104 for IPv6)');
    expect(countTargets(parseTargets(['2001:db8::/104']))).toBe(2 ** 24);
  });
});

describe('host names', () => {
  it('resolves lazily to every address, tagged with the name', async () => {
    const seen: string[] = [];
    const resolve = (name: string): Promise<string[]> => {
      seen.push(name);
      return Promise.resolve(['127.12.0.5', '127.12.0.6', '127.12.0.5']);
    };
    const specs = parseTargets(['Praxis.Example.', '127.12.0.1']);
    expect(seen).toEqual([]);
    const hosts = [];
    for await (const t of expandTargets(specs, { resolve })) hosts.push(t);
    expect(seen).toEqual(['praxis.example']);
    expect(hosts).toEqual([
      { address: '127.12.0.5', family: 4, hostname: 'praxis.example' },
      { address: '127.12.0.6', family: 4, hostname: 'praxis.example' },
      { address: '127.12.0.1', family: 4 },
    ]);
  });

  it('names a host that does not resolve', async () => {
    const resolve = (): Promise<string[]> => Promise.reject(Object.assign(new Error('x'), { code: 'ENOTFOUND' }));
    const specs = parseTargets(['@list'], { readFile: () => '127.12.0.1\nnope.invalid\n' });
    await expect(resolveNames(specs, { resolve })).rejects.toThrow('list:2: "nope.invalid": host name does not resolve (ENOTFOUND)');
    await expect(take(specs, 10, resolve)).rejects.toBeInstanceOf(UsageError);
  });

  it('resolves localhost through the system resolver', async () => {
    const specs = await resolveNames(parseTargets(['localhost']));
    expect(specs.length).toBeGreaterThan(0);
    const hosts = [];
    for await (const t of expandTargets(specs)) hosts.push(t);
    expect(hosts.every((h) => h.hostname === 'localhost')).toBe(true);
    expect(hosts.map((h) => h.address)).toContain('127.0.0.1');
  });
});
