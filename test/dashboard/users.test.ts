import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../src/dashboard/password.js';
import { UserRepository } from '../../src/dashboard/users.js';
import { openStore } from '../../src/store/index.js';
import { BACKENDS } from '../store/backends.js';
import { ensureBuilt, MAIN, ROOT, waitFor } from '../cli/harness.js';

describe('dashboard passwords', () => {
  it('hashes with scrypt and a random salt; verifies the right password only', async () => {
    const a = await hashPassword('ein-langes-passwort');
    const b = await hashPassword('ein-langes-passwort');
    expect(a).toMatch(/^scrypt\$32768\$8\$3\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('ein-langes-passwort');
    expect(await verifyPassword('ein-langes-passwort', a)).toBe(true);
    expect(await verifyPassword('ein-langes-passworT', a)).toBe(false);
    expect(await verifyPassword('ein-langes-passwort', 'plain')).toBe(false);
    expect(await verifyPassword('ein-langes-passwort', a.replace(/\$[^$]+$/, '$AAAA'))).toBe(false);
  });
});

for (const backend of BACKENDS) {
  describe(`dashboard users on ${backend.name}`, () => {
    let env: Awaited<ReturnType<typeof backend.start>>;
    beforeAll(async () => {
      env = await backend.start();
    });
    afterAll(async () => {
      await env.stop();
    });

    it('adds, authenticates, replaces, lists and removes users through the migration-made table', async () => {
      const store = await openStore(env.options);
      try {
        const users = new UserRepository(store);
        expect(await users.count()).toBe(0);
        await users.add('anna', 'erstes-passwort-1');
        await expect(users.add('anna', 'zweites-passwort-2')).rejects.toThrow(/exists already/);
        await expect(users.add('bad name', 'zweites-passwort-2')).rejects.toThrow(/not allowed/);
        await expect(users.add('bernd', 'kurz')).rejects.toThrow(/at least 12/);
        expect((await users.authenticate('anna', 'erstes-passwort-1'))?.name).toBe('anna');
        expect(await users.authenticate('anna', 'zweites-passwort-2')).toBeUndefined();
        expect(await users.authenticate('nobody', 'erstes-passwort-1')).toBeUndefined();
        const { created } = await users.add('anna', 'zweites-passwort-2', { replace: true });
        expect(created).toBe(false);
        expect(await users.authenticate('anna', 'erstes-passwort-1')).toBeUndefined();
        expect((await users.authenticate('anna', 'zweites-passwort-2'))?.name).toBe('anna');
        await users.add('bernd', 'drittes-passwort-3'); // a second user without a token: NULLs do not collide
        expect((await users.list()).map((u) => u.name)).toEqual(['anna', 'bernd']);
        const token = await users.issueToken('bernd');
        expect((await users.authenticateToken(token))?.name).toBe('bernd');
        expect(await users.authenticateToken(token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')))).toBeUndefined();
        await users.remove('bernd');
        await expect(users.remove('bernd')).rejects.toThrow(/no user/);
        expect(await users.count()).toBe(1);
      } finally {
        await store.close();
      }
    });
  });
}

/** Runs the built CLI with `input` on standard input. */
function cli(args: string[], input = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [MAIN, ...args], { cwd: ROOT, env: { ...process.env, LANG: 'C', LC_ALL: '' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('user and dashboard commands', () => {
  let dir: string;
  beforeAll(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'praxiswache-users-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses to start the dashboard without a user, telling how to add one (exit 2)', async () => {
    const res = await cli(['dashboard', '--data', dir, '--listen', '127.61.4.1:0']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('praxiswache user add NAME');
  });

  it('takes the password from standard input, stores only its hash, lists and removes users', async () => {
    const added = await cli(['user', 'add', 'anna', '--data', dir, '--password-stdin'], 'ein-sehr-geheimes-wort\n');
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('added user anna');
    expect(added.stdout + added.stderr).not.toContain('ein-sehr-geheimes-wort');
    const store = await openStore({ data: dir });
    try {
      expect((await new UserRepository(store).authenticate('anna', 'ein-sehr-geheimes-wort'))?.name).toBe('anna');
    } finally {
      await store.close();
    }
    const empty = await cli(['user', 'add', 'bernd', '--data', dir, '--password-stdin'], '');
    expect(empty.code).toBe(2);
    const listed = await cli(['user', 'list', '--data', dir]);
    expect(listed.stdout).toMatch(/^anna\t/m);
    expect(listed.stdout).not.toContain('scrypt');
    // There is no flag that takes a password on the command line.
    expect((await cli(['user', 'add', 'carl', '--data', dir, '--password', 'x'])).code).toBe(2);
    const token = await cli(['user', 'token', 'anna', '--data', dir]);
    expect(token.stdout).toMatch(/^pw_[A-Za-z0-9_-]{43}\n$/);
    const stored = await openStore({ data: dir });
    try {
      expect((await new UserRepository(stored).authenticateToken(token.stdout.trim()))?.name).toBe('anna');
    } finally {
      await stored.close();
    }
    expect((await cli(['user', 'token', 'anna', '--data', dir, '--revoke'])).stdout).toContain('revoked');
    expect((await cli(['user', 'token', 'nobody', '--data', dir])).code).toBe(2);
    expect((await cli(['user', 'remove', 'anna', '--data', dir])).code).toBe(0);
    expect((await cli(['user', 'remove', 'anna', '--data', dir])).code).toBe(2);
  });

  it('serves on the given loopback address once a user exists and stops cleanly on SIGTERM', async () => {
    expect((await cli(['user', 'add', 'carla', '--data', dir, '--password-stdin'], 'noch-ein-passwort-7\n')).code).toBe(0);
    const child = spawn(process.execPath, [MAIN, 'dashboard', '--data', dir, '--listen', '127.61.4.2:0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    await waitFor(() => /http:\/\/127\.61\.4\.2:\d+\//.test(out) || child.exitCode !== null, 30_000);
    const url = /(http:\/\/127\.61\.4\.2:\d+\/)/.exec(out)?.[1] ?? '';
    expect(url, out).not.toBe('');
    const res = await fetch(`${url}login`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect((await fetch(url, { redirect: 'manual' })).status).toBe(303);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).not.toContain('WARNING');
  });

  it('refuses a non-loopback address without --allow-remote (exit 2)', async () => {
    const res = await cli(['dashboard', '--data', dir, '--listen', '0.0.0.0:8765']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--allow-remote');
    expect((await cli(['dashboard', '--data', dir, '--listen', 'nonsense'])).code).toBe(2);
  });
});
