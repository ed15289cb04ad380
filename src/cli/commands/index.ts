import type { Command } from 'commander';

type Registrar = (program: Command) => void;

/**
 * Order here is the order in --help: the find → watch → respond loop. Modules load lazily so a
 * command pays only for its own dependencies (database drivers, mail, DICOM…): start-up time is
 * part of every scan's time.
 */
const COMMANDS: readonly [string, () => Promise<{ register: Registrar }>][] = [
  ['scan', () => import('./scan.js')],
  ['ports', () => import('./ports.js')],
  ['checks', () => import('./checks.js')],
  ['lab', () => import('./lab.js')],
  ['demo', () => import('./demo.js')],
  ['site', () => import('./site.js')],
  ['diff', () => import('./diff.js')],
  ['baseline', () => import('./baseline.js')],
  ['report', () => import('./report.js')],
  ['watch', () => import('./watch.js')],
  ['queue', () => import('./queue.js')],
  ['worker', () => import('./worker.js')],
  ['incident', () => import('./incident.js')],
  ['register', () => import('./register.js')],
  ['dashboard', () => import('./dashboard.js')],
  ['user', () => import('./user.js')],
];

/** Registers the command named in argv, or every command when none is named (help, typos). */
export async function registerCommands(program: Command, argv: readonly string[]): Promise<void> {
  const args = argv.slice(2);
  const named = args.find((a) => !a.startsWith('-'));
  if (named === undefined && (args.includes('--version') || args.includes('-V'))) return;
  const wanted = COMMANDS.filter(([name]) => name === named);
  for (const [, load] of wanted.length > 0 ? wanted : COMMANDS) (await load()).register(program);
}
