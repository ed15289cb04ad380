/**
 * `praxiswache incident open|show|list|update|close|assess|notice` — the GDPR breach workflow.
 *
 *   praxiswache incident open --site praxis-celle --title "Befundserver offen" --finding 12 --aware-at 2024-03-29T10:00
 *   praxiswache incident assess 1 --dpc 4 --ei 1 --confidentiality 0.5
 *   praxiswache incident show 1 --format json
 *   praxiswache incident notice 1 --to authority --lang de --format html > meldung.html
 *   praxiswache incident notice 1 --to authority --lang de --format pdf -o meldung.pdf   # needs chromium
 *   praxiswache incident remind --once          # Art. 33 deadline reminders, from cron
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { UsageError } from '../../core/types.js';
import {
  authorOf, collect, oneOf, parseChoice, parseCount, parseId, parseLang, parseList, parseNumber, parseTime,
  withService, type StoreFlags,
} from '../../respond/cli-support.js';
import { registerRemind } from '../../respond/cli-remind.js';
import { ART34_GROUNDS, type Art34Ground } from '../../respond/decision.js';
import { buildPatientLetter } from '../../respond/letter-art34.js';
import type { IncidentDetails } from '../../respond/model.js';
import type { IncidentPatch } from '../../respond/service.js';
import { buildAuthorityNotice } from '../../respond/notice-art33.js';
import { renderPdf, requireChromium } from '../../respond/pdf.js';
import { buildRegisterEntry } from '../../respond/register.js';
import { render } from '../../respond/render.js';
import {
  AVAILABILITY_VALUES, CONFIDENTIALITY_VALUES, DATA_CATEGORIES, EI_VALUES, INTEGRITY_VALUES, adjustmentsForTargetDpc, categoryForDpc,
  type DataCategory,
} from '../../respond/severity.js';
import { incidentJson, incidentText, missingNoticeLines } from '../../respond/summary.js';
import { addStoreOptions } from '../../store/cli-options.js';
import { addFormatOptions, LANG_HELP, outputFormat, resolveLang } from '../options.js';

type Flags = StoreFlags & Record<string, string | string[] | boolean | undefined>;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function out(text: string, file: string | undefined): void {
  if (file) writeFileSync(file, text, { mode: 0o600 });
  else process.stdout.write(text);
}

function detailsFrom(o: Flags): IncidentDetails | undefined {
  const d: IncidentDetails = {};
  const set = <K extends keyof IncidentDetails>(key: K, value: IncidentDetails[K] | undefined): void => {
    if (value !== undefined) d[key] = value;
  };
  set('controller', str(o.controller));
  set('nature', str(o.nature));
  set('subjectCategories', parseList(str(o.subjectCategories)));
  set('subjectsApprox', o.subjects === undefined ? undefined : parseCount(String(o.subjects), '--subjects'));
  set('recordCategories', parseList(str(o.recordCategories)));
  set('recordsApprox', o.records === undefined ? undefined : parseCount(String(o.records), '--records'));
  set('contact', str(o.contact));
  set('consequences', str(o.consequences));
  set('measures', str(o.measures));
  set('patientAdvice', str(o.patientAdvice));
  set('noRiskReasoning', str(o.registerOnlyReason));
  if (o.art34Exemption !== undefined) {
    const ground = oneOf<Art34Ground>(str(o.art34Exemption), '--art34-exemption', ART34_GROUNDS, 'a');
    d.art34Exemption = { ground, justification: str(o.art34Justification) ?? '' };
  }
  return Object.keys(d).length > 0 ? d : undefined;
}

function addDetailOptions(cmd: Command): Command {
  return cmd
    .option('--description <text>', 'free description')
    .option('--controller <text>', 'practice name and address (controller) for the notice')
    .option('--nature <text>', 'Art. 33(3)(a): what happened')
    .option('--subject-categories <list>', 'Art. 33(3)(a): categories of people, comma-separated')
    .option('--subjects <n>', 'Art. 33(3)(a): approximate number of people')
    .option('--record-categories <list>', 'Art. 33(3)(a): categories of data records, comma-separated')
    .option('--records <n>', 'Art. 33(3)(a): approximate number of records')
    .option('--contact <text>', 'Art. 33(3)(b): data protection officer or contact point')
    .option('--consequences <text>', 'Art. 33(3)(c): likely consequences')
    .option('--measures <text>', 'Art. 33(3)(d): measures taken or proposed')
    .option('--patient-advice <text>', 'what patients can do (letter to patients)')
    .option('--register-only-reason <text>', 'why the breach is unlikely to result in a risk (register only)')
    .option('--art34-exemption <a|b|c>', 'Art. 34(3) exemption from informing patients')
    .option('--art34-justification <text>', 'justification of the Art. 34(3) exemption');
}

/** Store flags, and --author on the commands that record a change. */
function addChangeOptions(cmd: Command): Command {
  return addStoreOptions(cmd).option('--author <name>', 'who makes this change, kept in the history (default: $PRAXISWACHE_AUTHOR, else the login name)');
}

