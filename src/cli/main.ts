#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { UsageError } from '../core/types.js';
import { VERSION } from '../core/version.js';
import { registerCommands } from './commands/index.js';
import { EXIT } from './exit-codes.js';
import { configureErrorHints, overview } from './help-text.js';
import { resolveLang } from './options.js';
import { exitQuietlyOnClosedStdout } from './stdout.js';

const program = new Command('praxiswache')
  .description(
    'Finds the open doors through which practices leak patient data, watches that they stay shut, ' +
      'and walks you through the GDPR breach workflow when they were open.',
  )
  .version(VERSION)
  .addHelpText('after', overview(resolveLang(undefined)))
  .exitOverride();

exitQuietlyOnClosedStdout();
try {
  await registerCommands(program, process.argv);
  configureErrorHints(program);
  await program.parseAsync(process.argv);
} catch (err) {
  process.exitCode = exitCodeFor(err);
}

function exitCodeFor(err: unknown): number {
  if (err instanceof CommanderError) {
    // --help and --version arrive here as "errors" with exit code 0.
    return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (err instanceof UsageError) {
    process.stderr.write(`praxiswache: ${err.message}\n`);
    return EXIT.usage;
  }
  const message = err instanceof Error ? (process.env.PRAXISWACHE_DEBUG ? err.stack : err.message) : String(err);
  process.stderr.write(`praxiswache: error: ${message}\n`);
  return EXIT.runtime;
}
