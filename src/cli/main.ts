/**
 * The command-line program: parse, call the library, render, exit. Each command lives in its own
 * file under ./commands and registers itself here. Errors become exit codes in one place.
 */
import { Command, CommanderError } from 'commander';
import { DvdsError, EXIT_USER_ERROR } from '../errors.js';
import { environmentError } from '../shared/system-error.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { exitCodeFor } from './exit-code.js';
import type { CliIO, TerminalIO } from './io.js';
import { processIO, terminalIO } from './io.js';

type Register = (program: Command, io: TerminalIO) => void;

// Each command's module is imported only when that command runs (or for the full --help), so
// `dvds-audit validate` does not pay for loading the report formatters, the generator and so on.
const COMMANDS: Readonly<Record<string, () => Promise<Register>>> = {
  validate: async () => (await import('./commands/validate.js')).registerValidate,
  audit: async () => (await import('./commands/audit.js')).registerAudit,
  rules: async () => (await import('./commands/rules.js')).registerRules,
  diff: async () => (await import('./commands/diff.js')).registerDiff,
  generate: async () => (await import('./commands/generate.js')).registerGenerate,
  anonymise: async () => (await import('./commands/anonymise.js')).registerAnonymise,
  init: async () => (await import('./commands/init.js')).registerInit,
};

/** The command a command line runs, when it names one of ours. */
function commandOf(argv: readonly string[]): string | undefined {
  const word = argv.slice(2).find((a) => !a.startsWith('-'));
  return word !== undefined && Object.hasOwn(COMMANDS, word) ? word : undefined;
}

/** The program with every command, or only `only` when the command line names it (none for `''`). */
export async function buildProgram(io: TerminalIO, only?: string): Promise<Command> {
  const program = new Command();
  program
    .name(TOOL_NAME)
    .description("Audit Domestic Violence Disclosure Scheme (Clare's Law) exports: findings, IOPC referrals, safeguarding.")
    .version(TOOL_VERSION)
    .option('--debug', 'print stack traces for errors')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout(s),
      writeErr: (s) => io.stderr(s),
    });
  const names = only === undefined ? Object.keys(COMMANDS) : only === '' ? [] : [only];
  for (const name of names) (await COMMANDS[name]!())(program, io);
  return program;
}

/** Runs the CLI and returns its exit code; never throws. */
export async function main(argv: readonly string[], streams: CliIO = processIO()): Promise<number> {
  const debug = argv.includes('--debug');
  // The one place the CLI writes to the terminal: every command's stdout and stderr, help and the
  // errors below included, pass the terminal sanitiser (an error may quote a path, an id or a header).
  const io = terminalIO(streams);
  try {
    // `--version` alone needs no command: loading them all cost 0.3 s before the version printed.
    const versionOnly = argv.length === 3 && (argv[2] === '--version' || argv[2] === '-V');
    const program = await buildProgram(io, versionOnly ? '' : commandOf(argv));
    await program.parseAsync([...argv]);
    return io.exitCode();
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are exits of their own; commander has printed the message already.
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
      return exitCodeFor({ error });
    }
    if (error instanceof DvdsError) {
      io.stderr(`${TOOL_NAME}: ${error.message}\n`);
      if (debug && error.stack) io.stderr(`${error.stack}\n`);
      return exitCodeFor({ error });
    }
    // A path, a permission, a full or read-only disk: the user's to fix (exit 2), not a bug.
    const environment = environmentError(error);
    if (environment !== null) {
      io.stderr(`${TOOL_NAME}: ${environment}\n`);
      if (debug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
      return EXIT_USER_ERROR;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`${TOOL_NAME}: internal error: ${message}\n`);
    if (debug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    else io.stderr('(run again with --debug for the stack trace, and report it)\n');
    return exitCodeFor({ error });
  }
}