const TIME_HELP = '\nTimes are ISO 8601 (2024-03-29T10:00); without an offset they are Berlin wall-clock time.\n';

const OVERVIEW = `
Walk-through:
  praxiswache incident open --site praxis-celle --title "Befunde über Port 444 offen" --finding 31 --aware-at 2024-03-29T10:00
  praxiswache incident assess 1 --dpc 4 --ei 1 --confidentiality 0.5     ENISA severity
  praxiswache incident show 1                    deadline, decision, what the notice still lacks
  praxiswache incident update 1 --controller "Praxis Dr. Muster, Celle" --nature "…" …
  praxiswache incident notice 1 --to authority --lang de --format html -o meldung.html
  praxiswache incident notice 1 --to patients --lang de -o patientenbrief.md
  praxiswache incident update 1 --notified-authority-at 2024-03-30T09:00
  praxiswache register export --format csv -o verzeichnis.csv

Finding ids are the #numbers of praxiswache diff, baseline show and the alerts.
Exit codes: 0 ok, 2 bad input or unknown incident (nothing was changed), 3 runtime failure.
This is support, not legal advice.
`;

export function register(program: Command): void {
  const incident = program
    .command('incident')
    .description('GDPR breach workflow: incidents, ENISA severity, 72-hour deadline, notices')
    .addHelpText('after', OVERVIEW);

  addChangeOptions(addDetailOptions(incident
    .command('open')
    .description('open an incident (from findings or manually); prints its id')
    .requiredOption('--title <text>', 'short title (required)')
    .option('--site <site>', 'site name or id (its Land decides the authority)')
    .option('--land <code>', 'Land code (BY, NI, …) when there is no site')
    .option('--finding <id>', 'linked finding id (repeatable)', collect)
    .option('--discovered-at <iso8601>', 'when it was discovered (default: now, or --aware-at when that is earlier)')
    .option('--aware-at <iso8601>', 'when the practice became aware: starts the 72-hour clock')
    .option('--aware-decided-by <name>', 'who decided that it is a breach (default: --author)')))
    .addHelpText('after', `${TIME_HELP}Example:\n  praxiswache incident open --site praxis-celle --title "Befunde über Port 444 offen" --finding 31 --aware-at 2024-03-29T10:00\n`)
    .action(async (o: Flags) => {
      const awareAt = parseTime(str(o.awareAt), '--aware-at');
      const discoveredAt = parseTime(str(o.discoveredAt), '--discovered-at');
      const id = await withService(o, (s) =>
        s.open(
          {
            title: String(o.title),
            description: str(o.description),
            site: str(o.site),
            land: str(o.land),
            findingIds: ((o.finding as string[] | undefined) ?? []).map((f) => parseId(f, 'finding id')),
            discoveredAt,
            awareAt,
            awareDecidedBy: str(o.awareDecidedBy),
            details: detailsFrom(o),
          },
          authorOf(o),
        ),
      );
      process.stdout.write(`${String(id)}\n`);
    });

  addStoreOptions(addFormatOptions(incident
    .command('show')
    .description('show an incident with severity, deadline and recommendation')
    .argument('<id>', 'incident id (see: praxiswache incident list)'))
    .option('--lang <de|en>', LANG_HELP))
    .action(async (id: string, o: Flags) => {
      const format = outputFormat(o);
      const lang = resolveLang(str(o.lang));
      const i = await withService(o, (s) => s.get(parseId(id)));
      process.stdout.write(format === 'json' ? `${JSON.stringify(incidentJson(i), null, 2)}\n` : incidentText(i, lang));
    });

  addStoreOptions(addFormatOptions(incident
    .command('list')
    .description('list incidents')
    .option('--status <open|closed>', 'only open or closed incidents'))
    .option('--lang <de|en>', LANG_HELP))
    .action(async (o: Flags) => {
      const format = outputFormat(o);
      const status = o.status === undefined ? undefined : oneOf(str(o.status), '--status', ['open', 'closed'] as const, 'open');
      const lang = resolveLang(str(o.lang));
      const all = await withService(o, (s) => s.list(status ? { status } : {}));
      process.stdout.write(format === 'json' ? `${JSON.stringify(all.map(incidentJson), null, 2)}\n` : all.map((i) => incidentText(i, lang)).join(''));
    });

  addChangeOptions(addDetailOptions(incident
    .command('update')
    .description('change an incident; every change is logged with time and author')
    .argument('<id>', 'incident id')
    .option('--title <text>', 'short title')
    .option('--land <code>', 'Land code when there is no site')
    .option('--finding <id>', 'link another finding (repeatable)', collect)
    .option('--discovered-at <iso8601>', 'when it was discovered')
    .option('--aware-at <iso8601>', 'when the practice became aware')
    .option('--aware-decided-by <name>', 'who decided that it is a breach')
    .option('--notified-authority-at <iso8601>', 'authority notified (again: a follow-up under Art. 33(4))')
    .option('--notified-patients-at <iso8601>', 'patients informed (Art. 34)')
    .option('--delay-reasons <text>', 'reasons for notifying after 72 hours (Art. 33(1))')
    .option('--lang <de|en>', `language of the summary printed afterwards: ${LANG_HELP}`)))
    .addHelpText('after', TIME_HELP)
    .action(async (id: string, o: Flags) => {
      const lang = resolveLang(str(o.lang));
      const patch: IncidentPatch = {
        title: str(o.title),
        description: str(o.description),
        land: str(o.land),
        discoveredAt: parseTime(str(o.discoveredAt), '--discovered-at'),
        awareAt: parseTime(str(o.awareAt), '--aware-at'),
        awareDecidedBy: str(o.awareDecidedBy),
        notifiedAuthorityAt: parseTime(str(o.notifiedAuthorityAt), '--notified-authority-at'),
        notifiedPatientsAt: parseTime(str(o.notifiedPatientsAt), '--notified-patients-at'),
        delayReasons: str(o.delayReasons),
        details: detailsFrom(o),
        addFindingIds: ((o.finding as string[] | undefined) ?? []).map((f) => parseId(f, 'finding id')),
      };
      const i = await withService(o, (s) => s.update(parseId(id), patch, authorOf(o)));
      process.stdout.write(incidentText(i, lang));
    });

  addChangeOptions(incident
    .command('close')
    .description('close an incident (it stays in the register)')
    .argument('<id>', 'incident id')
    .option('--at <iso8601>', 'closing time (default: now)')
    .option('--lang <de|en>', `language of the summary printed afterwards: ${LANG_HELP}`))
    .action(async (id: string, o: Flags) => {
      const at = parseTime(str(o.at), '--at');
      const lang = resolveLang(str(o.lang));
      const i = await withService(o, (s) => s.close(parseId(id), authorOf(o), at));
      process.stdout.write(incidentText(i, lang));
    });

  addChangeOptions(addFormatOptions(incident
    .command('assess')
    .description('ENISA 2013 severity: SE = DPC × EI + CB')
    .argument('<id>', 'incident id')
    .requiredOption('--dpc <n>', 'data processing context score 1–4 after adjustments (required; health data: 4)')
    .option('--category <c>', `data category (${DATA_CATEGORIES.join(', ')}); default: suggested by the findings, else the category with base score --dpc`)
    .option('--dpc-reason <text>', 'why the DPC differs from the base score of the category (required then)')
    .requiredOption('--ei <n>', 'ease of identification (required): 0.25, 0.5, 0.75 or 1 (names: 1)')
    .option('--confidentiality <n>', 'loss of confidentiality: 0, 0.25 (known recipients), 0.5 (unknown)', '0')
    .option('--integrity <n>', 'loss of integrity: 0, 0.25, 0.5', '0')
    .option('--availability <n>', 'loss of availability: 0, 0.25, 0.5', '0')
    .option('--malicious', 'malicious intent (+0.5)')
    .option('--affected <n>', 'number of people affected (flag above 100)')
    .option('--unintelligible', 'data unintelligible (strong encryption, key safe)')))
    .addHelpText('after', '\nExample (patient documents open to the internet):\n  praxiswache incident assess 1 --dpc 4 --ei 1 --confidentiality 0.5     SE = 4.5, very high\n')
    .action(async (id: string, o: Flags) => {
      const format = outputFormat(o);
      const dpc = parseNumber(String(o.dpc), '--dpc');
      if (dpc < 1 || dpc > 4) throw new UsageError(`--dpc must lie between 1 and 4 (got ${String(dpc)})`);
      const ei = parseChoice(String(o.ei), '--ei', EI_VALUES);
      const confidentiality = parseChoice(String(o.confidentiality), '--confidentiality', CONFIDENTIALITY_VALUES);
      const integrity = parseChoice(String(o.integrity), '--integrity', INTEGRITY_VALUES);
      const availability = parseChoice(String(o.availability), '--availability', AVAILABILITY_VALUES);
      const affected = o.affected === undefined ? undefined : parseCount(String(o.affected), '--affected');
      const result = await withService(o, async (s) => {
        const incident = await s.get(parseId(id));
        const category: DataCategory =
          o.category !== undefined
            ? oneOf(str(o.category), '--category', DATA_CATEGORIES, 'simple')
            : (incident.suggestions.category ?? categoryForDpc(dpc));
        const adjustments = adjustmentsForTargetDpc(category, dpc, str(o.dpcReason));
        return s.assess(
          incident.id,
          {
            category, adjustments, ei, confidentiality, integrity, availability, malicious: o.malicious === true,
            ...(affected !== undefined ? { affected } : incident.details.subjectsApprox !== undefined ? { affected: incident.details.subjectsApprox } : {}),
            unintelligible: o.unintelligible === true,
          },
          authorOf(o),
        );
      });
      const text = `SE = ${String(result.score)} – ${result.label.en} / ${result.label.de} (level ${String(result.level)}, ${result.band})\n`;
      process.stdout.write(format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : text);
    });

  addChangeOptions(incident
    .command('notice')
    .description('generate the Art. 33 notice, the Art. 34 patient letter or the register entry')
    .argument('<id>', 'incident id')
    .requiredOption('--to <authority|patients|register>', 'which document (required)')
    .option('--lang <de|en>', 'language of the document (default: de, whatever the locale: it goes to German authorities and patients)')
    .option('--format <md|html|pdf>', 'output format (pdf needs Chromium and -o)', 'md')
    .option('-o, --out <file>', 'write to a file (mode 0600) instead of stdout')
    .option('--mark-ready', 'record that the Art. 33 notice is complete and ready to send (refused while items are missing)'))
    .addHelpText(
      'after',
      '\nWhile particulars are missing the document is marked DRAFT and lists them (see: praxiswache incident show ID).\n' +
        'Examples:\n  praxiswache incident notice 1 --to authority --format html -o meldung.html\n' +
        '  praxiswache incident notice 1 --to patients -o patientenbrief.md\n',
    )
    .action(async (id: string, o: Flags) => {
      const to = oneOf(str(o.to), '--to', ['authority', 'patients', 'register'] as const, 'authority');
      const lang = parseLang(str(o.lang) ?? 'de');
      const format = oneOf(str(o.format), '--format', ['md', 'html', 'pdf'] as const, 'md');
      const incidentId = parseId(id);
      const file = str(o.out);
      // Checked before anything is recorded: a PDF that cannot be made must not mark the notice ready.
      if (format === 'pdf' && !file) throw new UsageError('--format pdf writes a file: give -o FILE');
      const chromium = format === 'pdf' ? requireChromium() : undefined;
      const { doc, missing } = await withService(o, async (s) => {
        if (o.markReady === true) {
          if (to !== 'authority') throw new UsageError('--mark-ready applies to --to authority');
          await s.markNoticeReady(incidentId, authorOf(o));
        }
        const i = await s.get(incidentId);
        if (to === 'authority') return buildAuthorityNotice(i, lang);
        if (to === 'patients') return buildPatientLetter(i, lang);
        return { doc: buildRegisterEntry(i, lang), missing: [] };
      });
      if (chromium && file) {
        const bytes = await renderPdf(render(doc, 'html'), file, { chromium });
        process.stderr.write(`${file}: PDF, ${String(bytes)} bytes\n`);
      } else {
        out(render(doc, format === 'html' ? 'html' : 'md'), file);
        if (file) process.stderr.write(`${file}: ${format === 'html' ? 'HTML' : 'Markdown'} written\n`);
      }
      // Said on stderr too: a draft written to a file is easy to send by mistake.
      if (missing.length > 0) {
        const screen = resolveLang(undefined);
        const fill = `praxiswache incident update ${String(incidentId)}`;
        const head = screen === 'de' ? `ENTWURF, es fehlt noch (ergänzen mit: ${fill} …):` : `DRAFT, still missing (fill in with: ${fill} …):`;
        process.stderr.write(`${[head, ...missingNoticeLines(missing, screen).map((l) => `  ${l}`)].join('\n')}\n`);
      }
    });

  registerRemind(incident);
}
