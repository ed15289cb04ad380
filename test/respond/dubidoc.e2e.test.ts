import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESPOND_BACKENDS, cli, seedDubidocFindings, showJson } from './cli-harness.js';

const hoursAgo = (h: number): string => new Date(Date.now() - h * 3600_000).toISOString();

describe.each(RESPOND_BACKENDS)('dubidoc end to end ($name)', (backend) => {
  let args: string[];
  let stop: () => Promise<void>;
  let findingIds: number[];

  beforeAll(async () => {
    const started = await backend.start();
    args = started.args;
    stop = started.stop;
    findingIds = await seedDubidocFindings(started.options);
  }, 60_000);
  afterAll(async () => stop());

  it('findings → incident → very high severity → complete notices → register', async () => {
    expect(findingIds).toHaveLength(2);
    const id = (await cli(['incident', 'open', ...args, '--author', 'dpo', '--site', 'dubidoc', '--title', 'Symfony-Profiler und offene Datenbank',
      ...findingIds.flatMap((f) => ['--finding', String(f)]), '--discovered-at', hoursAgo(6)])).trim();
    expect(id).toMatch(/^\d+$/);

    // The findings suggest, the DPO decides: credentials take the category of the database behind them.
    const opened = await showJson(id, args);
    expect(opened.severity).toBeNull();
    expect(opened.deadline).toBeNull();
    expect(opened.suggestions.confidentiality).toBe(0.5);
    expect(opened.suggestions.category).toBeUndefined();
    expect(JSON.stringify(opened.suggestions.hints)).toMatch(/inherit|erben|take the category/);

    const assessed = await cli(['incident', 'assess', id, ...args, '--author', 'dpo', '--category', 'simple', '--dpc', '4',
      '--dpc-reason', 'Termine bei namentlich genannten Ärzten lassen auf Gesundheit schließen; die Zugangsdaten öffneten die ganze Termindatenbank',
      '--ei', '1', '--confidentiality', '0.5', '--integrity', '0.25', '--availability', '0.25']);
    expect(assessed).toContain('SE = 5 – very high / groß');

    const draft = await cli(['incident', 'notice', id, ...args, '--to', 'authority', '--lang', 'de']);
    expect(draft).toContain('ENTWURF');
    await expect(cli(['incident', 'notice', id, ...args, '--to', 'authority', '--mark-ready'])).rejects.toThrow(/cannot be marked ready; missing: .*Art\. 33\(3\)\(b\)/);

    await cli(['incident', 'update', id, ...args, '--author', 'dpo', '--aware-at', hoursAgo(3), '--aware-decided-by', 'Dr. Beispiel (DSB)',
      '--controller', 'dubidoc Terminservice, Musterstraße 1, 91522 Ansbach',
      '--nature', 'Ein offen erreichbarer Symfony-Profiler zeigte Zugangsdaten zu Datenbank und E-Mail im Klartext; der Datenbankserver war aus dem Internet erreichbar.',
      '--subject-categories', 'Patientinnen und Patienten, Praxismitarbeitende', '--subjects', '960000',
      '--record-categories', 'Namen, Geburtsdaten, Telefonnummern, E-Mail-Adressen, Geschlecht, Termine mit behandelnden Ärzten', '--records', '3000000',
      '--contact', 'Datenschutzbeauftragte, datenschutz@example.invalid, 0981 000000',
      '--consequences', 'Rückschlüsse auf Behandlungen, Phishing unter Bezug auf echte Termine, verschobene oder abgesagte Termine.',
      '--measures', 'Profiler abgeschaltet, Datenbank nur noch intern erreichbar, alle Zugangsdaten ausgetauscht, Protokolle gesichert.']);

    const shown = await showJson(id, args);
    expect(shown.severity).toMatchObject({ score: 5, level: 4, band: 'very-high', label: { de: 'groß', en: 'very high' } });
    expect(shown.severity?.flags.manyAffected).toBe(false); // --affected not given at assessment time
    expect(shown.deadline?.overdue).toBe(false);
    expect(shown.deadline?.hoursLeft).toBeGreaterThan(68.9);
    expect(shown.deadline?.due).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[12]:00$/);
    expect(shown.decision.action).toBe('notify-authority-and-patients');
    expect(shown.noticeMissing).toEqual([]);
    expect(shown.site).toBe('dubidoc');
    expect(shown.land).toBe('BY');

    const notice = await cli(['incident', 'notice', id, ...args, '--to', 'authority', '--lang', 'de', '--mark-ready', '--author', 'dpo']);
    expect(notice).toContain('Vollständig');
    expect(notice).not.toContain('[FEHLT]');
    for (const item of ['a) Art der Verletzung', 'b) Datenschutzbeauftragte', 'c) Wahrscheinliche Folgen', 'd) Ergriffene oder vorgeschlagene Maßnahmen',
      'ca. 960.000', 'ca. 3.000.000', 'Bayerisches Landesamt für Datenschutzaufsicht', 'Promenade 27', 'SE = 5 – groß', 'Art. 83 Abs. 4', 'Erstmeldung']) {
      expect(notice).toContain(item);
    }
    const html = await cli(['incident', 'notice', id, ...args, '--to', 'authority', '--lang', 'en', '--format', 'html']);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('(b) Data protection officer or contact point');
    expect(html).toContain('Complete: every particular');

    const letter = await cli(['incident', 'notice', id, ...args, '--to', 'patients', '--lang', 'de']);
    expect(letter).toContain('Was ist passiert?');
    expect(letter).toContain('Was können Sie tun?');
    expect(letter).not.toContain('[FEHLT]');

    await cli(['incident', 'update', id, ...args, '--author', 'dpo', '--notified-authority-at', hoursAgo(1)]);
    // A later correction is a follow-up notification (Art. 33(4)) that lists what changed.
    await cli(['incident', 'update', id, ...args, '--author', 'dpo', '--subjects', '961000']);
    await cli(['incident', 'update', id, ...args, '--author', 'dpo', '--notified-authority-at', new Date().toISOString()]);
    const followUp = await showJson(id, args);
    expect(followUp.authorityNotifications.map((n) => n.phase)).toEqual([1, 2]);
    expect(followUp.deadline?.notified).toBe(true);
    expect(followUp.history.map((e) => e.kind)).toEqual(
      ['opened', 'assessed', 'updated', 'notice-ready', 'updated', 'authority-notified', 'updated', 'authority-notified']);
    expect(followUp.history.every((e) => e.author === 'dpo' && e.at.length > 0)).toBe(true);

    const csv = await cli(['register', 'export', ...args, '--format', 'csv']);
    const [header, line] = csv.trim().split('\r\n');
    expect(header).toContain('severity_band');
    expect(line).toMatch(new RegExp(`^${id},Symfony-Profiler und offene Datenbank,open,dubidoc,BY,`));
    expect(line).toContain('very-high');
    const json = JSON.parse(await cli(['register', 'export', ...args, '--format', 'json'])) as { incidents: { id: string; decision: string }[] };
    expect(json.incidents).toEqual([expect.objectContaining({ id, decision: 'notify-authority-and-patients' })]);
    expect(await cli(['register', 'export', ...args, '--format', 'html'])).toContain('Symfony-Profiler und offene Datenbank');
  }, 60_000);
});
