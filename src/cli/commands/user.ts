import type { Command } from 'commander';
import { UsageError } from '../../core/types.js';
import { MAX_PASSWORD_LENGTH } from '../../dashboard/password.js';
import { UserRepository } from '../../dashboard/users.js';
import { pick } from '../../respond/text.js';
import { addStoreOptions, withStore } from '../../store/cli-options.js';
import type { StoreOptions } from '../../store/open.js';
import { LANG_HELP, resolveLang } from '../options.js';

/** The first line of standard input; more than a password's worth of bytes is refused. */
async function readPasswordLine(): Promise<string> {
  const limit = MAX_PASSWORD_LENGTH * 4 + 2;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    size += chunk.length;
    if (size > limit) throw new UsageError(`the password on standard input is longer than ${MAX_PASSWORD_LENGTH} characters`);
    if (chunk.includes(0x0a)) break;
  }
  const line = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  if (!line) throw new UsageError('no password on standard input (e.g. read -rs PW; printf "%s\\n" "$PW" | praxiswache user add NAME --password-stdin)');
  return line;
}

/** One line typed on the terminal without echo. Listens to 'data' rather than iterating, which would end stdin after the first line. */
function askHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  return new Promise((resolve, reject) => {
    let text = '';
    const finish = (error?: Error): void => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(text);
    };
    const onData = (chunk: Buffer): void => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return finish();
        if (ch === '\u0003' || ch === '\u0004') return finish(new UsageError('cancelled'));
        if (ch === '\u007f' || ch === '\b') text = text.slice(0, -1);
        else if (text.length < MAX_PASSWORD_LENGTH) text += ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** Asks on the terminal without echo, twice. */
async function promptPassword(lang: 'de' | 'en'): Promise<string> {
  const first = await askHidden(pick(lang, 'Passwort: ', 'Password: '));
  const second = await askHidden(pick(lang, 'Passwort wiederholen: ', 'Repeat password: '));
  if (first !== second) throw new UsageError('the two passwords differ');
  return first;
}

export function register(program: Command): void {
  const user = program.command('user').description('manage who may log in to the dashboard (stored with the data: --data or --db)');

  addStoreOptions(
    user
      .command('add <name>')
      .description('add a dashboard user; the password comes from standard input, never from the command line')
      .option('--password-stdin', 'read the password from the first line of standard input without prompting (scripts)')
      .option('--replace', 'set a new password when the user exists')
      .option('--lang <de|en>', LANG_HELP)
      .addHelpText(
        'after',
        '\nThe password needs at least 12 characters; it is stored only as a scrypt hash.\n' +
          'Examples:\n' +
          '  praxiswache user add anna                          # asks twice, without echo\n' +
          '  printf "%s\\n" "$PW" | praxiswache user add anna --password-stdin\n' +
          '  praxiswache user add anna --replace --password-stdin < pw.txt\n',
      ),
  ).action(async (name: string, flags: StoreOptions & { passwordStdin?: boolean; replace?: boolean; lang?: string }) => {
    const lang = resolveLang(flags.lang);
    const password = !flags.passwordStdin && process.stdin.isTTY ? await promptPassword(lang) : await readPasswordLine();
    await withStore(flags, async (store) => {
      const { created } = await new UserRepository(store).add(name, password, { replace: flags.replace ?? false });
      process.stdout.write(
        created
          ? pick(lang, `Benutzer ${name} angelegt. Start: praxiswache dashboard\n`, `added user ${name}. Start with: praxiswache dashboard\n`)
          : pick(lang, `neues Passwort für ${name} gesetzt\n`, `new password set for ${name}\n`),
      );
    });
  });

  addStoreOptions(user.command('list').description('list dashboard users (names and dates, never passwords)'))
    .option('--lang <de|en>', LANG_HELP)
    .action(async (flags: StoreOptions & { lang?: string }) => {
      const lang = resolveLang(flags.lang);
      await withStore(flags, async (store) => {
        const users = await new UserRepository(store).list();
        if (users.length === 0) process.stdout.write(pick(lang, 'noch keine Benutzer: praxiswache user add NAME\n', 'no users yet: praxiswache user add NAME\n'));
        for (const u of users) process.stdout.write(`${u.name}\t${u.createdAt}\t${u.updatedAt}\n`);
      });
    });

  addStoreOptions(
    user
      .command('token <name>')
      .description("issue an API token for scripts (replaces the user's earlier one), or revoke it")
      .option('--revoke', 'remove the token instead')
      .option('--lang <de|en>', LANG_HELP)
      .addHelpText(
        'after',
        '\nThe token is printed once and stored only as its SHA-256. It reads the JSON API (GET /api/v1/…), not the pages.\n' +
          'Example:\n' +
          '  TOKEN=$(praxiswache user token monitoring)\n' +
          '  curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:8765/api/v1/incidents\n',
      ),
  ).action(async (name: string, flags: StoreOptions & { revoke?: boolean; lang?: string }) => {
    const lang = resolveLang(flags.lang);
    await withStore(flags, async (store) => {
      const users = new UserRepository(store);
      if (flags.revoke) {
        await users.revokeToken(name);
        process.stdout.write(pick(lang, `API-Token von ${name} widerrufen\n`, `revoked the API token of ${name}\n`));
      } else {
        process.stdout.write(`${await users.issueToken(name)}\n`);
      }
    });
  });

  addStoreOptions(user.command('remove <name>').description('remove a dashboard user; a running dashboard logs them out at their next request'))
    .option('--lang <de|en>', LANG_HELP)
    .action(async (name: string, flags: StoreOptions & { lang?: string }) => {
      const lang = resolveLang(flags.lang);
      await withStore(flags, async (store) => {
        await new UserRepository(store).remove(name);
        process.stdout.write(pick(lang, `Benutzer ${name} entfernt\n`, `removed user ${name}\n`));
      });
    });
}
