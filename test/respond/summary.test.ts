import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatSpan, missingNoticeLines } from '../../src/respond/summary.js';
import { cli } from './cli-harness.js';

describe('formatSpan', () => {
  it('keeps hours up to 72 h (the whole clock), in the number format of the language', () => {
    expect(formatSpan(5.5, 'de')).toBe('5,5 Std.');
    expect(formatSpan(5.5, 'en')).toBe('5.5 h');
    expect(formatSpan(48, 'en')).toBe('48 h');
    expect(formatSpan(72, 'de')).toBe('72 Std.');
  });

  it('switches to days and hours beyond 72 h', () => {
    expect(formatSpan(23170.2, 'de')).toBe('965 Tagen 10 Std.');
    expect(formatSpan(23170.2, 'en')).toBe('965 days 10 h');
    expect(formatSpan(72.1, 'en')).toBe('3 days 0 h');
  });
});

describe('missingNoticeLines', () => {
  it('names the flag to set with a short label, aligned; an unknown item keeps its own label', () => {
    const lines = missingNoticeLines([
      { key: 'awareAt', label: { de: 'x', en: 'x' } },
      { key: 'subjectsApprox', label: { de: 'x', en: 'x' } },
      { key: 'somethingNew', label: { de: 'etwas Neues', en: 'something new' } },
    ], 'de');
    expect(lines).toEqual(['--aware-at  Zeitpunkt der Kenntnis', '--subjects  ungefähre Zahl Betroffener', 'etwas Neues']);
  });
});

describe('incident show as text', () => {
  let dir: string;
  let data: string[];
  let lateId: string;
  let openId: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'praxiswache-summary-'));
    data = ['--data', dir, '--author', 'dsb'];
    // Aware long ago, never notified: overdue by far more than 48 hours.
    lateId = (await cli(['incident', 'open', ...data, '--land', 'NI', '--title', 'Port 444 offen', '--aware-at', '2024-03-29T10:00'])).trim();
    await cli(['incident', 'assess', lateId, ...data, '--category', 'sensitive', '--dpc', '4', '--ei', '1', '--confidentiality', '0.5']);
    openId = (await cli(['incident', 'open', ...data, '--title', 'Noch unklar'])).trim();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('German: flags instead of field names, the recommendation as a sentence, overdue in days', async () => {
    const text = await cli(['incident', 'show', openId, '--data', dir, '--lang', 'de']);
    expect(text).toContain(`Meldung unvollständig, ergänzen mit: praxiswache incident update ${openId}`);
    expect(text).toMatch(/^ {4}--aware-at +Zeitpunkt der Kenntnis$/m);
    expect(text).toMatch(/^ {4}--subjects +ungefähre Zahl Betroffener$/m);
    expect(text).toMatch(/^ {4}--land +Bundesland$/m);
    expect(text).not.toMatch(/awareAt|subjectsApprox/);
    expect(text).toContain('Empfehlung: noch offen – zuerst den Schweregrad bewerten (incident assess)');

    const late = await cli(['incident', 'show', lateId, '--data', dir, '--lang', 'de']);
    expect(late).toMatch(/\(seit \d{3,} Tagen \d{1,2} Std\. ÜBERFÄLLIG\)/);
    expect(late).toContain('Empfehlung: der Aufsichtsbehörde melden (Art. 33 DSGVO) und die Patienten benachrichtigen (Art. 34 DSGVO)');
    expect(late).not.toContain('notify-authority');
    expect(late).toMatch(/^ {4}--delay-reasons +Gründe für die Verspätung$/m);
    expect(late).not.toMatch(/--aware-at/);
  });

  it('English: the same in English', async () => {
    const text = await cli(['incident', 'show', openId, '--data', dir, '--lang', 'en']);
    expect(text).toContain(`Notice incomplete, fill in with: praxiswache incident update ${openId}`);
    expect(text).toMatch(/^ {4}--aware-at +time of becoming aware$/m);
    expect(text).toMatch(/^ {4}--records +approximate number of records$/m);
    expect(text).not.toMatch(/awareAt|recordsApprox/);
    expect(text).toContain('Recommendation: pending – assess the severity first (incident assess)');

    const late = await cli(['incident', 'show', lateId, '--data', dir, '--lang', 'en']);
    expect(late).toMatch(/\(OVERDUE by \d{3,} days \d{1,2} h\)/);
    expect(late).toContain('Recommendation: notify the supervisory authority (Art. 33 GDPR) and inform the patients (Art. 34 GDPR)');
  });

  it('shows the hours left with one decimal while the 72 hours run', async () => {
    const soon = new Date(Date.now() - 60 * 3600_000).toISOString();
    const id = (await cli(['incident', 'open', ...data, '--land', 'NI', '--title', 'Frisch', '--aware-at', soon])).trim();
    expect(await cli(['incident', 'show', id, '--data', dir, '--lang', 'de'])).toMatch(/\(noch 1[12](,\d)? Std\.\)/);
    expect(await cli(['incident', 'show', id, '--data', dir, '--lang', 'en'])).toMatch(/\(1[12](\.\d)? h left\)/);
  });
});
