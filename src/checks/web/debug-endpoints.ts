import type { Localized } from '../../core/types.js';
import type { HttpReply } from '../http-client.js';
import { same } from '../evidence.js';

/**
 * Debug and status endpoints as data (in the spirit of nuclei templates): a path and at least
 * two markers that must ALL be present in the reply, so that a page merely mentioning a word
 * is never taken for the endpoint.
 */
export interface DebugEndpoint {
  path: string;
  /** What it is, for the evidence. */
  name: Localized;
  /** HEAD only: the body may be huge (heap dumps hold every secret and session in memory). */
  headOnly?: boolean;
  markers: readonly ((reply: HttpReply, text: string) => boolean)[];
}

const inBody = (pattern: RegExp) => (_: HttpReply, text: string) => pattern.test(text);
const header = (name: string, pattern: RegExp) => (reply: HttpReply) => pattern.test(reply.headers[name] ?? '');

export const DEBUG_ENDPOINTS: readonly DebugEndpoint[] = [
  {
    path: '/server-status',
    name: { de: 'Apache server-status (Client-Adressen und aufgerufene URLs)', en: 'Apache server-status (client addresses and requested URLs)' },
    markers: [inBody(/<title>Apache Status<\/title>|Apache Server Status for/i), inBody(/Server uptime:|Total accesses:|Scoreboard Key/i)],
  },
  {
    path: '/server-info',
    name: { de: 'Apache server-info (vollständige Konfiguration)', en: 'Apache server-info (full configuration)' },
    markers: [inBody(/Apache Server Information/i), inBody(/Server Settings|Module Name:/i)],
  },
  {
    path: '/nginx_status',
    name: same('nginx stub_status'),
    markers: [inBody(/^Active connections: \d+/m), inBody(/server accepts handled requests/)],
  },
  {
    path: '/actuator/env',
    name: { de: 'Spring Boot Actuator env (Konfiguration und geheime Werte)', en: 'Spring Boot actuator env (configuration and secrets)' },
    markers: [header('content-type', /json/i), inBody(/"activeProfiles"\s*:/), inBody(/"propertySources"\s*:/)],
  },
  {
    path: '/env',
    name: { de: 'Spring-Boot-1.x-Endpunkt env', en: 'Spring Boot 1.x env endpoint' },
    markers: [header('content-type', /json/i), inBody(/"profiles"\s*:/), inBody(/"systemProperties"|"systemEnvironment"/)],
  },
  {
    path: '/actuator/heapdump',
    name: { de: 'Spring Boot Actuator Heap-Dump (Speicherabbild mit geheimen Werten und Sitzungen)', en: 'Spring Boot actuator heap dump (memory with secrets and sessions)' },
    headOnly: true,
    markers: [header('content-type', /octet-stream|hprof/i), (reply) => Number(reply.headers['content-length'] ?? 0) > 1_000_000 || /heapdump/i.test(reply.headers['content-disposition'] ?? '')],
  },
  {
    path: '/debug/vars',
    name: { de: 'Go expvar (Kommandozeile und Speicherstatistik)', en: 'Go expvar (command line and memory statistics)' },
    markers: [header('content-type', /json/i), inBody(/"cmdline"\s*:/), inBody(/"memstats"\s*:/)],
  },
  {
    path: '/debug/pprof/',
    name: { de: 'Go-pprof-Profiling-Übersicht', en: 'Go pprof profiling index' },
    markers: [inBody(/<title>\/debug\/pprof\/<\/title>/), inBody(/goroutine/), inBody(/heap/)],
  },
  {
    path: '/_debugbar/open',
    name: { de: 'Laravel-Debugbar-Speicher (aufgezeichnete Anfragen)', en: 'Laravel Debugbar storage (recorded requests)' },
    markers: [header('content-type', /json/i), inBody(/"datetime"\s*:/), inBody(/"utime"\s*:/)],
  },
];

/** True when every marker of the endpoint is present. */
export function matchesEndpoint(endpoint: DebugEndpoint, reply: HttpReply): boolean {
  const text = reply.body.toString('latin1');
  return endpoint.markers.every((m) => m(reply, text));
}
