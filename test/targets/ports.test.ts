import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/types.js';
import { DEFAULT_PORTS, defaultPortList, parsePorts } from '../../src/targets/index.js';
import { NMAP_TOP_TCP_PORTS } from '../../src/targets/nmap-top-ports.js';
import { deriveTopTcpPorts, NMAP_SERVICES, renderTopPortsModule } from './nmap-top-ports.js';

describe('parsePorts', () => {
  it('reads nmap syntax', () => {
    expect(parsePorts('22,80,440-449')).toEqual([22, 80, 440, 441, 442, 443, 444, 445, 446, 447, 448, 449]);
    expect(parsePorts('80,22,80,21-23')).toEqual([21, 22, 23, 80]);
    expect(parsePorts('-')).toHaveLength(65535);
    expect(parsePorts('1-65535')).toHaveLength(65535);
    expect(parsePorts('65530-')).toEqual([65530, 65531, 65532, 65533, 65534, 65535]);
    expect(parsePorts('-3')).toEqual([1, 2, 3]);
    expect(parsePorts('T:22, 23')).toEqual([22, 23]);
  });

  it.each([
    ['0', 'port 0'],
    ['65536', 'ports end at 65535'],
    ['80-70', 'before its start'],
    ['22,,80', 'empty entry'],
    ['http', 'not a number'],
    ['U:53', 'only TCP'],
    ['', 'empty port list'],
    ['1-70000', 'ports end at 65535'],
  ])('rejects %j', (spec, why) => {
    expect(() => parsePorts(spec)).toThrow(UsageError);
    expect(() => parsePorts(spec)).toThrow(why);
  });
});

describe('DEFAULT_PORTS', () => {
  it('holds nmap top 1000 plus the practice ports, each with a reason in both languages', () => {
    const ports = defaultPortList();
    expect(new Set(ports).size).toBe(ports.length);
    for (const p of NMAP_TOP_TCP_PORTS) expect(ports).toContain(p[0]);
    for (const p of [104, 11112, 4242, 2575, 2761, 2762, 8042, 440, 449, 3306, 5432, 6379, 27017, 11211, 9200, 5900, 3389, 445, 21, 23]) {
      expect(ports).toContain(p);
    }
    expect(ports.length).toBeGreaterThan(1000);
    for (const entry of DEFAULT_PORTS) {
      expect(entry.reason.length).toBeGreaterThan(5);
      expect(entry.reasons.de.length).toBeGreaterThan(5);
      expect(entry.service).not.toBe('');
    }
    expect(DEFAULT_PORTS.find((p) => p.port === 104)?.reasons.de).toContain('DICOM');
  });

  it.runIf(existsSync(NMAP_SERVICES))('matches the list derived from nmap-services and nmap itself', () => {
    const pairs = deriveTopTcpPorts(readFileSync(NMAP_SERVICES, 'utf8'), 1000);
    if (process.env.REGENERATE_TOP_PORTS) {
      const version = /Nmap version ([\d.]+)/.exec(execFileSync('nmap', ['--version']).toString())?.[1] ?? '?';
      writeFileSync(new URL('../../src/targets/nmap-top-ports.ts', import.meta.url), renderTopPortsModule(pairs, version));
    }
    const derived = pairs.map((p) => p[0]);
    expect(NMAP_TOP_TCP_PORTS.map((p) => p[0])).toEqual(derived);
    const xml = execFileSync('nmap', ['-n', '-sT', '--top-ports', '1000', '-oX', '-'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString();
    const list = / services="([^"]*)"/.exec(xml)?.[1] ?? '';
    expect(parsePorts(list)).toEqual([...derived].sort((a, b) => a - b));
  });
});
