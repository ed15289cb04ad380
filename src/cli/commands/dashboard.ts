import type { Command } from 'commander';
import { UsageError } from '../../core/types.js';
import { DEFAULT_LISTEN, parseListen } from '../../dashboard/listen.js';
import { startDashboard } from '../../dashboard/server.js';
import { UserRepository } from '../../dashboard/users.js';
import { addStoreOptions } from '../../store/cli-options.js';
import { openStore, type StoreOptions } from '../../store/open.js';
import { oneOf } from '../options.js';

interface DashboardFlags extends StoreOptions {
  listen: string;
  allowRemote?: boolean;
  lang: 'de' | 'en';
}

export function register(program: Command): void {
  addStoreOptions(
    program
      .command('dashboard')
      .description('serve the dashboard: sites, open findings, deviations, incidents with their 72-hour clock (login required)')
      .option('--listen <address:port>', 'where to listen; a non-loopback address also needs --allow-remote', DEFAULT_LISTEN)
      .option('--allow-remote', 'allow an address other than loopback (put TLS in front: the dashboard speaks plain HTTP)')
      .option('--lang <de|en>', 'language of the pages (each page also takes ?lang=de or ?lang=en)', oneOf('--lang', ['de', 'en'] as const), 'de')
      .addHelpText(
        'after',
        '\nFirst add a user (the password is read from standard input, never from the command line):\n' +
          '  praxiswache user add anna\n' +
          'Then start the dashboard and open http://127.0.0.1:8765/ in a browser on the same machine:\n' +
          '  praxiswache dashboard\n' +
          '  praxiswache dashboard --db postgres://praxis@db.internal/praxiswache --lang en\n' +
          'From other machines, better through an SSH tunnel than --allow-remote:\n' +
          '  ssh -L 8765:127.0.0.1:8765 praxis-server     # then http://127.0.0.1:8765/ locally\n' +
          '\nSessions end after 30 minutes without a request and 8 hours after login, and when the dashboard restarts.\n' +
          'Exit codes: 0 stopped with Ctrl-C or SIGTERM, 2 bad flag or no user yet, 3 could not listen or open the store.\n',
      ),
  ).action(async (flags: DashboardFlags) => {
    const listen = parseListen(flags.listen);
    if (!listen.loopback && !flags.allowRemote) {
      throw new UsageError(`--listen ${flags.listen} is reachable from other machines: add --allow-remote if that is intended (default ${DEFAULT_LISTEN})`);
    }
    const store = await openStore({ ...(flags.data ? { data: flags.data } : {}), ...(flags.db ? { db: flags.db } : {}) });
    try {
      if ((await new UserRepository(store).count()) === 0) {
        throw new UsageError('no dashboard user yet: add one first with "praxiswache user add NAME" (the password is read from standard input)');
      }
      if (!listen.loopback) {
        process.stderr.write(
          `praxiswache: WARNING: the dashboard listens on ${listen.host}, reachable from other machines, over plain HTTP. ` +
            'Passwords and session cookies cross the network unencrypted unless a TLS proxy is in front.\n',
        );
      }
      const running = await startDashboard({ store, lang: flags.lang, host: listen.host, port: listen.port });
      process.stdout.write(`praxiswache dashboard: ${running.url} (store: ${store.location}; Ctrl-C stops)\n`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await running.close();
    } finally {
      await store.close();
    }
  });
}
