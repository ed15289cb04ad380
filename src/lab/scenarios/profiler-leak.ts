import { randomBytes } from 'node:crypto';
import { composeInstance } from '../compose.js';
import { startMysqlGreetingServer } from '../mysql-greeting-server.js';
import { startProfilerServer } from '../profiler-server.js';
import type { Scenario } from '../scenario.js';

/**
 * dubidoc 2022 (seed 002): an appointment service runs Symfony in debug mode; its profiler's
 * phpinfo panel prints the database and mail DSNs, and the database port itself answers from
 * outside. The credentials are synthetic and new on every start.
 */
export const profilerLeak: Scenario = {
  name: 'profiler-leak',
  description: {
    de: 'dubidoc 2022: Symfony-Profiler im Debug-Modus zeigt Datenbank- und Mail-Zugangsdaten, die Datenbank ist erreichbar',
    en: 'dubidoc 2022: Symfony profiler in debug mode shows database and mail credentials, the database is reachable',
  },
  expectedFindings: ['http.symfony-profiler', 'http.phpinfo'],
  async start({ addressPrefix }) {
    const web = `${addressPrefix}.3.1`;
    const db = `${addressPrefix}.3.2`;
    const secret = (): string => randomBytes(12).toString('base64url');
    const environment = {
      APP_ENV: 'dev',
      APP_SECRET: randomBytes(16).toString('hex'),
      DATABASE_URL: `mysql://termine:${secret()}@${db}:3306/termine?serverVersion=8.0`,
      MAILER_DSN: `smtp://buchung%40praxis.example:${secret()}@mail.praxis.example:587`,
    };
    return composeInstance('profiler-leak', [web, db], [
      {
        description: 'appointment app in Symfony debug mode: profiler with phpinfo panel leaking synthetic DSNs',
        start: () => startProfilerServer({ host: web, port: 80, debug: true, environment }),
      },
      {
        description: 'database port answering from outside (MySQL greeting, refuses logins)',
        start: () => startMysqlGreetingServer(db, 3306),
      },
    ]);
  },
};
