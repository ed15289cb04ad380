// The text under `praxiswache --help`: the first steps, exit codes, environment and language.
// A practice owner with a German locale gets it in German; the option texts of commander stay
// English (one language per option list keeps them consistent), and the help says so.
import type { Command } from 'commander';
import type { Lang } from '../core/types.js';

const OVERVIEW: Record<Lang, string> = {
  en: `
First steps:
  praxiswache demo                                   see it work on a simulated practice network
  praxiswache scan 203.0.113.7                       the practice's public IP, curated default ports
  praxiswache site add praxis-celle --land NI --targets 203.0.113.7 --email it@praxis.example
  praxiswache watch --once praxis-celle              scan, store, alert on what is new
  praxiswache incident open --site praxis-celle --title "…" --finding 31   GDPR breach workflow

Every command explains itself: praxiswache <command> --help

Exit codes: 0 ok (scan: nothing at or above --fail-on; diff: nothing changed), 1 findings or
changes, 2 usage error such as a bad flag, target or unknown id (nothing was sent or changed),
3 runtime failure.

Environment:
  PRAXISWACHE_DATA       data directory of the SQLite store (default ~/.local/share/praxiswache)
  PRAXISWACHE_DB         postgres://user:password@host/db instead of SQLite
  PRAXISWACHE_SMTP_URL   mail server for alerts and reminders; PRAXISWACHE_SMTP_FROM the sender
  PRAXISWACHE_WEBHOOK_SECRET   HMAC key for site webhooks (site add)
  PRAXISWACHE_AUTHOR     who makes incident changes (default: the login name)
  PRAXISWACHE_CHROMIUM   Chromium for PDF notices (default /usr/bin/chromium, else PATH)
  PRAXISWACHE_DEBUG      print stack traces on runtime failures
  NO_COLOR               no colours (also --no-color on scan and demo)
  LANG, LC_ALL           a German locale (LANG=de_DE.UTF-8) gives German reports, lists and
                         this overview; --lang de|en chooses per command. Alerts follow the
                         site's --lang, notices and the register default to German.

Scan only networks you are responsible for.`,
  de: `
Erste Schritte:
  praxiswache demo                                   an einem simulierten Praxisnetz ausprobieren
  praxiswache scan 203.0.113.7                       öffentliche IP der Praxis, kuratierte Ports
  praxiswache site add praxis-celle --land NI --targets 203.0.113.7 --email it@praxis.example
  praxiswache watch --once praxis-celle              scannen, speichern, bei Neuem alarmieren
  praxiswache incident open --site praxis-celle --title "…" --finding 31   Datenpanne nach DSGVO

Jeder Befehl erklärt sich selbst: praxiswache <befehl> --help
(Die Optionsbeschreibungen sind englisch; Berichte, Listen, Alarme und Dokumente gibt es
auf Deutsch: mit deutscher Locale wie LANG=de_DE.UTF-8 oder --lang de.)

Exit-Codes: 0 in Ordnung (scan: nichts ab --fail-on; diff: nichts geändert), 1 Befunde oder
Änderungen, 2 Bedienfehler wie falsche Option, falsches Ziel, unbekannte Nummer (nichts wurde
gesendet oder geändert), 3 Laufzeitfehler.

Umgebung:
  PRAXISWACHE_DATA       Datenverzeichnis (Vorgabe ~/.local/share/praxiswache)
  PRAXISWACHE_DB         postgres://benutzer:passwort@host/db statt SQLite
  PRAXISWACHE_SMTP_URL   Mailserver für Alarme und Fristerinnerungen; PRAXISWACHE_SMTP_FROM Absender
  PRAXISWACHE_WEBHOOK_SECRET   HMAC-Schlüssel für Webhooks (site add)
  PRAXISWACHE_AUTHOR     wer Vorfälle ändert (Vorgabe: Anmeldename)
  PRAXISWACHE_CHROMIUM   Chromium für PDF-Meldungen
  PRAXISWACHE_DEBUG      Stacktraces bei Laufzeitfehlern
  NO_COLOR               keine Farben (auch --no-color bei scan und demo)

Scannen Sie nur Netze, für die Sie verantwortlich sind.`,
};

export function overview(lang: Lang): string {
  return OVERVIEW[lang];
}

/**
 * Every command names its own --help in the hint after an error, and commander's "error:" becomes
 * "praxiswache:" like the errors the commands throw themselves.
 */
export function configureErrorHints(command: Command, path: string[] = []): void {
  const here = path.length > 0 ? `praxiswache ${path.join(' ')}` : 'praxiswache';
  command.showHelpAfterError(`(run "${here} --help" for usage)`);
  command.configureOutput({
    outputError: (text, write) => write(text.replace(/^error: /, 'praxiswache: ')),
  });
  for (const sub of command.commands) configureErrorHints(sub, [...path, sub.name()]);
}
