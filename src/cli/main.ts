/**
 * The command-line program: parse, call the library, render, exit. Each command lives in its own
 * file under ./commands and registers itself here. Errors become exit codes in one place.
 */
import { Command, CommanderError } from 'commander';
import { DvdsError } from '../errors.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { registerAnonymise } from './commands/anonymise.js';
import { registerAudit } from './commands/audit.js';
import { registerDiff } from './commands/diff.js';
import { registerGenerate } from './commands/generate.js';
import { registerInit } from './commands/init.js';
import { registerRules } from './commands/rules.js';
import { registerValidate } from './commands/validate.js';
import { exitCodeFor } from './exit-code.js';
import type { CliIO } from './io.js';
import { processIO } from './io.js';

export function buildProgram(io: CliIO): Command {
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
  registerValidate(program, io);
  registerAudit(program, io);
  registerRules(program, io);
  registerDiff(program, io);
  registerGenerate(program, io);
  registerAnonymise(program, io);
  registerInit(program, io);
  return program;
}

/** Runs the CLI and returns its exit code; never throws. */
export async function main(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  const debug = argv.includes('--debug');
  const program = buildProgram(io);
  try {
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
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`${TOOL_NAME}: internal error: ${message}\n`);
    if (debug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    else io.stderr('(run again with --debug for the stack trace, and report it)\n');
    return exitCodeFor({ error });
  }
}
