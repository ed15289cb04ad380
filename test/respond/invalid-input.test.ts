import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/types.js';
import { RESPOND_BACKENDS, cli, seedDubidocFindings, showJson } from './cli-harness.js';

const sqlite = RESPOND_BACKENDS[0]!;

describe('invalid input gives a clear error and changes nothing', () => {
  let args: string[];
  let stop: () => Promise<void>;
  let id: string;

  beforeAll(async () => {
    const started = await sqlite.start();
    args = started.args;
    stop = started.stop;
    await seedDubidocFindings(started.options);
    id = (await cli(['incident', 'open', ...args, '--author', 'dpo', '--land', 'ni', '--title', 'Befundserver Celle',
      '--discovered-at', '2024-03-29T08:00', '--aware-at', '2024-03-29T10:00'])).trim();
  });
  afterAll(async () => stop());

  it('refuses an unknown Land and creates no incident', async () => {
    await expect(cli(['incident', 'open', ...args, '--land', 'XX', '--title', 'x'])).rejects.toThrow(UsageError);
    await expect(cli(['incident', 'open', ...args, '--land', 'XX', '--title', 'x'])).rejects.toThrow(/unknown Land "XX" \(use one of BW, BY/);
    await expect(cli(['incident', 'open', ...args, '--site', 'no-such-site', '--title', 'x'])).rejects.toThrow(/no site "no-such-site"/);
    await expect(cli(['incident', 'open', ...args, '--land', 'BY', '--title', 'x', '--finding', '999'])).rejects.toThrow(/no finding 999/);
    const all = JSON.parse(await cli(['incident', 'list', ...args, '--format', 'json'])) as unknown[];
    expect(all).toHaveLength(1);
    await expect(cli(['incident', 'update', id, ...args, '--land', 'Niedersachsen'])).rejects.toThrow(/unknown Land/);
    expect((await showJson(id, args)).land).toBe('NI');
  });

  it('refuses scores out of range and stores no assessment', async () => {
    const before = await showJson(id, args);
    const base = ['incident', 'assess', id, ...args];
    await expect(cli([...base, '--dpc', '5', '--ei', '1'])).rejects.toThrow(/--dpc must lie between 1 and 4/);
    await expect(cli([...base, '--dpc', '0', '--ei', '1'])).rejects.toThrow(/--dpc must lie between 1 and 4/);
    await expect(cli([...base, '--dpc', '4', '--ei', '0.6'])).rejects.toThrow(/--ei must be one of 0.25, 0.5, 0.75, 1/);
    await expect(cli([...base, '--dpc', '4', '--ei', '1', '--confidentiality', '1'])).rejects.toThrow(/--confidentiality must be one of 0, 0.25, 0.5/);
    await expect(cli([...base, '--dpc', '4', '--ei', 'one'])).rejects.toThrow(/--ei must be one of/);
    await expect(cli([...base, '--dpc', '3', '--category', 'simple', '--ei', '1'])).rejects.toThrow(/give the reason with --dpc-reason/);
    await expect(cli([...base, '--dpc', '4', '--category', 'medical', '--ei', '1'])).rejects.toThrow(/--category must be one of simple/);
    const after = await showJson(id, args);
    expect(after.severity).toBeNull();
    expect(after.history).toEqual(before.history);
  });

  it('refuses awareness before discovery and other out-of-order times, leaving the timeline as it was', async () => {
    const before = await showJson(id, args);
    await expect(cli(['incident', 'update', id, ...args, '--aware-at', '2024-03-29T07:59'])).rejects.toThrow(/awareness cannot be before discovery/);
    await expect(cli(['incident', 'open', ...args, '--land', 'BY', '--title', 'x', '--discovered-at', '2024-03-29T08:00', '--aware-at', '2024-03-28T08:00']))
      .rejects.toThrow(/awareness cannot be before discovery/);
    await expect(cli(['incident', 'update', id, ...args, '--discovered-at', '2024-03-30T08:00'])).rejects.toThrow(/awareness cannot be before discovery/);
    await expect(cli(['incident', 'update', id, ...args, '--notified-patients-at', '2024-03-29T09:00'])).rejects.toThrow(/cannot be before the time of becoming aware/);
    await expect(cli(['incident', 'update', id, ...args, '--aware-at', '2024-03-31T02:30'])).rejects.toThrow(/does not exist in Europe\/Berlin/);
    await expect(cli(['incident', 'update', id, ...args, '--aware-at', 'gestern'])).rejects.toThrow(/not an ISO 8601 time/);
    // The notice is incomplete, so a notification cannot be recorded either.
    await expect(cli(['incident', 'update', id, ...args, '--notified-authority-at', '2024-03-30T10:00'])).rejects.toThrow(/Art\. 33 notice is not complete/);
    const after = await showJson(id, args);
    expect(after.timeline).toEqual(before.timeline);
    expect(after.history).toEqual(before.history);
    expect(after.deadline?.due).toBe('2024-04-01T11:00:00+02:00');
    expect(after.deadline?.overdue).toBe(true);
  });

  it('requires reasons for a late notification (Art. 33(1))', async () => {
    await cli(['incident', 'update', id, ...args, '--author', 'dpo', '--controller', 'Praxis Dr. Muster, Celle', '--nature', 'Befundserver über Port 440–449 erreichbar',
      '--subject-categories', 'Patienten', '--subjects', '30000', '--record-categories', 'Arztberichte, Befunde, Gesprächsnotizen', '--records', '30000',
      '--contact', 'DSB, dsb@example.invalid', '--consequences', 'Offenlegung von Diagnosen', '--measures', 'Portweiterleitung entfernt, Router gepatcht']);
    await expect(cli(['incident', 'update', id, ...args, '--notified-authority-at', '2024-04-02T09:00'])).rejects.toThrow(/reasons for the delay/);
    await cli(['incident', 'update', id, ...args, '--author', 'dpo', '--notified-authority-at', '2024-04-02T09:00',
      '--delay-reasons', 'Der Umfang war erst nach Auswertung der Router-Protokolle am 2. April bekannt.']);
    const shown = await showJson(id, args);
    expect(shown.timeline.notifiedAuthorityAt).toBe('2024-04-02T07:00:00.000Z');
    expect(shown.deadline).toMatchObject({ notified: true, overdue: false });
  });
});
